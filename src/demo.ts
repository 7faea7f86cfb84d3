// `istio-canary demo`: the podinfo seed scenario on the embedded mesh, twice: a good canary
// that is promoted, then a slow canary that is rolled back. Prints the step tables and
// writes the markdown and JSON reports. The same engine as the action, nothing mocked.
import { safeLogger } from './log.js';
import { safeBlockText } from './redact.js';
import { dump, loadAll } from 'js-yaml';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgv, UsageError, type FlagSpecs } from './args.js';
import type { CliIo } from './cli.js';
import { execute, type Io } from './main.js';
import type { PromotionReport } from './model.js';
import type { Reporter } from './ports.js';
import { formatInputError, parseSettings } from './settings.js';
import { parseDuration, parseSteps } from './input-parsers.js';

const LATENCY = 'sim.istio-canary.dev/latency';
const ERROR_RATE = 'sim.istio-canary.dev/error-rate';

export interface DemoOptions {
  steps: string;
  interval: string;
  rps: string;
  stableLatency: string;
  badLatency: string;
  badErrorRate: string;
  out: string;
}

const DEFAULTS: DemoOptions = {
  steps: '10,60,100',
  interval: '4s',
  rps: '100',
  stableLatency: 'p50=20ms,p99=60ms',
  badLatency: 'p50=45ms,p99=150ms',
  badErrorRate: '0%',
  out: 'istio-canary-demo',
};

const FLAGS: Record<string, [keyof DemoOptions, string]> = {
  '--steps': ['steps', 'canary weights of both runs'],
  '--interval': ['interval', 'analysis window per step'],
  '--rps': ['rps', 'load generator rate (requests per second, open loop)'],
  '--stable-latency': ['stableLatency', 'latency profile of stable, and of the good canary'],
  '--canary-latency': ['badLatency', 'latency profile of the bad canary ("p50=<d>,p99=<d>")'],
  '--canary-error-rate': ['badErrorRate', 'error rate of the bad canary ("5%")'],
  '--out': ['out', 'folder for the reports (markdown and JSON)'],
};

export function demoHelp(): string {
  return [
    'istio-canary demo: the podinfo seed scenario on the embedded mesh, no cluster needed.',
    'Run 1 promotes a canary as fast as stable; run 2 rolls back a slower (or failing) canary.',
    '',
    'Usage: istio-canary demo [flags]',
    ...Object.entries(FLAGS).map(
      ([flag, [key, what]]) => `  ${flag.padEnd(20)} ${what} [default: ${DEFAULTS[key]}]`,
    ),
  ].join('\n');
}

function parseDemoFlags(argv: readonly string[]): DemoOptions {
  const specs: FlagSpecs = Object.fromEntries(
    Object.keys(FLAGS).map((flag) => [flag.slice(2), { type: 'string' as const }]),
  );
  const { values } = parseArgv(argv, specs, { help: 'istio-canary demo --help' });
  const options = { ...DEFAULTS };
  for (const [name, value] of Object.entries(values)) options[FLAGS[`--${name}`]![0]] = String(value);
  parseSteps(options.steps);
  parseDuration(options.interval);
  return options;
}

type Json = Record<string, unknown>;

/**
 * examples/podinfo of the package: one folder up from src/demo.ts, two from the CLI bundle
 * (dist/cli/index.js); the first folder upwards that has it.
 */
function podinfoExample(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'examples', 'podinfo');
    if (existsSync(join(candidate, 'istio.yaml'))) return `${candidate}/`;
    const up = dirname(dir);
    if (up === dir) throw new Error(`examples/podinfo not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The podinfo example with latency/error profiles on the pod templates (see docs/sim.md). */
async function writeScenario(dir: string, stable: Json, canary: Json): Promise<void> {
  const source = podinfoExample();
  for (const file of ['namespace.yaml', 'deployments.yaml', 'service.yaml', 'istio.yaml']) {
    const docs = loadAll(await readFile(join(source, file), 'utf8')) as Json[];
    for (const doc of docs) {
      if (doc.kind !== 'Deployment') continue;
      const name = (doc.metadata as { name: string }).name;
      const template = (doc.spec as { template: { metadata: { annotations?: Json } } }).template;
      template.metadata.annotations = {
        ...(template.metadata.annotations ?? {}),
        ...(name.endsWith('-canary') ? canary : stable),
      };
    }
    await writeFile(join(dir, file), docs.map((d) => dump(d, { lineWidth: 120 })).join('---\n'));
  }
}

/** Progress to the terminal; the final report is kept for the tables and files. */
function demoReporter(io: CliIo, keep: (r: PromotionReport) => void): Reporter {
  return {
    progress: (r) => {
      const last = r.history.at(-1);
      if (last) io.stderr(`  step ${last.step}: canary ${last.weight}% → ${last.verdict.outcome}\n`);
      return Promise.resolve();
    },
    final: (r) => {
      keep(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  };
}

async function runScenario(
  title: string,
  canaryImage: string,
  annotations: { stable: Json; canary: Json },
  options: DemoOptions,
  io: CliIo,
  signal: AbortSignal,
): Promise<PromotionReport> {
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-demo-'));
  try {
    await writeScenario(dir, annotations.stable, annotations.canary);
    const inputs: Record<string, string> = {
      command: 'run',
      cluster: 'sim',
      // The podinfo example lives in namespace test (examples/podinfo/namespace.yaml).
      namespace: 'test',
      manifests: join(dir, '*.yaml'),
      'canary-image': canaryImage,
      steps: options.steps,
      interval: options.interval,
      'load-host': 'podinfo.co.uk',
      'load-rps': options.rps,
      'min-requests': '20',
      'rollout-timeout': '30s',
      comment: 'never',
    };
    const parsed = parseSettings((name) => inputs[name] ?? '', {});
    if (!parsed.ok) throw new Error(parsed.errors.map(formatInputError).join('\n'));
    io.stderr(`\n== ${title}\n`);
    let report: PromotionReport | null = null;
    const runIo: Io = {
      logger: safeLogger({
        info: (m) => io.stderr(`  ${m}\n`),
        warning: (m) => io.stderr(`  warning: ${m}\n`),
        error: (m) => io.stderr(`  error: ${m}\n`),
        debug: () => undefined,
      }),
      print: (t) => io.stdout(`${safeBlockText(t)}\n`),
      setOutput: () => undefined,
      setSecret: () => undefined,
      state: { save: () => undefined, get: () => '' },
    };
    await execute(parsed.settings, runIo, signal, { reporter: () => demoReporter(io, (r) => (report = r)) });
    if (!report) throw new Error(`${title}: the promotion ended without a report`);
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runDemoCommand(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${demoHelp()}\n`);
    return 0;
  }
  let options: DemoOptions;
  try {
    options = parseDemoFlags(argv);
  } catch (e) {
    if (e instanceof UsageError) for (const p of e.problems) io.stderr(`error: ${p}\n`);
    else io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const { renderReport, renderTerminalTable } = await import('./report/markdown.js');
  const { reportToJson } = await import('./report/json.js');
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const stable = { [LATENCY]: options.stableLatency, [ERROR_RATE]: '0%' };
  const runs = [
    {
      file: 'good-canary',
      title: 'run 1: a canary as fast as stable (expect: promoted)',
      image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
      canary: stable,
      expect: 'promoted',
    },
    {
      file: 'slow-canary',
      title: `run 2: a canary with latency ${options.badLatency} and ${options.badErrorRate} errors (expect: rolled back)`,
      image: 'ghcr.io/stefanprodan/podinfo:6.7.2',
      canary: { [LATENCY]: options.badLatency, [ERROR_RATE]: options.badErrorRate },
      expect: 'rolled-back',
    },
  ];
  let ok = true;
  for (const run of runs) {
    const report = await runScenario(
      run.title,
      run.image,
      { stable, canary: run.canary },
      options,
      io,
      signal,
    );
    io.stdout(`\n${renderTerminalTable(report)}\n`);
    const md = join(out, `${run.file}.md`);
    await writeFile(md, renderReport(report));
    await writeFile(join(out, `${run.file}.json`), reportToJson(report));
    io.stdout(
      `report: ${join(basename(out), `${run.file}.md`)} (markdown, as the PR comment shows it) and .json\n`,
    );
    if (report.status !== run.expect) {
      ok = false;
      io.stderr(`unexpected: ${run.file} ended ${report.status}, expected ${run.expect}\n`);
    }
    if (signal.aborted) return 130;
  }
  return ok ? 0 : 1;
}
