// Hostile manifests through execute(), the engine the action and the CLI run: every case ends in
// an error that names the file, the document, the field and what is accepted, and writes nothing
// (the embedded mesh's request log). Problems the manifests alone show are found before the
// cluster is even contacted; what only the server can judge is found by a dry run of the whole
// batch before the first write.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { ClusterConnection } from '../src/ports.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
} from './support/promote-cluster.js';

// The shapes these cases touch (each document has only some of them).
interface Dest {
  destination: { host?: string; subset?: string };
  weight?: unknown;
}
interface Json {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string };
  spec: {
    http: { name?: string; route: Dest[] }[];
    template: { spec: { containers: { name: string; image: string }[] } };
  };
}

const FLASK = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8');
const flask = (): Json[] => loadAll(FLASK) as Json[];
const render = (docs: unknown[]) => docs.map((d) => dump(d, { lineWidth: -1 })).join('---\n');
const vsOf = (docs: Json[]) => docs.find((d) => d.kind === 'VirtualService')!;
const dep = (docs: Json[], name: string) => docs.find((d) => d.metadata.name === name)!;
const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

/** A "billion laughs" document: each level lists the previous one `fan` times. */
function aliasBomb(levels: number, fan: number, seed = 'lol'): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', `l0: &l0 "${seed}"`];
  for (let i = 1; i <= levels; i++)
    lines.push(`l${i}: &l${i} [${Array.from({ length: fan }, () => `*l${i - 1}`).join(', ')}]`);
  lines.push(`data: {x: "y"}`);
  return `${lines.join('\n')}\n`;
}

interface Case {
  name: string;
  /** Files written into the case's folder (default: app.yaml with the flask seed). */
  files?: Record<string, string | Buffer>;
  /** Changes to the flask documents written as app.yaml. */
  edit?: (docs: Json[]) => Json[] | void;
  inputs?: Record<string, string>;
  /** Every pattern must match the error. */
  errors: RegExp[];
}

const cases: Case[] = [
  {
    name: 'an object above the 1 MiB object limit, as document 7 (after six good ones)',
    edit: (d) => [...d, configMap('big', { blob: 'x'.repeat(1_200_000) }) as unknown as Json],
    errors: [/app\.yaml document 7: larger than 1 MiB \(1048576 bytes of JSON\)/, /up to 1 MiB/],
  },
  {
    name: 'a file above the 8 MiB file limit is refused unread',
    files: { 'app.yaml': FLASK, 'huge.yaml': `# ${'x'.repeat(9 * 1024 * 1024)}\n` },
    inputs: { manifests: 'app.yaml,huge.yaml' },
    errors: [/huge\.yaml: 94371\d\d bytes is larger than 8 MiB, the largest manifest file/],
  },
  {
    name: 'a YAML alias bomb with thousands of aliases',
    files: { 'app.yaml': `${FLASK}---\n${aliasBomb(12, 10)}` },
    errors: [/app\.yaml document 7: more than 100 YAML aliases/, /at most 100 per document/],
  },
  {
    name: 'a YAML alias bomb within the alias count that expands past 1 MiB',
    files: { 'app.yaml': `${FLASK}---\n${aliasBomb(8, 9, 'x'.repeat(200))}` },
    errors: [/app\.yaml document 7: larger than 1 MiB .*once its YAML aliases are expanded/],
  },
  {
    name: 'Latin-1 bytes in a UTF-8 file: the byte offset and line',
    files: {
      'app.yaml': Buffer.concat([
        Buffer.from(FLASK),
        Buffer.from('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {greeting: "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}\n'),
      ]),
    },
    errors: [
      new RegExp(
        `app\\.yaml: byte ${Buffer.byteLength(FLASK) + 76} \\(line ${FLASK.split('\n').length + 4}\\) is not valid UTF-8 \\(0xe9\\); manifests must be UTF-8 text`,
      ),
    ],
  },
  {
    name: 'a UTF-16 file',
    files: { 'app.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FLASK, 'utf16le')]) },
    errors: [/app\.yaml: byte 0 \(line 1\) is not valid UTF-8 .*UTF-16 byte order mark: save it as UTF-8/],
  },
  {
    name: 'an empty file among good ones',
    files: { 'app.yaml': FLASK, 'empty.yaml': '' },
    inputs: { manifests: 'app.yaml,empty.yaml' },
    errors: [/empty\.yaml: is empty; every manifest file must hold at least one object/],
  },
  {
    name: 'a file with only comments and separators',
    files: { 'app.yaml': FLASK, 'notes.yaml': '# todo\n---\n# later\n---\n' },
    inputs: { manifests: 'app.yaml,notes.yaml' },
    errors: [/notes\.yaml: has no Kubernetes object \(only comments/],
  },
  {
    name: 'a document that is a string',
    files: { 'app.yaml': `${FLASK}---\njust some words\n` },
    errors: [/app\.yaml document 7: expected a Kubernetes object \(a mapping\), got string/],
  },
  {
    name: 'a document that is a list',
    files: { 'app.yaml': `- a\n- b\n---\n${FLASK}` },
    errors: [/app\.yaml document 1: expected a Kubernetes object \(a mapping\), got a list/],
  },
  {
    name: 'missing apiVersion and kind',
    edit: (d) => [...d, { metadata: { name: 'x' } } as Json],
    errors: [/app\.yaml document 7: missing apiVersion/, /app\.yaml document 7: missing kind/],
  },
  {
    name: 'missing metadata.name',
    edit: (d) => [...d, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } as Json],
    errors: [/app\.yaml document 7 \(ConfigMap\): missing metadata\.name/],
  },
  {
    name: 'a name that is not a DNS name',
    edit: (d) => [...d, configMap('My_Config', {}) as unknown as Json],
    errors: [
      /document 7 \(ConfigMap My_Config\): metadata\.name "My_Config" is not a valid name \(lowercase/,
    ],
  },
  {
    name: 'a device as a manifest file (/dev/zero would never end)',
    files: { 'app.yaml': FLASK },
    inputs: { manifests: 'app.yaml,/dev/zero' },
    errors: [/\/dev\/zero: is not a regular file \(a device, pipe or socket\); manifests are YAML files/],
  },
  {
    name: 'a name that is a number, and a Service name starting with a digit',
    edit: (d) => {
      d[0]!.metadata.name = 12 as unknown as string;
      d[2]!.metadata.name = '1web';
    },
    errors: [
      /document 1 \(Deployment\): metadata\.name is 12 \(a number\); accepted: a string DNS name/,
      /document 3 \(Service 1web\): metadata\.name "1web" is not a valid Service name \(a DNS label.*starting with a letter\)/,
    ],
  },
  {
    name: 'cluster: kind with a bad manifest: no cluster is created',
    edit: (d) => void (vsOf(d).spec.http[0]!.route[0]!.weight = '80'),
    inputs: { cluster: 'kind' },
    errors: [/route\[0\] \(host smartcarapp-svc, subset v1\) weight is "80" \(a string\)/],
  },
  {
    name: 'spec.http that is a string',
    edit: (d) => void ((vsOf(d).spec as Record<string, unknown>).http = 'oops'),
    errors: [
      /app\.yaml document 6 \(VirtualService smartcarapp\): spec\.http is "oops" \(a string\); accepted: a list of routes/,
    ],
  },
  {
    name: 'a route whose route list is a mapping',
    edit: (d) =>
      void ((vsOf(d).spec.http[0] as Record<string, unknown>).route = {
        destination: { host: 'smartcarapp-svc' },
      }),
    errors: [
      /document 6 \(VirtualService smartcarapp\): spec\.http\[0\]\.route is .*\(a mapping\); accepted: a list of destinations/,
    ],
  },
  {
    name: 'a weight given as a string',
    edit: (d) => {
      const http = vsOf(d).spec.http[0]!;
      http.name = 'primary';
      http.route[1]!.weight = '20';
    },
    errors: [
      /document 6 \(VirtualService smartcarapp\): spec\.http\[0\] \(route "primary"\)\.route\[1\] \(host smartcarapp-svc, subset v2\) weight is "20" \(a string\); accepted: a whole number from 0 to 100/,
    ],
  },
  {
    name: 'a fractional weight',
    edit: (d) => {
      vsOf(d).spec.http[0]!.route[0]!.weight = 79.5;
      vsOf(d).spec.http[0]!.route[1]!.weight = 20.5;
    },
    errors: [
      /route\[0\] \(host smartcarapp-svc, subset v1\) weight is 79\.5 \(a number\); accepted: a whole number/,
    ],
  },
  {
    name: 'weights outside 0..100 that still sum to 100',
    edit: (d) => {
      vsOf(d).spec.http[0]!.route[0]!.weight = 110;
      vsOf(d).spec.http[0]!.route[1]!.weight = -10;
    },
    errors: [/route\[0\] .*weight is 110 \(a number\)/, /route\[1\] .*weight is -10 \(a number\)/],
  },
  {
    name: 'weights summing to 90',
    edit: (d) => void (vsOf(d).spec.http[0]!.route[0]!.weight = 70),
    errors: [/app\.yaml document 6: spec\.http\[0\] weights sum to 90 \(70 \+ 20\); Istio needs 100/],
  },
  {
    name: 'a destination without a host',
    edit: (d) => void delete vsOf(d).spec.http[0]!.route[1]!.destination.host,
    errors: [/spec\.http\[0\]\.route\[1\]\.destination has no host \(got undefined/],
  },
  {
    name: 'route 5 on a VirtualService with one route',
    inputs: { route: '5' },
    errors: [
      /route: route 5 does not exist \(no http route at index 5\); VirtualService smartcarapp has 1 http route\(s\): 0 \(no name\)/,
    ],
  },
  {
    name: 'a route name that does not exist',
    edit: (d) => void (vsOf(d).spec.http[0]!.name = 'primary'),
    inputs: { route: 'admin' },
    errors: [
      /route: no http route named "admin"; VirtualService smartcarapp has 1 http route\(s\): 0 \(named primary\)/,
    ],
  },
  {
    name: 'every document in another namespace than the input',
    edit: (d) => d.forEach((x) => (x.metadata.namespace = 'other')),
    errors: [
      /app\.yaml document 1 \(Deployment smartcarapp-v1\): metadata\.namespace is "other" but the namespace input is "shop"/,
      /app\.yaml document 6 \(VirtualService smartcarapp\): metadata\.namespace is "other" but the namespace input is "shop"/,
      /remove metadata\.namespace from the document or set namespace: other/,
    ],
  },
  {
    name: 'one document in another namespace',
    edit: (d) => void (d.find((x) => x.kind === 'Service')!.metadata.namespace = 'kube-system'),
    errors: [
      /document 3 \(Service smartcarapp-svc\): metadata\.namespace is "kube-system" but the namespace input is "shop"/,
    ],
  },
  {
    name: 'a Namespace document for another namespace',
    edit: (d) => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } } as Json, ...d],
    errors: [
      /document 1 \(Namespace elsewhere\): creates namespace "elsewhere" but the namespace input is "shop"/,
    ],
  },
  {
    name: 'a namespace that is not a DNS label',
    edit: (d) => void (d[2]!.metadata.namespace = 'Shop_1'),
    errors: [
      /document 3 \(Service smartcarapp-svc\): metadata\.namespace "Shop_1" \(a string\) is not a valid namespace name/,
    ],
  },
  {
    name: 'canary-image with a sidecar identical in canary and stable: candidates listed',
    edit: (d) => {
      for (const name of ['smartcarapp-v1', 'smartcarapp-v2'])
        dep(d, name).spec.template.spec.containers.push({
          name: 'log-shipper',
          image: 'fluent/fluent-bit:3.0',
        });
      dep(d, 'smartcarapp-v2').spec.template.spec.containers[0]!.image = 'example/smartcarapp:1.0';
    },
    inputs: { 'canary-image': 'example/smartcarapp:2.1' },
    errors: [
      /canary-image: several containers of canary Deployment smartcarapp-v2 match stable Deployment smartcarapp-v1's; candidates: smartcarapp \(example\/smartcarapp:1\.0\), log-shipper \(fluent\/fluent-bit:3\.0\); set the container input/,
    ],
  },
  {
    name: 'a container input the canary does not have',
    inputs: { 'canary-image': 'example/smartcarapp:2.1', container: 'web' },
    errors: [
      /container: canary Deployment smartcarapp-v2 has no container "web"; its containers are smartcarapp \(example\/smartcarapp:2\.0\)/,
    ],
  },
  {
    name: 'invalid YAML in a second file, reported with a problem of the first',
    files: {
      'app.yaml': render(flask().map((x) => (x.kind === 'Service' ? { ...x, apiVersion: undefined } : x))),
      'more.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   bad: indent\n',
    },
    inputs: { manifests: 'app.yaml,more.yaml' },
    errors: [
      /app\.yaml document 3 \(Service smartcarapp-svc\): missing apiVersion/,
      /more\.yaml document 1: invalid YAML at line 5/,
    ],
  },
];

let cluster: TestCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 5 });
  dir = await mkdtemp(path.join(tmpdir(), 'hostile-manifests-'));
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

function recordingIo(): Io {
  return {
    logger: new RecordingLogger(),
    print: () => undefined,
    setOutput: () => undefined,
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
}

/** Runs execute() on the case's files; resolves with the error and how often the cluster was connected. */
async function attempt(
  files: Record<string, string | Buffer>,
  inputs: Record<string, string>,
  command = 'run',
): Promise<{ error: Error | null; connects: number; reporter: RecordingReporter }> {
  const caseDir = await mkdtemp(path.join(dir, 'case-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(caseDir, name), content);
  cluster.api.clearRequests();
  let connects = 0;
  const connect = (): Promise<ClusterConnection> => {
    connects++;
    return Promise.resolve({
      kubeconfig: cluster.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: null,
      created: false,
      close: () => Promise.resolve(),
    });
  };
  const reporter = new RecordingReporter();
  const settings = settingsFor({
    command,
    manifests: 'app.yaml',
    namespace: 'shop',
    steps: '20,50,100',
    'load-url': 'http://127.0.0.1:9',
    ...inputs,
  });
  const error = await execute(settings, recordingIo(), new AbortController().signal, {
    connect,
    metrics: () => new ScriptedMetrics({ script: [] }),
    reporter: () => reporter,
    cwd: caseDir,
  }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  return { error, connects, reporter };
}

describe('hostile manifests through execute(): a named error before the cluster is contacted', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    let files = c.files;
    if (!files) {
      const docs = flask();
      files = { 'app.yaml': render(c.edit?.(docs) ?? docs) };
    }
    const { error, connects } = await attempt(files, c.inputs ?? {});
    expect(error, 'the run should have failed').toBeInstanceOf(Error);
    for (const pattern of c.errors) expect(error!.message).toMatch(pattern);
    // Not connected at all: no cluster created, no request of any kind.
    expect(connects).toBe(0);
    expect(cluster.api.requests).toEqual([]);
  });

  it('the unmodified seed passes the same checks (the cases above fail for their own reason)', async () => {
    const { error, connects } = await attempt({ 'app.yaml': FLASK }, {}, 'status');
    expect(error).toBeNull();
    expect(connects).toBe(1);
    expect(cluster.writes()).toEqual([]);
  });
});

describe('what only the server can refuse: a dry run of the whole batch before the first write', () => {
  it('a VirtualService the API refuses (last in apply order) is named, and nothing was written before it', async () => {
    cluster.api.faults.forbid('patch', 'networking.istio.io', 'virtualservices');
    try {
      const { error, connects } = await attempt({ 'app.yaml': FLASK }, {});
      expect(connects).toBe(1);
      expect(error?.message).toMatch(
        /app\.yaml document 6 \(VirtualService shop\/smartcarapp\): the API server refused it in a dry run \(403 Forbidden\): .*cannot patch resource "virtualservices"/,
      );
    } finally {
      cluster.api.faults.allow('patch', 'networking.istio.io', 'virtualservices');
    }
    // The Deployments and the Service come first in apply order: not one was written, no Lease either.
    expect(cluster.writes()).toEqual([]);
    const dry = cluster.api.requests.filter((r) => r.query.dryRun === 'All').map((r) => r.resource);
    expect(dry).toEqual([
      'services',
      'deployments',
      'deployments',
      'destinationrules',
      'gateways',
      'virtualservices',
    ]);
  });

  it('every refused document is named in one error', async () => {
    cluster.api.faults.forbid('patch', '', 'services');
    cluster.api.faults.forbid('patch', 'networking.istio.io', 'gateways');
    try {
      const { error } = await attempt({ 'app.yaml': FLASK }, {});
      expect(error?.message).toMatch(/^manifests: 2 problems:/);
      expect(error?.message).toMatch(
        /app\.yaml document 3 \(Service shop\/smartcarapp-svc\): the API server refused it in a dry run \(403/,
      );
      expect(error?.message).toMatch(
        /app\.yaml document 4 \(Gateway shop\/smartcarapp-gateway\): the API server refused it in a dry run \(403/,
      );
    } finally {
      cluster.api.faults.allow('patch', '', 'services');
      cluster.api.faults.allow('patch', 'networking.istio.io', 'gateways');
    }
    expect(cluster.writes()).toEqual([]);
  });
});

describe('canary-image changes one container', () => {
  it('with a log-shipper sidecar, only the app container of the canary gets the image', async () => {
    const docs = flask();
    for (const name of ['smartcarapp-v1', 'smartcarapp-v2'])
      dep(docs, name).spec.template.spec.containers.push({
        name: 'log-shipper',
        image: 'fluent/fluent-bit:3.0',
      });
    // Own namespace for this test, so the state of the cases above does not matter.
    await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sidecar' } });
    const { error } = await attempt(
      { 'app.yaml': render(docs) },
      {
        command: 'step',
        namespace: 'sidecar',
        'canary-image': 'example/smartcarapp:2.1',
      },
    );
    expect(error).toBeNull();
    const containers = (name: string) =>
      (
        cluster.api.object('apps', 'deployments', 'sidecar', name) as {
          spec: { template: { spec: { containers: { name: string; image: string }[] } } };
        }
      ).spec.template.spec.containers.map((c) => `${c.name}=${c.image}`);
    expect(containers('smartcarapp-v2')).toEqual([
      'smartcarapp=example/smartcarapp:2.1',
      'log-shipper=fluent/fluent-bit:3.0',
    ]);
    expect(containers('smartcarapp-v1')).toEqual([
      'smartcarapp=example/smartcarapp:1.0',
      'log-shipper=fluent/fluent-bit:3.0',
    ]);
  });
});
