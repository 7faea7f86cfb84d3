// Derives the CRDs the embedded mesh serves (src/sim/crds/*.ts) and the conformance suite applies
// to a real kube-apiserver v1.20 (__tests__/fixtures/conformance/istio-crds.yaml) from Istio's and
// the Gateway API's own published CRDs, so both servers prune, validate and default with the real
// schemas. Usage:
//   npx tsx scripts/derive-crds.ts <istio git dir> <istio ref> <gateway-api git dir> <gateway-api ref>
// e.g. the mirrors of github.com/istio/istio at 1.30.3 and kubernetes-sigs/gateway-api at v1.6.1.
//
// The transform keeps everything a v1.20 server accepts and acts on (types, enums, required,
// bounds, patterns, formats, defaults, list/map types, preserve-unknown-fields, printer columns,
// subresources) and removes:
// - x-kubernetes-validations (CEL rules need 1.25+; 1.20 drops the unknown keyword silently, so
//   keeping them would only make the fixture say something neither server checks);
// - schema descriptions (documentation only: no effect on pruning, validation or defaulting; they
//   are 90% of the bytes and dist/ bundles this text);
// - `default: ""` (the Gateway API's group defaults): 1.20 reads the empty string as null and
//   refuses the whole CRD ("must be of type string: "null"");
// - CRD/version fields newer than 1.20 (selectableFields) and the generated status.
// Identical per-version schemas are written once (a YAML anchor), as Istio's three versions share one.
// Output is formatted with the repository's prettier config, so re-running reproduces the
// checked-in files byte for byte.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dump, loadAll } from 'js-yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ISTIO_PATH = 'manifests/charts/base/files/crd-all.gen.yaml';
export const ISTIO_CRDS = [
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
];
export const GATEWAY_API_FILES = ['gatewayclasses', 'gateways', 'httproutes', 'referencegrants'].map(
  (r) => `config/crd/standard/gateway.networking.k8s.io_${r}.yaml`,
);

const SCHEMA_DROP = new Set(['description', 'x-kubernetes-validations']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'additionalItems', 'not']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

/** A JSON schema node without the keywords 1.20 ignores or that only document. */
export function stripSchema(s: Json): Json {
  if (Array.isArray(s)) return s.map(stripSchema);
  if (!isObj(s)) return s;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(s)) {
    if (SCHEMA_DROP.has(k)) continue;
    // v1.20 reads `default: ""` as null and refuses the CRD ("must be of type string: "null"").
    if (k === 'default' && v === '') continue;
    if (SCHEMA_MAPS.has(k) && isObj(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, stripSchema(sub)]));
    else if (SCHEMA_ONE.has(k) || SCHEMA_LISTS.has(k)) out[k] = stripSchema(v);
    else out[k] = v;
  }
  return out;
}

const VERSION_KEEP = [
  'name',
  'served',
  'storage',
  'deprecated',
  'deprecationWarning',
  'schema',
  'subresources',
  'additionalPrinterColumns',
];
const SPEC_KEEP = ['group', 'names', 'scope', 'conversion', 'preserveUnknownFields', 'versions'];

/** One published CRD made acceptable to a v1.20 API server (see the header). */
export function deriveCrd(crd: JsonObject): JsonObject {
  const meta = isObj(crd['metadata']) ? crd['metadata'] : {};
  const spec = isObj(crd['spec']) ? crd['spec'] : {};
  const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []).filter(isObj);
  const shared = new Map<string, Json>();
  const outVersions = versions.map((v) => {
    const o: JsonObject = {};
    for (const k of VERSION_KEEP) {
      if (v[k] === undefined) continue;
      if (k !== 'schema') {
        o[k] = v[k];
        continue;
      }
      const schema = isObj(v[k]) ? v[k] : {};
      const stripped: JsonObject = {
        ...schema,
        openAPIV3Schema: stripSchema(schema['openAPIV3Schema'] ?? null),
      };
      const key = JSON.stringify(stripped);
      if (!shared.has(key)) shared.set(key, stripped);
      o[k] = shared.get(key) ?? stripped;
    }
    return o;
  });
  const outSpec: JsonObject = {};
  for (const k of SPEC_KEEP) if (spec[k] !== undefined) outSpec[k] = k === 'versions' ? outVersions : spec[k];
  const outMeta: JsonObject = { name: meta['name'] ?? null };
  if (isObj(meta['labels'])) outMeta['labels'] = meta['labels'];
  if (isObj(meta['annotations'])) outMeta['annotations'] = meta['annotations'];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: outMeta,
    spec: outSpec,
  };
}

export interface Source {
  repo: string;
  ref: string;
  commit: string;
  path: string;
  text: string;
}

/** The derived YAML stream (with a provenance header) of the named CRDs found in the sources. */
export function deriveYaml(sources: Source[], names: string[] | undefined): string {
  const header = [
    '# Generated by scripts/derive-crds.ts from (do not edit; re-run the script):',
    ...sources.map((s) => `#   github.com/${s.repo} ${s.ref} (${s.commit}) ${s.path}`),
    '# x-kubernetes-validations (CEL, 1.25+), schema descriptions and post-1.20 fields removed.',
  ];
  const docs: string[] = [];
  for (const s of sources)
    for (const d of loadAll(s.text)) {
      if (!isObj(d) || d['kind'] !== 'CustomResourceDefinition') continue;
      const name = isObj(d['metadata']) ? d['metadata']['name'] : undefined;
      if (names && (typeof name !== 'string' || !names.includes(name))) continue;
      docs.push(dump(deriveCrd(d), { lineWidth: -1, noRefs: false }));
    }
  return `${header.join('\n')}\n${docs.map((d) => `---\n${d}`).join('')}`;
}

/**
 * A TypeScript module exporting the derived CRDs as compact JSON (bundles with ncc without file
 * reads, a tenth of the YAML's size): one string per CRD, a version whose schema equals an earlier
 * version's has that version's name in place of the schema (see src/sim/crds/index.ts).
 */
export function asModule(yaml: string, sources: string, constName: string): string {
  const crds = loadAll(yaml).filter(isObj);
  const lines = crds.map((crd) => {
    const spec = crd['spec'] as JsonObject;
    const seen = new Map<string, string>();
    const versions = (spec['versions'] as JsonObject[]).map((v) => {
      const key = JSON.stringify(v['schema']);
      const first = seen.get(key);
      if (first !== undefined) return { ...v, schema: first };
      seen.set(key, typeof v['name'] === 'string' ? v['name'] : '');
      return v;
    });
    return `  ${JSON.stringify(JSON.stringify({ ...crd, spec: { ...spec, versions } }))},`;
  });
  return (
    `// Generated by scripts/derive-crds.ts from ${sources}; do not edit.\n` +
    `// The CRDs the embedded API server installs at start, as JSON (see src/sim/crds/index.ts).\n\n` +
    `export const ${constName}: readonly string[] = [\n${lines.join('\n')}\n];\n`
  );
}

function gitShow(gitDir: string, ref: string, file: string): string {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${ref}:${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

async function pretty(text: string, file: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

async function main(argv: string[]): Promise<void> {
  const [istioGit, istioRef, gwGit, gwRef] = argv;
  if (!istioGit || !istioRef || !gwGit || !gwRef) {
    process.stderr.write(
      'usage: tsx scripts/derive-crds.ts <istio git dir> <istio ref> <gateway-api git dir> <gateway-api ref>\n',
    );
    process.exit(2);
  }
  const commit = (g: string, r: string): string =>
    execFileSync('git', ['--git-dir', g, 'rev-parse', `${r}^{commit}`], { encoding: 'utf8' }).trim();
  const istio: Source = {
    repo: 'istio/istio',
    ref: istioRef,
    commit: commit(istioGit, istioRef),
    path: ISTIO_PATH,
    text: gitShow(istioGit, istioRef, ISTIO_PATH),
  };
  const gw: Source[] = GATEWAY_API_FILES.map((f) => ({
    repo: 'kubernetes-sigs/gateway-api',
    ref: gwRef,
    commit: commit(gwGit, gwRef),
    path: f,
    text: gitShow(gwGit, gwRef, f),
  }));
  const root = path.resolve(import.meta.dirname, '..');
  const istioYaml = deriveYaml([istio], ISTIO_CRDS);
  const gwYaml = deriveYaml(gw, undefined);
  const outputs: [string, string][] = [
    ['src/sim/crds/istio.ts', asModule(istioYaml, `istio/istio ${istioRef} (${istio.commit})`, 'ISTIO_CRDS')],
    [
      'src/sim/crds/gateway-api.ts',
      asModule(gwYaml, `kubernetes-sigs/gateway-api ${gwRef} (${gw[0]?.commit ?? ''})`, 'GATEWAY_API_CRDS'),
    ],
    ['__tests__/fixtures/conformance/istio-crds.yaml', `${istioYaml}${gwYaml}`],
  ];
  for (const [rel, text] of outputs) {
    const file = path.join(root, rel);
    writeFileSync(file, await pretty(text, file));
    process.stdout.write(`wrote ${rel}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
