// finalize: git-pr, the manifest edit (src/gitops/edit.ts): a golden file for a commented,
// anchored, multi-document manifest (LF and CRLF), properties over generated manifests (only
// the image bytes change; an independent parser, js-yaml, reads the same objects with the new
// image), and every refusal named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  ManifestEditError,
  editManifestTexts,
  renderScalar,
  type GitEditTarget,
} from '../src/gitops/edit.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/gitops/podinfo.yaml');
const NEW = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const TARGET: GitEditTarget = {
  namespace: 'demo',
  stableDeployment: 'podinfo-stable',
  containers: [{ name: 'podinfo', image: NEW }],
  canaryDeployment: 'podinfo-canary',
};

/** The lines of `a` that differ from `b` (same line count expected unless lines were added). */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  return y.filter((line, i) => x[i] !== line);
}

describe('the podinfo manifest (golden)', () => {
  it('changes the image and adds replicas: 0 to the canary, everything else byte for byte', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const result = editManifestTexts([{ path: 'deploy/podinfo.yaml', text }], TARGET);
    const [file] = result.files;
    expect(file?.changed).toBe(true);
    await expect(file?.text).toMatchFileSnapshot('./golden/gitops-podinfo.yaml');
    expect(result.edits).toEqual([
      {
        path: 'deploy/podinfo.yaml',
        document: 2,
        line: 31,
        field: 'image',
        deployment: 'podinfo-stable',
        container: 'podinfo',
        from: 'ghcr.io/stefanprodan/podinfo:6.0.0',
        to: NEW,
      },
      {
        path: 'deploy/podinfo.yaml',
        document: 3,
        line: 43,
        field: 'replicas',
        deployment: 'podinfo-canary',
        container: null,
        from: '(unset: 1)',
        to: '0',
      },
    ]);
    // Exactly one line changed in place and one added.
    const before = text.split('\n');
    const after = (file?.text ?? '').split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((l) => !before.includes(l))).toEqual([
      '        - image: ghcr.io/stefanprodan/podinfo:6.1.0 # bumped by finalize',
      '  replicas: 0',
    ]);
  });

  it('keeps CRLF line endings (and adds the replicas line with CRLF)', async () => {
    const text = (await readFile(FIXTURE, 'utf8')).replace(/\n/g, '\r\n');
    const golden = await readFile(path.join(import.meta.dirname, 'golden/gitops-podinfo.yaml'), 'utf8');
    const result = editManifestTexts([{ path: 'p.yaml', text }], TARGET);
    expect(result.files[0]?.text).toBe(golden.replace(/\n/g, '\r\n'));
  });

  it('is idempotent: the edited text edits to itself, with no edit listed', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const once = editManifestTexts([{ path: 'p.yaml', text }], TARGET).files[0]?.text ?? '';
    const twice = editManifestTexts([{ path: 'p.yaml', text: once }], TARGET);
    expect(twice.files[0]).toEqual({ path: 'p.yaml', text: once, changed: false });
    expect(twice.edits).toEqual([]);
  });

  it('edits several containers, each in its own quoting style', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const result = editManifestTexts([{ path: 'p.yaml', text }], {
      ...TARGET,
      canaryDeployment: null,
      containers: [
        { name: 'podinfo', image: NEW },
        { name: 'sidecar', image: 'ghcr.io/acme/log-shipper:1.3' },
        { name: 'migrate', image: "ghcr.io/acme/it's:7" },
      ],
    });
    expect(changedLines(text, result.files[0]?.text ?? '')).toEqual([
      "          image: 'ghcr.io/acme/it''s:7'   # single-quoted on purpose",
      '        - image: ghcr.io/stefanprodan/podinfo:6.1.0 # bumped by finalize',
      '          image: "ghcr.io/acme/log-shipper:1.3"',
    ]);
  });

  it('finds the Deployment in the second of several files and leaves the others untouched', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const other = '# config\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "1"}\n';
    const result = editManifestTexts(
      [
        { path: 'a.yaml', text: other },
        { path: 'b.yaml', text },
      ],
      { ...TARGET, canaryDeployment: null },
    );
    expect(result.files.map((f) => f.changed)).toEqual([false, true]);
    expect(result.files[0]?.text).toBe(other);
    expect(result.edits.map((e) => `${e.path}#${e.document}:${e.line}`)).toEqual(['b.yaml#2:31']);
  });

  it('a JSON manifest stays JSON', () => {
    const text = `{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n  "metadata": {"name": "podinfo-stable"},\n  "spec": {"template": {"spec": {"containers": [\n    {"name": "podinfo", "image": "old:1"}\n  ]}}}\n}\n`;
    const out = editManifestTexts([{ path: 'd.json', text }], { ...TARGET, canaryDeployment: null });
    expect(out.files[0]?.text).toBe(text.replace('"old:1"', `"${NEW}"`));
    expect(JSON.parse(out.files[0]?.text ?? '')).toMatchObject({ kind: 'Deployment' });
  });

  it('reads a Deployment inside a kind: List and notes a canary that is not in Git', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: apps/v1',
      '  kind: Deployment',
      '  metadata: {name: podinfo-stable, namespace: demo}',
      '  spec:',
      '    template:',
      '      spec:',
      '        containers: [{name: podinfo, image: "old:1"}]',
      '',
    ].join('\n');
    const result = editManifestTexts([{ path: 'l.yaml', text }], TARGET);
    expect(result.files[0]?.text).toBe(text.replace('"old:1"', `"${NEW}"`));
    expect(result.notes).toEqual([
      'the canary Deployment demo/podinfo-canary is not in the manifests: its replicas are not written to Git',
    ]);
  });
});

describe('the repository examples', () => {
  it.each([
    ['examples/podinfo/deployments.yaml', 'podinfo-ga', 'podinfo-canary', 'podinfod', 'test'],
    [
      'examples/flask-smartcar/canary-deployment.yml',
      'smartcarapp-v1',
      'smartcarapp-v2',
      'smartcarapp',
      'default',
    ],
  ])(
    '%s: the stable gets the canary image, the canary 0 replicas, two lines change',
    async (file, stable, canary, container, namespace) => {
      const text = await readFile(path.join(import.meta.dirname, '..', file), 'utf8');
      const result = editManifestTexts([{ path: file, text }], {
        namespace,
        stableDeployment: stable,
        canaryDeployment: canary,
        containers: [{ name: container, image: 'ghcr.io/stefanprodan/podinfo:6.7.1' }],
      });
      const out = result.files[0]?.text ?? '';
      expect(changedLines(text, out)).toEqual([
        expect.stringMatching(/^ +image: ghcr\.io\/stefanprodan\/podinfo:6\.7\.1$/),
        expect.stringMatching(/^ +replicas: 0$/),
      ]);
      expect(out.split('\n')).toHaveLength(text.split('\n').length);
    },
  );
});

describe('refusals, each naming the file and document', () => {
  const deployment = (name: string, image: string, extra = '') =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${extra}spec:\n  template:\n    spec:\n      containers:\n      - name: podinfo\n        image: ${image}\n`;
  const refused = (files: { path: string; text: string }[], target: GitEditTarget = TARGET): string => {
    try {
      editManifestTexts(files, target);
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestEditError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('no such Deployment (another namespace does not count)', () => {
    expect(
      refused([{ path: 'a.yaml', text: deployment('podinfo-stable', 'x:1', '  namespace: prod\n') }]),
    ).toBe(
      'finalize git-pr: Deployment demo/podinfo-stable is in none of the manifests (a.yaml); finalize writes the promoted image where the stable Deployment is defined',
    );
  });

  it('no such container', () => {
    expect(
      refused([{ path: 'a.yaml', text: deployment('podinfo-stable', 'x:1') }], {
        ...TARGET,
        containers: [{ name: 'app', image: NEW }],
      }),
    ).toBe(
      'finalize git-pr: a.yaml document 1: Deployment podinfo-stable has no container app (it has podinfo)',
    );
  });

  it('defined in two documents', () => {
    expect(
      refused([
        { path: 'a.yaml', text: deployment('podinfo-stable', 'x:1') },
        {
          path: 'b.yaml',
          text: `---\n${deployment('other', 'y:1')}---\n${deployment('podinfo-stable', 'x:2')}`,
        },
      ]),
    ).toBe(
      'finalize git-pr: Deployment demo/podinfo-stable is defined 2 times (a.yaml document 1, b.yaml document 2); finalize edits one definition: keep one',
    );
  });

  it('an image set by a template marker (quoted, so the YAML parses)', () => {
    expect(refused([{ path: 'a.yaml', text: deployment('podinfo-stable', '"{{ .Values.image }}"') }])).toBe(
      "finalize git-pr: a.yaml document 1, container podinfo: the image is set by a template ({{ .Values.image }}); finalize edits literal images: set it where the template's value is defined",
    );
    expect(refused([{ path: 'a.yaml', text: deployment('podinfo-stable', '${IMAGE}') }])).toContain(
      'the image is set by a template (${IMAGE})',
    );
  });

  it('a helm template that is not YAML at all', () => {
    const text = `{{- if .Values.enabled }}\n${deployment('podinfo-stable', '{{ .Values.image }}')}{{- end }}\n`;
    expect(refused([{ path: 'templates/d.yaml', text }])).toBe(
      'finalize git-pr: templates/d.yaml document 1 is a template (it has {{ or ${), not a manifest; finalize edits plain manifests: point manifests at the rendered files',
    );
  });

  it('an image that is an alias, or an anchor that aliases repeat', () => {
    const alias = `x-image: &img old:1\n${deployment('podinfo-stable', '*img')}`;
    expect(refused([{ path: 'a.yaml', text: alias }])).toBe(
      'finalize git-pr: a.yaml document 1, container podinfo: image is a YAML alias (*img); write the value out to let finalize edit it',
    );
    const anchor = `${deployment('podinfo-stable', '&img old:1')}metadataCopy: *img\n`;
    expect(refused([{ path: 'a.yaml', text: anchor }])).toContain(
      'image is the anchor &img that aliases (*img) repeat',
    );
  });

  it('an image that is a block scalar', () => {
    expect(refused([{ path: 'a.yaml', text: deployment('podinfo-stable', '|\n          old:1') }])).toContain(
      'image is a block scalar',
    );
  });
});

describe('renderScalar', () => {
  it('keeps plain when it reads back, else double-quotes', () => {
    expect(renderScalar('PLAIN', 'registry:5000/a/b:1.0@sha256:abc')).toBe(
      'registry:5000/a/b:1.0@sha256:abc',
    );
    expect(renderScalar('PLAIN', 'true')).toBe('"true"');
    expect(renderScalar('PLAIN', '1.10')).toBe('"1.10"');
    expect(renderScalar('PLAIN', 'a #b')).toBe('"a #b"');
    expect(renderScalar('PLAIN', '*x')).toBe('"*x"');
    expect(renderScalar('QUOTE_SINGLE', "it's")).toBe("'it''s'");
    expect(renderScalar('QUOTE_SINGLE', 'a\nb')).toBe('"a\\nb"');
  });
});

// ---- properties over generated manifests ----

const IMAGE_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789./:-_@';
const imageRef = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...IMAGE_CHARS), minLength: 1, maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(...IMAGE_CHARS), maxLength: 12 }),
  )
  .map(([repo, tag]) => (tag === '' ? repo : `${repo}:${tag}`));
/** Any printable value: some need quoting in YAML (': ', ' #', leading *, &, !, quotes, 'true', '1.0'). */
const anyValue = fc
  .oneof(
    imageRef,
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.constantFrom(
      'true',
      '1.0',
      'null',
      '~',
      '*x',
      '&a b',
      '!t',
      'a: b',
      'a #b',
      "it's",
      'say "hi"',
      '- x',
      '? x',
      ' lead',
      'trail ',
      '%x',
      '@x',
      '`x',
    ),
  )
  .filter((v) => !/\{\{|\$\{/.test(v));
const comment = fc.string({ unit: fc.constantFrom(...'abc xyz#:-\'"'), maxLength: 15 }).map((s) => ` # ${s}`);
const maybeComment = fc.option(comment, { nil: '' });

interface Generated {
  text: string;
  /** Offset and length of the original image scalar's source in `text`. */
  at: number;
  length: number;
  original: string;
}

const manifest = fc
  .record({
    indent: fc.constantFrom(2, 4),
    seqIndented: fc.boolean(),
    crlf: fc.boolean(),
    style: fc.constantFrom<'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'>(
      'PLAIN',
      'QUOTE_SINGLE',
      'QUOTE_DOUBLE',
    ),
    original: anyValue,
    imageFirst: fc.boolean(),
    withNamespace: fc.boolean(),
    before: fc.integer({ min: 0, max: 2 }),
    after: fc.integer({ min: 0, max: 2 }),
    comments: fc.array(maybeComment, { minLength: 8, maxLength: 8 }),
    headerComment: fc.boolean(),
    docEnd: fc.boolean(),
  })
  .map((p): Generated => {
    const sp = (n: number) => ' '.repeat(n * p.indent);
    const c = (i: number) => p.comments[i] ?? '';
    const other = (i: number) =>
      `apiVersion: v1${c(i)}\nkind: ConfigMap\nmetadata:\n${sp(1)}name: cm-${i}\ndata:\n${sp(1)}k: 'v ${i}'${c(i + 1)}\n`;
    const seq = p.seqIndented ? sp(4) : sp(3);
    const item = `${seq}- `;
    const inItem = ' '.repeat(seq.length + 2);
    const original = renderScalar(p.style, p.original);
    const imageLine = (prefix: string) => `${prefix}image: \u0000${c(5)}\n`;
    const nameLine = (prefix: string) => `${prefix}name: podinfo${c(6)}\n`;
    const container = p.imageFirst
      ? imageLine(item) + nameLine(inItem)
      : nameLine(item) +
        imageLine(inItem) +
        `${inItem}ports:\n${inItem}${p.seqIndented ? sp(1) : ''}- containerPort: 9898\n`;
    const deployment =
      (p.headerComment ? `# the stable one${c(7)}\n` : '') +
      `apiVersion: apps/v1\nkind: Deployment${c(2)}\nmetadata:\n${sp(1)}name: podinfo-stable\n` +
      (p.withNamespace ? `${sp(1)}namespace: demo\n` : '') +
      `spec:${c(3)}\n${sp(1)}replicas: 2\n${sp(1)}template:\n${sp(2)}spec:\n${sp(3)}containers:${c(4)}\n` +
      `${seq}# a comment line inside the list\n` +
      container +
      (p.docEnd ? '...\n' : '');
    const docs = [
      ...Array.from({ length: p.before }, (_, i) => other(i)),
      deployment,
      ...Array.from({ length: p.after }, (_, i) => other(i + 3)),
    ];
    let text = docs.map((d, i) => (i === 0 ? d : `---\n${d}`)).join('');
    if (p.crlf) text = text.replace(/\n/g, '\r\n');
    const at = text.indexOf('\u0000');
    return {
      text: text.replace('\u0000', () => original),
      at,
      length: original.length,
      original: p.original,
    };
  });

describe('properties', () => {
  it('renderScalar: any value, in any style, reads back as itself (js-yaml), in block and flow context', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }).filter((v) => !/[\uD800-\uDFFF]/.test(v)),
        fc.constantFrom<'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'>('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'),
        (value, style) => {
          const text = renderScalar(style, value);
          expect(loadAll(`image: ${text} # c\n`)).toEqual([{ image: value }]);
          expect(loadAll(`- {name: x, image: ${text}}\n`)).toEqual([[{ name: 'x', image: value }]]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('only the image bytes change, and js-yaml reads the same objects with the new image', () => {
    fc.assert(
      fc.property(manifest, anyValue, (g, image) => {
        fc.pre(image !== g.original);
        const target = { ...TARGET, canaryDeployment: null, containers: [{ name: 'podinfo', image }] };
        const result = editManifestTexts([{ path: 'm.yaml', text: g.text }], target);
        const out = result.files[0]?.text ?? '';
        // Bytes: the same before and after the scalar's source.
        expect(out.slice(0, g.at)).toBe(g.text.slice(0, g.at));
        const tail = g.text.slice(g.at + g.length);
        expect(out.slice(out.length - tail.length)).toBe(tail);
        const written = out.slice(g.at, out.length - tail.length);
        expect(written).toBe(
          renderScalar(
            /^'/.test(g.text.slice(g.at))
              ? 'QUOTE_SINGLE'
              : /^"/.test(g.text.slice(g.at))
                ? 'QUOTE_DOUBLE'
                : 'PLAIN',
            image,
          ),
        );
        // Objects: an independent parser sees the original with only the image replaced.
        const expected = loadAll(g.text) as Record<string, unknown>[];
        for (const doc of expected)
          if (doc.kind === 'Deployment')
            (
              (doc as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template
                .spec.containers[0] as { image: string }
            ).image = image;
        expect(loadAll(out)).toEqual(expected);
        // And again: nothing more to do.
        expect(editManifestTexts([{ path: 'm.yaml', text: out }], target).files[0]?.changed).toBe(false);
        expect(result.edits).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
