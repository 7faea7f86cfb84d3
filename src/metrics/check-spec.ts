// The `checks` input parsed (pure, light: settings.ts loads it at start). A check is a named
// PromQL template judged at every step besides the built-in rules: its value must lie in
// [min, max], optionally as the ratio canary / stable. Flagger's own shape (`thresholdRange`,
// `interval`, the built-in names request-success-rate and request-duration) is accepted so a
// Flagger user can paste their `analysis.metrics`. Everything checkable is checked here, before
// anything runs: keys, names, bounds, placeholders and where they stand in the query (a
// namespace, workload or version is only ever substituted inside a quoted PromQL string, escaped
// for it, so no value can change the query's structure; see templateParts and checks.ts).
import { loadAll } from 'js-yaml';
import { InvalidValueError, parseDuration } from '../input-parsers.js';
import { isObject } from '../util/object.js';

export const MAX_CHECKS = 20;
export const MAX_QUERY_LENGTH = 4000;
const MAX_INPUT_LENGTH = 100_000;
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The placeholders a query may use; the first three are label values, quoted where they stand. */
export const PLACEHOLDERS = ['namespace', 'workload', 'version', 'interval'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type Shorthand = 'request-success-rate' | 'request-duration';

/** Istio's standard metrics on the server side of each workload, as in the built-in judge. */
const SELECTOR =
  'reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload="{{ workload }}"';

/**
 * Flagger's built-in checks on Istio: request-success-rate is the percentage (0-100) of
 * non-5xx responses, request-duration the P99 in milliseconds (its docs, "Builtin metrics").
 */
export const SHORTHAND_QUERIES: Record<Shorthand, string> = {
  'request-success-rate': `sum(rate(istio_requests_total{${SELECTOR},response_code!~"5.*"}[{{ interval }}])) / sum(rate(istio_requests_total{${SELECTOR}}[{{ interval }}])) * 100`,
  'request-duration': `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{${SELECTOR}}[{{ interval }}])))`,
};

export interface CheckSpec {
  name: string;
  /** The PromQL template (a shorthand's built-in query for shorthands). */
  query: string;
  min: number | null;
  max: number | null;
  /** Judge canary / stable (the same query for each workload) instead of the canary's value. */
  relativeToStable: boolean;
  /** The `{{ interval }}` range in seconds, or null for the window's length. */
  intervalSeconds: number | null;
  shorthand: Shorthand | null;
}

/** One piece of a query template: text as written, or a placeholder and where it stands. */
export type TemplatePart =
  | { text: string }
  | {
      placeholder: Placeholder;
      /** The quote of the PromQL string it stands in, or null outside any string. */
      quote: '"' | "'" | '`' | null;
      /** The string is the regex of a =~ or !~ matcher. */
      regex: boolean;
    };

const KEYS = ['name', 'query', 'min', 'max', 'thresholdRange', 'interval', 'relative-to-stable'];
const ACCEPTED = `accepted keys: ${KEYS.join(', ')}`;
const LABEL_PLACEHOLDERS = new Set<string>(['namespace', 'workload', 'version']);

/**
 * The template split into text and placeholders, each placeholder with the PromQL string it
 * stands in (tracking "…", '…' with backslash escapes, `…` raw strings and # comments). Throws
 * InvalidValueError (without the check's name; the caller adds it) for an unknown placeholder,
 * a `{{` that opens none, or a label placeholder outside a "…" or '…' string.
 */
export function templateParts(query: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let quote: '"' | "'" | '`' | null = null;
  let quoteStart = -1;
  let comment = false;
  for (let i = 0; i < query.length;) {
    if (query.startsWith('{{', i)) {
      const m = /^\{\{\s*([^{}]*?)\s*\}\}/.exec(query.slice(i));
      if (!m) throw new InvalidValueError(`has a "{{" at character ${i + 1} that opens no {{ placeholder }}`);
      const name = m[1]!;
      if (!(PLACEHOLDERS as readonly string[]).includes(name))
        throw new InvalidValueError(
          `has an unknown placeholder {{ ${name} }}; accepted: ${PLACEHOLDERS.map((p) => `{{ ${p} }}`).join(', ')}`,
        );
      if (LABEL_PLACEHOLDERS.has(name) && (quote === null || quote === '`' || comment))
        throw new InvalidValueError(
          `has {{ ${name} }} outside a "…" string, at character ${i + 1}: write it inside quotes, e.g. destination_workload="{{ workload }}"`,
        );
      if (text) parts.push({ text });
      text = '';
      const before = query.slice(0, quoteStart).trimEnd();
      parts.push({
        placeholder: name as Placeholder,
        quote: comment ? null : quote,
        regex: quote !== null && /[=!]~$/.test(before),
      });
      i += m[0].length;
      continue;
    }
    const c = query[i]!;
    text += c;
    if (comment) {
      if (c === '\n') comment = false;
    } else if (quote === null) {
      if (c === '"' || c === "'" || c === '`') {
        quote = c;
        quoteStart = i;
      } else if (c === '#') comment = true;
    } else if (c === '\\' && quote !== '`' && i + 1 < query.length) {
      text += query[i + 1]!;
      i += 2;
      continue;
    } else if (c === quote) quote = null;
    i++;
  }
  if (text) parts.push({ text });
  return parts;
}

/** The first character of `text` that a query may not hold (controls other than tab and line breaks, bidi controls), named. */
function badCharacter(text: string): string | null {
  const m =
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(
      text,
    );
  return m
    ? `a control character (U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at character ${m.index + 1}`
    : null;
}

function checkOf(item: unknown, index: number): CheckSpec {
  const where = `check ${index + 1}`;
  if (!isObject(item) || Array.isArray(item))
    throw new InvalidValueError(`has ${where} that is not a mapping of ${ACCEPTED}`);
  const rawName = item.name;
  if (typeof rawName !== 'string' || rawName === '')
    throw new InvalidValueError(`has ${where} without a name (a string of a-z, 0-9 and -)`);
  if (!NAME.test(rawName))
    throw new InvalidValueError(
      `has ${where} named ${JSON.stringify(rawName.slice(0, 80))}: a name is 1-63 characters of a-z, 0-9 and -, starting and ending with a letter or digit`,
    );
  const name = rawName;
  const fail = (message: string): never => {
    throw new InvalidValueError(`has check "${name}": ${message}`);
  };
  const bound = (value: unknown, what: string): number | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return fail(
        `${what} is ${typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `a ${typeof value}`}, not a number`,
      );
    return value;
  };
  for (const key of Object.keys(item))
    if (!KEYS.includes(key))
      fail(
        key === 'templateRef'
          ? 'templateRef (a Flagger MetricTemplate) is not read: put the template\'s query in "query"'
          : `unknown key ${JSON.stringify(key.slice(0, 80))}; ${ACCEPTED}`,
      );
  const shorthand = name in SHORTHAND_QUERIES ? (name as Shorthand) : null;
  let query: string;
  if (item.query === undefined || item.query === null) {
    if (shorthand === null)
      fail(
        `has no query (PromQL), and is not one of the built-in names ${Object.keys(SHORTHAND_QUERIES).join(', ')}`,
      );
    query = SHORTHAND_QUERIES[shorthand!];
  } else {
    if (shorthand !== null)
      fail(
        `is a built-in name (Flagger's ${shorthand}), which takes no query: remove the query to use it, or rename the check`,
      );
    if (typeof item.query !== 'string') return fail('query is not a string');
    query = item.query;
    if (query.trim() === '') fail('query is empty');
    if (query.length > MAX_QUERY_LENGTH)
      fail(`query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH}`);
    const bad = badCharacter(query);
    if (bad) fail(`query has ${bad}`);
  }
  let parts: TemplatePart[];
  try {
    parts = templateParts(query);
  } catch (e) {
    if (e instanceof InvalidValueError) return fail(`query ${e.message}`);
    throw e;
  }
  let min: number | null;
  let max: number | null;
  if (item.thresholdRange !== undefined) {
    if (item.min !== undefined || item.max !== undefined)
      fail('has both thresholdRange and min/max: give one of them');
    const range = item.thresholdRange;
    if (!isObject(range) || Array.isArray(range))
      return fail('thresholdRange is not a mapping of min and/or max');
    for (const key of Object.keys(range))
      if (key !== 'min' && key !== 'max')
        fail(`thresholdRange has an unknown key ${JSON.stringify(key.slice(0, 80))}; accepted: min, max`);
    min = bound(range.min, 'thresholdRange.min');
    max = bound(range.max, 'thresholdRange.max');
  } else {
    min = bound(item.min, 'min');
    max = bound(item.max, 'max');
  }
  if (min === null && max === null) fail('has neither min nor max: give the range of accepted values');
  if (min !== null && max !== null && min > max) fail(`min ${min} is above max ${max}`);
  let intervalSeconds: number | null = null;
  if (item.interval !== undefined && item.interval !== null) {
    const raw = typeof item.interval === 'number' ? String(item.interval) : item.interval;
    if (typeof raw !== 'string') return fail('interval is not a duration such as 1m or 30s');
    let ms = 0;
    try {
      ms = parseDuration(raw);
    } catch {
      fail(`interval ${JSON.stringify(raw.slice(0, 40))} is not a duration such as 1m or 30s`);
    }
    if (ms < 1000 || ms > 86_400_000 || ms % 1000 !== 0)
      fail(`interval ${raw} is not a whole number of seconds from 1s to 24h`);
    intervalSeconds = ms / 1000;
  }
  const relative = item['relative-to-stable'] ?? false;
  if (typeof relative !== 'boolean') fail('relative-to-stable is not true or false');
  if (
    relative &&
    !parts.some((p) => 'placeholder' in p && (p.placeholder === 'workload' || p.placeholder === 'version'))
  )
    fail(
      'is relative-to-stable, but its query has no {{ workload }} or {{ version }}: the stable and canary queries would be the same',
    );
  return { name, query, min, max, relativeToStable: relative as boolean, intervalSeconds, shorthand };
}

/** The `checks` input: a YAML list of checks. Throws InvalidValueError naming the check and field. */
export function parseChecks(raw: string): CheckSpec[] {
  if (raw.length > MAX_INPUT_LENGTH)
    throw new InvalidValueError(`is ${raw.length} characters long; at most ${MAX_INPUT_LENGTH}`);
  let docs: unknown[];
  try {
    docs = loadAll(raw);
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new InvalidValueError(`is not valid YAML: ${first}`);
  }
  if (docs.length > 1)
    throw new InvalidValueError(
      `has ${docs.length} YAML documents (--- separators); give one list of checks`,
    );
  const doc = docs[0];
  if (doc === undefined || doc === null) return [];
  if (!Array.isArray(doc))
    throw new InvalidValueError('is not a YAML list of checks (each `- name: …` with query, min and/or max)');
  if (doc.length > MAX_CHECKS) throw new InvalidValueError(`has ${doc.length} checks; at most ${MAX_CHECKS}`);
  const checks = doc.map((item: unknown, i) => checkOf(item, i));
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.name)) throw new InvalidValueError(`has two checks named "${c.name}"`);
    seen.add(c.name);
  }
  return checks;
}
