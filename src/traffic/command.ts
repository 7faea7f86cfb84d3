// `istio-canary load`: the built-in open-loop load generator on its own, printing per-version
// counts, rate, errors by kind and latency percentiles (a `hey` replacement for CI jobs).
import { collectArgs, UsageError, type FlagSpecs } from '../args.js';
import { InvalidValueError, MAX_LOAD_CONNECTIONS, MAX_LOAD_RPS, parseHost } from '../input-parsers.js';
import { Histogram } from './histogram.js';
import { DEFAULT_VERSION_HEADER, LoadGenerator, type VersionRecord, type WindowSnapshot } from './loadgen.js';

export interface LoadIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `Usage: istio-canary load --url URL [options]

Sends requests at a fixed rate (open loop: latency counts from each request's intended send
time, so a stalled server shows in the percentiles) and prints them per version, as told by
the response header the canary promotion sets.

  --url URL              target (http or https; certificates are not verified)
  --host HOST            Host header (and TLS server name)
  --rps N                requests per second (default 50; 0 = as fast as possible, closed loop)
  --duration D           how long, e.g. 30s, 2m, 500ms (default 10s)
  --connections N        keep-alive connections (default 8)
  --header 'K: V'        extra request header (repeatable)
  --timeout D            per-request timeout from the intended send time (default 10s)
  --version-header NAME  response header naming the version (default ${DEFAULT_VERSION_HEADER})
  --precise              send within µs of each intended time (spins: uses more CPU)
  --json                 print one JSON object instead of a table
`;

/** "30s", "2m", "500ms", "1.5s"; a bare number is seconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m?.[1]) throw new UsageError([`${flag}: "${text}" is not a duration (e.g. 30s, 2m, 500ms)`]);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || text.trim() === '')
    throw new UsageError([`${flag}: "${text}" is not a number from ${min} to ${max}`]);
  return n;
}

export interface LoadArgs {
  url: string;
  host: string | null;
  rps: number;
  durationMs: number;
  connections: number;
  headers: Record<string, string>;
  timeoutMs: number;
  versionHeader: string;
  precise: boolean;
  json: boolean;
}

const LOAD_FLAGS: FlagSpecs = {
  url: { type: 'string', accepts: 'an http(s) URL' },
  host: { type: 'string', accepts: 'a host name, optionally with :port' },
  rps: { type: 'string', accepts: `a number from 0 (as fast as possible) to ${MAX_LOAD_RPS}` },
  duration: { type: 'string', accepts: 'a duration such as 30s, 2m, 500ms' },
  connections: { type: 'string', short: 'c', accepts: `a number from 1 to ${MAX_LOAD_CONNECTIONS}` },
  header: { type: 'string', short: 'H', multiple: true, accepts: "'Name: value'" },
  timeout: { type: 'string', accepts: 'a duration such as 10s' },
  'version-header': { type: 'string', accepts: 'a header name' },
  precise: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseLoadArgs(argv: readonly string[]): LoadArgs | 'help' {
  const args = argv[0] === 'load' ? argv.slice(1) : argv.slice();
  const { values, problems } = collectArgs(args, LOAD_FLAGS, { help: 'istio-canary load --help' });
  if (values.help === true && problems.length === 0) return 'help';
  const out: LoadArgs = {
    url: '',
    host: null,
    rps: 50,
    durationMs: 10_000,
    connections: 8,
    headers: {},
    timeoutMs: 10_000,
    versionHeader: DEFAULT_VERSION_HEADER,
    precise: values.precise === true,
    json: values.json === true,
  };
  const str = (name: string): string | undefined =>
    typeof values[name] === 'string' ? values[name] : undefined;
  const check = (convert: () => void): void => {
    try {
      convert();
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problems.push(...e.problems);
    }
  };
  const url = str('url');
  const host = str('host');
  const rps = str('rps');
  const duration = str('duration');
  const connections = str('connections');
  const timeout = str('timeout');
  const versionHeader = str('version-header');
  if (url !== undefined) out.url = url;
  // The same checks as the load-host, load-rps and load-connections inputs of `run`.
  if (host !== undefined)
    check(() => {
      try {
        out.host = parseHost(host);
      } catch (e) {
        if (!(e instanceof InvalidValueError)) throw e;
        throw new UsageError([
          `--host: ${JSON.stringify(host)} ${e.message} (accepted: ${LOAD_FLAGS.host!.accepts})`,
        ]);
      }
    });
  if (rps !== undefined) check(() => (out.rps = parseCount('--rps', rps, 0, MAX_LOAD_RPS)));
  if (duration !== undefined)
    check(() => {
      out.durationMs = parseDuration('--duration', duration);
      if (out.durationMs <= 0)
        throw new UsageError([
          `--duration: "${duration}" is no time at all; give a duration > 0 such as 30s`,
        ]);
    });
  if (connections !== undefined)
    check(
      () => (out.connections = Math.floor(parseCount('--connections', connections, 1, MAX_LOAD_CONNECTIONS))),
    );
  if (timeout !== undefined) check(() => (out.timeoutMs = parseDuration('--timeout', timeout)));
  if (versionHeader !== undefined) out.versionHeader = versionHeader;
  for (const h of (values.header as string[] | undefined) ?? []) {
    const colon = h.indexOf(':');
    if (colon <= 0) problems.push(`--header: "${h}" is not "Name: value"`);
    else out.headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  if (!out.url) problems.push('--url is required');
  else
    try {
      const u = new URL(out.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
    } catch {
      problems.push(`--url: "${out.url}" is not an http(s) URL`);
    }
  if (problems.length > 0) throw new UsageError(problems);
  return out;
}

interface Row {
  requests: number;
  rps: number;
  errors: number;
  errorsByKind: Record<string, number>;
  statuses: Record<string, number>;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

function row(r: VersionRecord, seconds: number): Row {
  const ms = (v: number | null): number | null => (v === null ? null : Math.round(v) / 1000);
  const h = r.histogram;
  return {
    requests: r.count,
    rps: seconds > 0 ? r.count / seconds : 0,
    errors: r.errors,
    errorsByKind: r.errorsByKind,
    statuses: r.statuses,
    p50Ms: ms(h.percentile(50)),
    p90Ms: ms(h.percentile(90)),
    p99Ms: ms(h.percentile(99)),
    maxMs: h.count > 0 ? ms(h.maxUs) : null,
  };
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

/** The report of a run: one row per version plus "all". */
export function summarize(snap: WindowSnapshot): {
  seconds: number;
  versions: Record<string, Row>;
  all: Row;
} {
  const seconds = snap.elapsedMs / 1000;
  const versions: Record<string, Row> = {};
  const total: VersionRecord = {
    count: 0,
    errors: 0,
    errorsByKind: {},
    statuses: {},
    histogram: new Histogram(),
    samplesMs: [],
  };
  for (const name of [...snap.versions.keys()].sort()) {
    const r = snap.versions.get(name)!;
    versions[name] = row(r, seconds);
    total.count += r.count;
    total.errors += r.errors;
    add(total.errorsByKind, r.errorsByKind);
    add(total.statuses, r.statuses);
    total.histogram.merge(r.histogram);
  }
  return { seconds, versions, all: row(total, seconds) };
}

const kinds = (m: Record<string, number>): string =>
  Object.entries(m)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');

export function renderTable(args: LoadArgs, s: ReturnType<typeof summarize>): string {
  const f = (v: number | null): string => (v === null ? '-' : v.toFixed(2));
  const head = ['version', 'requests', 'rps', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
  const rows = [...Object.entries(s.versions), ['all', s.all] as const].map(([name, r]) => [
    name,
    String(r.requests),
    r.rps.toFixed(1),
    String(r.errors),
    f(r.p50Ms),
    f(r.p90Ms),
    f(r.p99Ms),
    f(r.maxMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    `${s.all.requests} requests in ${s.seconds.toFixed(1)} s to ${args.url}${args.host ? ` (Host: ${args.host})` : ''}: ` +
      `${args.rps > 0 ? `${args.rps} rps target (open loop)` : 'max rate (closed loop)'} over ${args.connections} connections`,
    '',
    line(head),
    ...rows.map(line),
    '',
    `status codes: ${kinds(s.all.statuses) || 'none'}`,
    `errors: ${kinds(s.all.errorsByKind) || 'none'}`,
    `latency is measured from each request's intended send time; versions come from the ${args.versionHeader} header`,
    '',
  ];
  return out.join('\n');
}

export async function runLoadCommand(argv: string[], io: LoadIo, signal?: AbortSignal): Promise<number> {
  let args: LoadArgs | 'help';
  try {
    args = parseLoadArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.problems.map((p) => `istio-canary load: ${p}\n`).join('')}\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const gen = new LoadGenerator({
    url: args.url,
    host: args.host,
    rps: args.rps,
    connections: args.connections,
    durationMs: args.durationMs,
    headers: args.headers,
    timeoutMs: args.timeoutMs,
    headerName: args.versionHeader,
    precise: args.precise,
    signal,
  });
  const win = gen.openWindow();
  gen.start();
  await gen.done;
  const summary = summarize(win.read());
  if (args.json) {
    io.stdout(
      `${JSON.stringify({ url: args.url, host: args.host, targetRps: args.rps, connections: args.connections, seconds: summary.seconds, versions: summary.versions, all: summary.all }, null, 2)}\n`,
    );
  } else {
    io.stdout(renderTable(args, summary));
  }
  // Nothing answered at all: the target is down or unreachable; say so through the exit code.
  return summary.all.requests > 0 && Object.keys(summary.all.statuses).length > 0 ? 0 : 1;
}
