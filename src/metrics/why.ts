// Why a step did not pass, in one line (issue 16 item 5; users of Argo Rollouts and Flagger ask
// it in argo-rollouts #2276 and flagger #1304). Pure: a verdict and the window's facts in, one
// line out, or null for a pass. The line names the deciding rule, its value, its limit, the
// sample size it rests on and what would change the outcome (a longer window, more load, another
// limit, the cause to fix), e.g.
//   fail: error-rate 4.8% (12 errors in 250 canary requests, loadgen; beyond chance at 0.1%) >
//   max-error-rate 1%; it would pass with max-error-rate ≥ 1.64% or at most 9 errors in 250 requests
// Every metric a Reason is made with has an entry in EXPLAINERS (or a prefix in
// EXPLAINED_PREFIXES); __tests__/why-explain.test.ts finds the metric names in src/ and fails on
// one without. The figures come from the reasons themselves (value, limit, the `requests`
// reason of the same source), so a verdict read back from a state or a report can be explained
// without the settings that judged it.
import { MAX_LOAD_RPS, parsePercentage } from '../input-parsers.js';
import type { AnalysisLimits, Reason, Verdict } from '../model.js';
import { oneLine } from '../one-line.js';
import { binomialUpperTail } from './stats.js';

/** The longest `why` (characters): it is stored per step in the state annotation and the report. */
export const WHY_MAX_CHARS = 300;
/** The longest piece of a reason's own text (an error, a gate's output) quoted in a why. */
const QUOTE_MAX_CHARS = 140;
/** The shortest range Prometheus is queried over by default (src/metrics/index.ts). */
const PROMETHEUS_MIN_RANGE_MS = 30_000;
/** The longest interval the `interval` input accepts (s). */
const MAX_INTERVAL_S = 86_400;

/** The facts of the window besides the verdict. */
export interface WhyContext {
  /** Canary weight during the window, percent. */
  weight: number;
  /** The configured window length (the `interval`), ms. */
  windowMs: number;
  /** `load-rps`, when the built-in load generator made the traffic; absent for real traffic. */
  rps?: number | null;
  /** The limits judged; only a fallback, each reason carries its own limit. */
  limits?: AnalysisLimits;
}

/** What an explainer gets: the reason and its verdict's figures. */
export interface WhyFacts {
  verdict: Verdict;
  context: WhyContext;
  /** Observations the reason rests on (canary requests), null when unknown. */
  sample: number | null;
}

/**
 * `decides`: a failing reason of this metric fails the window (a bad canary).
 * `unmeasured`: a failing reason says the window could not be judged (inconclusive).
 * `info`: never fails a window (shown in the checks, never the why unless it fails).
 */
export type WhyKind = 'decides' | 'unmeasured' | 'info';

export interface Explainer {
  /** A kind, or for families whose reasons differ (a check without a value), the kind of one reason. */
  kind: WhyKind | ((reason: Reason) => WhyKind);
  /** The reason explained, without the outcome prefix: rule, value, limit, sample, what would change it. */
  explain(reason: Reason, facts: WhyFacts): string;
}

// ---- numbers as the inputs write them ----

/** A fraction as a percentage with at most two decimals (0.048 → "4.8%"). */
export function pct(x: number): string {
  const p = x * 100;
  if (p !== 0 && Math.abs(p) < 0.01) return `${Number(p.toPrecision(2))}%`;
  return `${Number(p.toFixed(2))}%`;
}

/** The smallest percentage with two decimals whose fraction, as the inputs parse it, is ≥ x. */
export function pctAtLeast(x: number): string {
  let hundredths = Math.max(0, Math.ceil(x * 10_000 - 1e-6));
  while (parsePercentage(`${hundredths / 100}%`) < x) hundredths++;
  return `${Number((hundredths / 100).toFixed(2))}%`;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const seconds = (msValue: number): string =>
  msValue < 1000 ? `${Math.round(msValue)} ms` : `${Math.round(msValue / 1000)} s`;
const num = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));
/** v as num() shows it, unless that rounds it the wrong way for a bound: then in full. */
const numTowards = (v: number, direction: 'up' | 'down'): string => {
  const shown = Number(num(v));
  return (direction === 'up' ? shown >= v : shown <= v) ? num(v) : String(v);
};
const signedPct = (x: number): string => `${x >= 0 ? '+' : ''}${pct(x)}`;

/** Untrusted text quoted in a why: one line, without our "(source)" tail, bounded. */
function quote(text: string, max = QUOTE_MAX_CHARS): string {
  const flat = oneLine(text.replace(/\s*\((loadgen|prometheus|judge|test|gate)\)\s*$/, '').trim());
  return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}

/** The room an explanation has: the why less its longest outcome prefix ("inconclusive: "). */
const EXPLAIN_MAX = WHY_MAX_CHARS - 'inconclusive: '.length;

/** pre + the quoted text + post, the quote cut so that what would change (in post) always fits. */
function withQuote(pre: string, text: string, post: string, max = QUOTE_MAX_CHARS): string {
  const room = EXPLAIN_MAX - pre.length - post.length;
  return `${pre}${quote(text, Math.min(max, Math.max(12, room)))}${post}`;
}

function sampleText(sample: number | null, source: string): string {
  return sample === null ? source : `${sample} canary requests, ${source}`;
}

/** The `requests` reason of a source: the judge reads the load generator's window. */
function requestsOf(verdict: Verdict, source: string): Reason | undefined {
  const own = source === 'judge' ? 'loadgen' : source;
  return verdict.reasons.find((r) => r.metric === 'requests' && r.source === own && r.value !== null);
}

/** The observations a reason rests on: its own count, else its source's canary requests, else the verdict's. */
export function sampleSizeOf(reason: Reason, verdict: Verdict): number | null {
  if (typeof reason.sampleSize === 'number') return reason.sampleSize;
  if (reason.metric === 'requests' && reason.value !== null) return reason.value;
  return requestsOf(verdict, reason.source)?.value ?? verdict.canary?.requests ?? null;
}

// ---- one explainer per metric ----

function minRequests(r: Reason, f: WhyFacts): string {
  const n = Math.max(0, Math.round(r.value ?? 0));
  const min = r.limit ?? f.context.limits?.minRequests ?? 0;
  const measured = f.verdict.durationMs > 0 ? f.verdict.durationMs : f.context.windowMs;
  // Prometheus counts over at least its shortest range (createMetrics' minRangeSeconds, 30 s by default).
  const dur = r.source === 'prometheus' ? Math.max(measured, PROMETHEUS_MIN_RANGE_MS) : measured;
  const window = f.context.windowMs > 0 ? f.context.windowMs : dur;
  const load = r.source === 'loadgen' && f.context.rps ? f.context.rps : null;
  const at = `${f.context.weight}%${load !== null ? ` of ${num(load)} rps` : ''}`;
  const head = `${n} canary requests < min-requests ${min} in ${seconds(dur)} at ${at} (${r.source})`;
  // Canary requests per second: as observed, or as the load and the weight should give.
  const expected = load !== null ? (load * f.context.weight) / 100 : null;
  const rate = n > 0 && dur > 0 ? n / (dur / 1000) : expected;
  const options: string[] = [];
  if (rate !== null && rate > 0) {
    const s = Math.ceil(min / rate - 1e-9);
    if (s <= MAX_INTERVAL_S) options.push(`interval ≥ ${s}s`);
  }
  if (load !== null && n > 0 && window > 0) {
    // The canary's requests scale with the load: n × (rps' / rps) × (window / duration) ≥ min.
    const rps = Math.ceil((load * min * dur) / (n * window) - 1e-9);
    if (rps <= MAX_LOAD_RPS) options.push(`load-rps ≥ ${rps}`);
  } else if (load === null) options.push('more traffic to the canary');
  if (n > 0) options.push(`min-requests ≤ ${n}`);
  const change =
    n === 0
      ? `no canary request was measured: check that the route sends the canary its ${f.context.weight}% and that the traffic reaches it${options.length > 0 ? `; then ${options.join(' or ')} would give enough` : ''}`
      : `${options.join(' or ')} would give enough`;
  return `${head}; ${change}`;
}

/**
 * The level of the end-of-window error-rate rule: the reason's own (Reason.level), else, for a
 * verdict stored before reasons carried it, as its message states it ("binomial p = … < 0.1%").
 */
const ERROR_RULE_LEVEL = /one-sided binomial p = \S+ [<≥] ([\d.e+-]+)%/;
function errorRuleLevel(r: Reason): number | null {
  if (r.source === 'judge') return null;
  if (typeof r.level === 'number') return r.level;
  const stated = ERROR_RULE_LEVEL.exec(r.message)?.[1];
  return stated === undefined ? null : Number(stated) / 100;
}

/**
 * The most errors in n requests that pass, and the smallest limit that passes x errors: by the
 * rule that judged the reason. The end-of-window rule (src/metrics/analysis.ts errorRateReason)
 * passes x errors when x / n ≤ limit or P(X ≥ x | n, limit) ≥ its level; a reason without that
 * level in its message (the statistical judge's own, or a verdict from before the rule) was
 * judged on x / n ≤ limit.
 */
function errorAdvice(
  x: number | null,
  n: number | null,
  rate: number,
  limit: number,
  level: number | null,
): { atLeast: string; allowed: number | null } {
  if (level === null || n === null || x === null || n <= 0) {
    let allowed = n === null ? null : Math.max(0, Math.floor(limit * n));
    if (n !== null && allowed !== null && n > 0) {
      while (allowed < n && (allowed + 1) / n <= limit) allowed++;
      while (allowed > 0 && allowed / n > limit) allowed--;
    }
    return { atLeast: pctAtLeast(rate), allowed };
  }
  const passes = (k: number, l: number): boolean => k / n <= l || binomialUpperTail(k, n, l) >= level;
  // Passing is monotone: fewer errors, or a higher limit. Bisect both.
  let lo = 0;
  let hi = n + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid, limit)) lo = mid;
    else hi = mid;
  }
  let a = 0;
  let b = Math.min(1, rate);
  for (let i = 0; i < 200 && b - a > 1e-15; i++) {
    const mid = (a + b) / 2;
    if (passes(x, mid)) b = mid;
    else a = mid;
  }
  // The shown percentage, as the input parses it, must pass (bisection and rounding may leave it just short).
  let atLeast = pctAtLeast(b);
  while (!passes(x, parsePercentage(atLeast))) atLeast = pctAtLeast(parsePercentage(atLeast) + 1e-4);
  return { atLeast, allowed: lo };
}

function errorRate(r: Reason, f: WhyFacts): string {
  const rate = r.value ?? 0;
  const limit = r.limit ?? f.context.limits?.maxErrorRate ?? 0;
  const n = f.sample;
  const errors = n === null ? null : Math.round(rate * n);
  const judge = r.source === 'judge' ? '; statistical judge: the excess is beyond chance' : '';
  const level = errorRuleLevel(r);
  // As the rule's message shows its level (analysis.ts fmtAlpha).
  const chance = level === null ? '' : `; beyond chance at ${Number((level * 100).toPrecision(6))}%`;
  const counted =
    n === null ? r.source : `${errors} errors in ${n} canary requests, ${r.source}${judge}${chance}`;
  const { atLeast, allowed } = errorAdvice(errors, n, rate, limit, level);
  return (
    `error-rate ${pct(rate)} (${counted}) > max-error-rate ${pct(limit)}; it would pass with max-error-rate ≥ ${atLeast}` +
    (allowed === null ? '' : ` or at most ${allowed} errors in ${n} requests`)
  );
}

function p99Ms(r: Reason, f: WhyFacts): string {
  const value = r.value ?? 0;
  const limit = r.limit ?? f.context.limits?.maxP99Ms ?? 0;
  return `p99-ms ${ms(value)} ms (${sampleText(f.sample, r.source)}) > max-p99-ms ${ms(limit)} ms; it would pass with max-p99-ms ≥ ${Math.ceil(value)} or a canary p99 ≤ ${ms(limit)} ms`;
}

function latencyRule(metric: 'p99-regression' | 'latency-shift') {
  return (r: Reason, f: WhyFacts): string => {
    const value = r.value ?? 0;
    const limit = r.limit ?? f.context.limits?.maxLatencyRegression ?? 0;
    const what =
      metric === 'p99-regression'
        ? "canary p99 vs stable's in the same window"
        : "Hodges-Lehmann shift of the canary's latencies over stable's median, Mann-Whitney";
    return `${metric} ${signedPct(value)} (${what}; ${sampleText(f.sample, r.source)}) > max-latency-regression ${pct(limit)}; it would pass with max-latency-regression ≥ ${pctAtLeast(value)}`;
  };
}

function connectionFailures(r: Reason, f: WhyFacts): string {
  // The message (src/metrics/index.ts connectionFailureReason): "<failed> of <total> load
  // requests to <url> got no HTTP response: <causes> (by version: …); counted as the canary's, …".
  const m =
    /^(\d+) of (\d+) load requests to .*? (got no HTTP response|failed without a version header): (.*?)(?: \(by version: [^)]*\))?(?:; counted as the canary's|$)/.exec(
      r.message,
    );
  const worst = r.value ?? 0;
  const limit = r.limit ?? f.context.limits?.maxErrorRate ?? 0;
  const post = `); as the canary's: error rate ${pct(worst)} > max-error-rate ${pct(limit)}${f.sample === null ? '' : ` (${f.sample} canary requests)`}; fix the cause or set max-error-rate ≥ ${pctAtLeast(worst)}`;
  return m
    ? withQuote(`load-connection-failures: ${m[1]} of ${m[2]} load requests ${m[3]} (`, m[4] ?? '', post)
    : withQuote('load-connection-failures (', r.message, post);
}

function aborted(r: Reason, f: WhyFacts): string {
  return `aborted: the window stopped after ${seconds(f.verdict.durationMs)} of ${seconds(f.context.windowMs)} (cancelled, or the VirtualService changed) with ${sampleText(f.sample, r.source)}; a full window would decide`;
}

function prometheus(r: Reason): string {
  return withQuote(
    'prometheus: ',
    r.message,
    '; no data for this window; judged once Prometheus answers (check prometheus-url and its credentials)',
  );
}

function check(r: Reason, f: WhyFacts): string {
  const name = quote(r.metric.slice('check:'.length), 63);
  if (r.value === null || !Number.isFinite(r.value))
    return withQuote(
      `check ${name} has no value (`,
      r.message.replace(/^check \S+ is inconclusive: /, ''),
      '); it would be judged once its query returns data for the canary',
    );
  const sample = f.sample === null ? r.source : sampleText(f.sample, r.source);
  if (r.limit === null) return withQuote(`check ${name} ${num(r.value)} (${sample}): `, r.message, '');
  const above = r.value > r.limit;
  const bound = above ? 'max' : 'min';
  return withQuote(
    `check ${name} ${num(r.value)} ${above ? '>' : '<'} its ${bound} ${num(r.limit)} (${sample}; `,
    r.message,
    `); it would pass with ${bound} ${above ? '≥' : '≤'} ${numTowards(r.value, above ? 'up' : 'down')} in the checks input`,
  );
}

function gate(r: Reason): string {
  const name = quote(r.metric.slice('gate:'.length), 63);
  // The gates' own message names the gate, its moment, its exit code or status and its output.
  const own = r.message.startsWith(`gate ${name}`);
  return withQuote(
    own ? '' : `gate ${name} failed${r.value === null ? '' : ` (exit code or status ${num(r.value)})`}: `,
    r.message,
    '; the step goes on once the gate succeeds (exit 0, or a 2xx answer)',
    EXPLAIN_MAX,
  );
}

function script(r: Reason): string {
  return withQuote('script: ', r.message, ' (a scripted verdict of a test, no traffic judged)');
}

const info = (r: Reason): string => withQuote(`${r.metric}: `, r.message, '');

/** Every metric name a Reason is made with in src/, by how it takes part in a verdict. */
export const EXPLAINERS: Readonly<Record<string, Explainer>> = {
  requests: { kind: 'unmeasured', explain: minRequests },
  'error-rate': { kind: 'decides', explain: errorRate },
  'p99-ms': { kind: 'decides', explain: p99Ms },
  'p99-regression': { kind: 'decides', explain: latencyRule('p99-regression') },
  'latency-shift': { kind: 'decides', explain: latencyRule('latency-shift') },
  'load-connection-failures': { kind: 'unmeasured', explain: connectionFailures },
  aborted: { kind: 'unmeasured', explain: aborted },
  prometheus: { kind: 'unmeasured', explain: prometheus },
  script: { kind: 'decides', explain: script },
  sequential: { kind: 'info', explain: info },
  unattributed: { kind: 'info', explain: info },
  'prometheus-warning': { kind: 'info', explain: info },
  // lockstep (`services`): another service of the run failed, so this one stops too.
  lockstep: {
    kind: 'decides',
    explain: (r) =>
      withQuote(
        'lockstep: ',
        r.message,
        '; every service rolls back with it (a lockstep run moves all or none)',
      ),
  },
  // strategy mirror: where the numbers come from (ok), or a window no source could judge.
  mirror: {
    kind: (r) => (r.ok ? 'info' : 'unmeasured'),
    explain: (r) =>
      withQuote('mirror: ', r.message, r.ok ? '' : '; the mirrored copies are judged on Prometheus'),
  },
};

/** Metric families named `<prefix><name>`: custom checks and gates. */
export const EXPLAINED_PREFIXES: Readonly<Record<string, Explainer>> = {
  'check:': { kind: (r) => (r.value === null ? 'unmeasured' : 'decides'), explain: check },
  'gate:': { kind: 'decides', explain: gate },
};

/** The explainer of a metric, or null for one this module does not know. */
export function explainerFor(metric: string): Explainer | null {
  if (Object.hasOwn(EXPLAINERS, metric)) return EXPLAINERS[metric]!;
  for (const [prefix, e] of Object.entries(EXPLAINED_PREFIXES)) if (metric.startsWith(prefix)) return e;
  return null;
}

/** How a reason takes part in its verdict; an unknown metric is taken as deciding. */
export function kindOf(reason: Reason): WhyKind {
  const kind = explainerFor(reason.metric)?.kind ?? 'decides';
  return typeof kind === 'function' ? kind(reason) : kind;
}

/** A metric nobody taught this module: its figures and its own words. */
function unknown(r: Reason, f: WhyFacts): string {
  const value = r.value === null ? 'no value' : num(r.value);
  const limit = r.limit === null ? '' : ` vs limit ${num(r.limit)}`;
  return withQuote(
    `${quote(r.metric, 60)} ${value}${limit} (${sampleText(f.sample, r.source)}): `,
    r.message,
    '',
  );
}

/** A short mention of a further failing reason. */
function mention(r: Reason): string {
  const metric = quote(r.metric, 60);
  if (r.value === null) return metric;
  const show = (v: number, signed: boolean): string => {
    switch (r.metric) {
      case 'error-rate':
      case 'load-connection-failures':
        return pct(v);
      case 'p99-regression':
      case 'latency-shift':
        return signed ? signedPct(v) : pct(v);
      case 'p99-ms':
        return `${ms(v)} ms`;
      default:
        return num(v);
    }
  };
  return `${metric} ${show(r.value, true)}${r.limit === null ? '' : ` (limit ${show(r.limit, false)})`}`;
}

/**
 * The failing reasons in the order that explains the outcome: for a fail, the bad canary first,
 * and the statistical judge's reasons before the limits' own when the limits could not decide
 * (too few requests for min-requests: the judge failed the window on its evidence). For an
 * inconclusive window, what kept it from being judged first. A fail does not list min-requests.
 */
function deciding(verdict: Verdict): Reason[] {
  const fail = verdict.outcome === 'fail';
  const failing = verdict.reasons.filter((r) => !r.ok && !(fail && r.metric === 'requests'));
  const tooFew = new Set(
    verdict.reasons.filter((r) => r.metric === 'requests' && !r.ok).map((r) => r.source),
  );
  const rank = (r: Reason): number => {
    const kind = kindOf(r);
    if (kind !== (fail ? 'decides' : 'unmeasured')) return kind === 'info' ? 3 : 2;
    // A window cut short or without its traffic: the cause before its symptom (too few requests).
    if (!fail) return r.metric === 'aborted' ? -1 : r.metric === 'requests' ? 1 : 0;
    // A rule of a source with too few requests did not decide (the judge's own rules did).
    return fail && tooFew.has(r.source) ? 1 : 0;
  };
  return failing
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Cuts a why to WHY_MAX_CHARS (older or hand-made verdicts may carry a longer one). */
export function capWhy(text: string): string {
  const flat = oneLine(text);
  return flat.length > WHY_MAX_CHARS ? `${flat.slice(0, WHY_MAX_CHARS - 1)}…` : flat;
}

/**
 * A fail or inconclusive verdict in one line (at most WHY_MAX_CHARS, no line break); null for a
 * pass. The first deciding reason is explained in full, further failing rules are named after
 * "also:". Gates call it for their own verdicts (reasons `gate:<name>`).
 */
export function explainVerdict(verdict: Verdict, context: WhyContext): string | null {
  if (verdict.outcome === 'pass') return null;
  const reasons = deciding(verdict);
  const first = reasons[0];
  let text: string;
  if (first === undefined) {
    const n = verdict.canary?.requests ?? 0;
    text =
      verdict.durationMs < context.windowMs
        ? `the window stopped after ${seconds(verdict.durationMs)} of ${seconds(context.windowMs)} (cancelled, or the VirtualService changed) with ${n} canary requests and no failing rule; a full window would decide`
        : `no rule failed, yet no source passed the window (${n} canary requests in ${seconds(verdict.durationMs)}); a window with traffic every source measures would decide`;
  } else {
    const facts: WhyFacts = { verdict, context, sample: sampleSizeOf(first, verdict) };
    text = (explainerFor(first.metric)?.explain ?? unknown)(first, facts);
    const seen = new Set([first.metric]);
    const more = reasons.filter((r) => !seen.has(r.metric) && (seen.add(r.metric), true)).map(mention);
    // Further rules only as far as they fit whole: the first one's explanation is never cut for them.
    for (let shown = more.length; shown > 0; shown--) {
      const rest = more.length - shown;
      const also = `; also: ${more.slice(0, shown).join(', ')}${rest > 0 ? ` (+${rest} more)` : ''}`;
      if (text.length + also.length <= EXPLAIN_MAX) {
        text += also;
        break;
      }
    }
  }
  return capWhy(`${verdict.outcome}: ${text}`);
}
