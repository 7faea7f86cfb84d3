// The user's checks (src/metrics/check-spec.ts) judged on one window: each template rendered
// for the canary (and for stable when relative-to-stable), queried as an instant vector through
// the one Prometheus client (src/metrics/prometheus.ts), and turned into one Reason. The rules:
// a check needs exactly one finite value; no series, NaN or several series make the window
// inconclusive, with the rendered query shown (never a silent pass); a query Prometheus refuses
// is named with Prometheus's message. Rendering is pure and quotes every label value for the
// PromQL string it stands in, so a namespace, workload or version cannot change the query.
import type { Reason, Verdict } from '../model.js';
import { oneLine } from '../one-line.js';
import { templateParts, type CheckSpec, type TemplatePart } from './check-spec.js';
import type { PrometheusClient } from './prometheus.js';

export interface CheckContext {
  namespace: string;
  stableWorkload: string;
  canaryWorkload: string;
  /** The `version` label of each side's pods (Istio's destination_version), when the window knows it. */
  stableVersion?: string | null;
  canaryVersion?: string | null;
  /** `{{ interval }}` for checks without their own interval: the window's length in whole seconds. */
  seconds: number;
  /** The instant the queries are evaluated at (the window's end). */
  at: Date;
  signal?: AbortSignal;
}

export type CheckOutcome = 'pass' | 'fail' | 'inconclusive';

export interface CheckResult {
  outcome: CheckOutcome;
  reason: Reason;
}

/** The values of one side's placeholders. */
export interface TemplateValues {
  namespace: string;
  workload: string;
  /** Null when unknown: a query using {{ version }} cannot be rendered then. */
  version: string | null;
  seconds: number;
}

/** A label value inside a PromQL regex: every regex metacharacter escaped (RE2 syntax). */
const regexEscape = (v: string): string => v.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');

/** A value inside a PromQL "…" or '…' string: backslash, the quote and every control character escaped. */
function stringEscape(v: string, quote: '"' | "'"): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return v.replace(/[\\"'\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '"' || c === "'") return c === quote ? `\\${c}` : c;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export class RenderError extends Error {}

/**
 * The query of one side (pure). Throws RenderError when a placeholder has no value
 * ({{ version }} for a window whose pods' version label is unknown).
 */
export function renderQuery(
  template: string,
  values: TemplateValues,
  intervalSeconds: number | null,
): string {
  return templateParts(template)
    .map((p: TemplatePart) => {
      if ('text' in p) return p.text;
      if (p.placeholder === 'interval')
        return `${Math.max(1, Math.round(intervalSeconds ?? values.seconds))}s`;
      const value = values[p.placeholder];
      if (value === null)
        throw new RenderError(
          `{{ ${p.placeholder} }} has no value for this window (the pods have no version label)`,
        );
      // check-spec.ts admits label placeholders only inside "…" or '…' strings.
      const quote = p.quote === "'" ? "'" : '"';
      return stringEscape(p.regex ? regexEscape(value) : value, quote);
    })
    .join('');
}

const show = (v: number): string =>
  Number.isInteger(v)
    ? String(v)
    : Math.abs(v) >= 100
      ? v.toFixed(1)
      : v.toPrecision(4).replace(/\.?0+$/, '');

function rangeText(c: CheckSpec): string {
  if (c.min !== null && c.max !== null) return `[${show(c.min)}, ${show(c.max)}]`;
  return c.min !== null ? `>= ${show(c.min)}` : `<= ${show(c.max!)}`;
}

/** The pure judgement of one value against the check's range. */
export function judgeValue(c: CheckSpec, value: number): { ok: boolean; limit: number } {
  if (c.min !== null && value < c.min) return { ok: false, limit: c.min };
  if (c.max !== null && value > c.max) return { ok: false, limit: c.max };
  return { ok: true, limit: c.max ?? c.min! };
}

type SideValue = { value: number } | { missing: string };

/** One side's single value, or why there is none (a sentence ending with the query). */
async function sideValue(
  prom: PrometheusClient,
  query: string,
  who: string,
  ctx: CheckContext,
): Promise<SideValue> {
  const r = await prom.query(query, ctx.at, ctx.signal);
  const q = oneLine(query);
  if (r.samples.length === 0) return { missing: `the query for ${who} returned no data: ${q}` };
  if (r.samples.length > 1)
    return {
      missing: `the query for ${who} returned ${r.samples.length} series; a check needs one value (aggregate it, e.g. sum(…) or max(…)): ${q}`,
    };
  const value = r.samples[0]!.value;
  if (!Number.isFinite(value))
    return {
      missing: `the query for ${who} returned ${String(value)}${Number.isNaN(value) ? ' (0/0: no requests?)' : ''}: ${q}`,
    };
  return { value };
}

/** One check on one window. Never throws: an error becomes an inconclusive Reason. */
export async function evaluateCheck(
  prom: PrometheusClient,
  c: CheckSpec,
  ctx: CheckContext,
  redactText: (text: string) => string,
): Promise<CheckResult> {
  const metric = `check:${c.name}`;
  const inconclusive = (why: string): CheckResult => ({
    outcome: 'inconclusive',
    reason: {
      metric,
      value: null,
      limit: c.max ?? c.min,
      source: 'prometheus',
      ok: false,
      message: redactText(`check ${c.name} is inconclusive: ${why} (prometheus)`),
    },
  });
  const values = (workload: string, version: string | null | undefined): TemplateValues => ({
    namespace: ctx.namespace,
    workload,
    version: version ?? null,
    seconds: ctx.seconds,
  });
  let canaryQuery: string;
  let stableQuery: string | null = null;
  try {
    canaryQuery = renderQuery(c.query, values(ctx.canaryWorkload, ctx.canaryVersion), c.intervalSeconds);
    if (c.relativeToStable)
      stableQuery = renderQuery(c.query, values(ctx.stableWorkload, ctx.stableVersion), c.intervalSeconds);
  } catch (e) {
    if (e instanceof RenderError) return inconclusive(e.message);
    throw e;
  }
  try {
    const [canary, stable] = await Promise.all([
      sideValue(prom, canaryQuery, `the canary ${ctx.canaryWorkload}`, ctx),
      stableQuery === null ? null : sideValue(prom, stableQuery, `stable ${ctx.stableWorkload}`, ctx),
    ]);
    if ('missing' in canary) return inconclusive(canary.missing);
    let value = canary.value;
    let what = `${show(value)}`;
    if (stable !== null) {
      if ('missing' in stable) return inconclusive(stable.missing);
      if (stable.value === 0)
        return inconclusive(
          `stable's value is 0, so canary/stable has no ratio (canary ${show(canary.value)}): ${oneLine(stableQuery!)}`,
        );
      value = canary.value / stable.value;
      what = `canary/stable ${show(canary.value)}/${show(stable.value)} = ${show(value)}`;
    }
    const { ok, limit } = judgeValue(c, value);
    return {
      outcome: ok ? 'pass' : 'fail',
      reason: {
        metric,
        value,
        limit,
        source: 'prometheus',
        ok,
        message: redactText(
          `check ${c.name}: ${what} ${ok ? 'is within' : 'is outside'} ${rangeText(c)} (prometheus)`,
        ),
      },
    };
  } catch (e) {
    if (ctx.signal?.aborted) return inconclusive('the window was aborted before Prometheus answered');
    const message = e instanceof Error ? e.message : String(e);
    return inconclusive(
      `Prometheus could not run its query: ${oneLine(message)}; query: ${oneLine(canaryQuery)}`,
    );
  }
}

/** Every check on one window, in the order given (their queries run concurrently). */
export function evaluateChecks(
  prom: PrometheusClient,
  checks: readonly CheckSpec[],
  ctx: CheckContext,
  redactText: (text: string) => string,
): Promise<CheckResult[]> {
  return Promise.all(checks.map((c) => evaluateCheck(prom, c, ctx, redactText)));
}

/**
 * A window's verdict with the checks' results folded in (pure): a failed check fails the
 * window; a check without a value turns a pass into inconclusive; their reasons are added.
 */
export function foldChecks(v: Verdict, results: readonly CheckResult[]): Verdict {
  let outcome = v.outcome;
  if (results.some((r) => r.outcome === 'fail')) outcome = 'fail';
  else if (outcome === 'pass' && results.some((r) => r.outcome === 'inconclusive')) outcome = 'inconclusive';
  return { ...v, outcome, reasons: [...v.reasons, ...results.map((r) => r.reason)] };
}
