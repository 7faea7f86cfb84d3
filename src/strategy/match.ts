// The request match of an A/B test or a blue/green preview (pure): one model for both route
// kinds, parsed from the `match` / `preview-header` inputs (strategy/spec.ts), rendered as an
// Istio HTTPMatchRequest list or as Gateway API HTTPRouteMatch entries, and compared ("every
// request this matches, that matches too") for the shadowing checks of strategy/validate.ts.
// Hand-written: no library models Istio's and the Gateway API's match semantics together.
import { isObject } from '../util/object.js';

type Json = Record<string, unknown>;

export type HeaderMatchType = 'exact' | 'prefix' | 'regex';

/** One header condition. `name` is lower case (header names are case-insensitive; Istio requires lower case). */
export interface HeaderCondition {
  name: string;
  type: HeaderMatchType;
  value: string;
}

/** One alternative: a request matches when every condition holds (an empty list would match every request). */
export interface MatchEntry {
  headers: HeaderCondition[];
}

/** Alternatives: a request matches when any entry does (Istio's and the Gateway API's `matches` semantics). */
export type MatchSpec = MatchEntry[];

/** Characters a regular expression treats specially, escaped so a literal value matches itself. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * The header condition a cookie `name=value` is: the Cookie header, by the regular expression
 * Flagger documents (`^(.*?;)?(canary=always)(;.*)?$`), with optional white space after `;`.
 */
export function cookieCondition(name: string, value: string): HeaderCondition {
  return {
    name: 'cookie',
    type: 'regex',
    value: `^(.*?;\\s*)?(${escapeRegex(name)}=${escapeRegex(value)})(;.*)?$`,
  };
}

/**
 * Request headers that satisfy an entry, for a load generator that must send matching requests
 * (exact: the value; prefix: the prefix; a cookie condition: `name=value`; a regex that is a
 * plain literal: that text). Null when a regex has no obvious sample: the user then gives the
 * load generator's headers.
 */
export function sampleHeaders(entry: MatchEntry): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const h of entry.headers) {
    if (h.type !== 'regex') out[h.name] = h.value;
    else {
      const cookie = /^\^\(\.\*\?;(?:\\s\*)?\)\?\((.*)\)\(;\.\*\)\?\$$/.exec(h.value);
      const literal = (cookie ? cookie[1]! : h.value).replace(/\\(.)/g, '$1');
      if (/[\\^$.*+?()[\]{}|]/.test((cookie ? cookie[1]! : h.value).replace(/\\./g, ''))) return null;
      out[h.name] = literal;
    }
  }
  return out;
}

/** The canonical form: header names lower case, conditions sorted by name (then type, value). */
export function normalizeEntry(entry: MatchEntry): MatchEntry {
  const headers = entry.headers
    .map((h) => ({ ...h, name: h.name.toLowerCase() }))
    .sort((a, b) =>
      a.name !== b.name
        ? a.name < b.name
          ? -1
          : 1
        : `${a.type}:${a.value}` < `${b.type}:${b.value}`
          ? -1
          : 1,
    );
  return { headers };
}

/** Istio's StringMatch for a condition: `{exact|prefix|regex: value}`. */
const istioString = (h: HeaderCondition): Json => ({ [h.type]: h.value });

/** The Istio HTTPMatchRequest `headers` mapping of an entry. */
export function istioHeaders(entry: MatchEntry): Json {
  return Object.fromEntries(entry.headers.map((h) => [h.name, istioString(h)]));
}

/**
 * The Gateway API HTTPHeaderMatch list of an entry. The Gateway API has Exact and
 * RegularExpression only: a prefix becomes the expression `<escaped prefix>.*` (Istio matches
 * the whole value, as RE2 full match).
 */
export function gatewayHeaders(entry: MatchEntry): Json[] {
  return entry.headers.map((h) =>
    h.type === 'exact'
      ? { type: 'Exact', name: h.name, value: h.value }
      : {
          type: 'RegularExpression',
          name: h.name,
          value: h.type === 'prefix' ? `${escapeRegex(h.value)}.*` : h.value,
        },
  );
}

/** Reads an Istio StringMatch (`{exact|prefix|regex}`) as a condition on `name`; null for anything else. */
export function conditionOfIstio(name: string, sm: unknown): HeaderCondition | null {
  if (!isObject(sm)) return null;
  const keys = Object.keys(sm);
  if (keys.length !== 1) return null;
  const type = keys[0] as HeaderMatchType;
  const value = sm[type];
  if (!['exact', 'prefix', 'regex'].includes(type) || typeof value !== 'string') return null;
  return { name: name.toLowerCase(), type, value };
}

/** Reads a Gateway API HTTPHeaderMatch as a condition; null when it is not one. */
export function conditionOfGateway(hm: unknown): HeaderCondition | null {
  if (!isObject(hm) || typeof hm.name !== 'string' || typeof hm.value !== 'string') return null;
  const type =
    hm.type === undefined || hm.type === 'Exact' ? 'exact' : hm.type === 'RegularExpression' ? 'regex' : null;
  return type ? { name: hm.name.toLowerCase(), type, value: hm.value } : null;
}

/** Whether `regex` matches all of `value` (Istio and Envoy match the whole value); false when it does not compile here. */
function fullMatch(regex: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(value);
  } catch {
    return false;
  }
}

/**
 * Whether every value satisfying `narrow` also satisfies `broad`, as far as can be told without
 * solving regular expressions: an unknown case answers false (a check built on it then refuses
 * nothing it cannot prove).
 */
export function conditionImplies(narrow: HeaderCondition, broad: HeaderCondition): boolean {
  if (narrow.name !== broad.name) return false;
  if (narrow.type === broad.type && narrow.value === broad.value) return true;
  if (narrow.type === 'exact') {
    if (broad.type === 'exact') return narrow.value === broad.value;
    if (broad.type === 'prefix') return narrow.value.startsWith(broad.value);
    return fullMatch(broad.value, narrow.value);
  }
  if (narrow.type === 'prefix') {
    if (broad.type === 'prefix') return narrow.value.startsWith(broad.value);
    // `.*` (and `.+` for a non-empty prefix) take any value.
    if (broad.type === 'regex') return broad.value === '.*' || (broad.value === '.+' && narrow.value !== '');
  }
  return broad.type === 'regex' && broad.value === '.*';
}

/**
 * Whether every request matching `narrow` matches `broad`: each condition of `broad` is implied
 * by a condition of `narrow` on the same header. An entry with no condition is broader than any.
 */
export function entryImplies(narrow: MatchEntry, broad: MatchEntry): boolean {
  return broad.headers.every((b) => narrow.headers.some((n) => conditionImplies(n, b)));
}

/** Same conditions, in any order. */
export function sameEntry(a: MatchEntry, b: MatchEntry): boolean {
  return entryImplies(a, b) && entryImplies(b, a);
}

/** Shows a match as the shorthand a user writes (`header:x-user=beta`, `header:x-a^=p`, `header:x-b~=re`). */
export function describeEntry(entry: MatchEntry): string {
  if (entry.headers.length === 0) return '(every request)';
  const op = { exact: '=', prefix: '^=', regex: '~=' } as const;
  return entry.headers.map((h) => `header:${h.name}${op[h.type]}${h.value}`).join(' and ');
}

/** The JSON of a value with mapping keys sorted: two values are the same exactly when these are. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

// Istio HTTPMatchRequest fields that are one StringMatch each.
const ISTIO_STRING_FIELDS = ['uri', 'scheme', 'method', 'authority'];

/**
 * Whether every request matching the Istio HTTPMatchRequest `narrow` matches `broad` too
 * (`name` is a label and ignored; an empty `broad` matches everything). Headers, query
 * parameters and the StringMatch fields compare by conditionImplies; other fields must be equal.
 * False when it cannot be told.
 */
export function istioEntryCovers(broad: Json, narrow: Json): boolean {
  for (const [key, b] of Object.entries(broad)) {
    if (key === 'name') continue;
    const n = narrow[key];
    if (key === 'headers' || key === 'queryParams') {
      if (!isObject(b)) return false;
      for (const [name, sm] of Object.entries(b)) {
        const bc = conditionOfIstio(name, sm);
        const nc = isObject(n) ? conditionOfIstio(name, n[name] ?? n[name.toLowerCase()]) : null;
        if (!bc || !nc || !conditionImplies(nc, bc)) return false;
      }
    } else if (ISTIO_STRING_FIELDS.includes(key)) {
      const bc = conditionOfIstio(key, b);
      const nc = conditionOfIstio(key, n);
      if (!bc || !nc || !conditionImplies(nc, bc)) return false;
    } else if (key === 'ignoreUriCase') {
      // Ignoring case is broader; not ignoring it is as narrow as the other side.
      if (b !== true && narrow.ignoreUriCase === true) return false;
    } else if (!sameJson(b, n)) return false;
  }
  return true;
}

/**
 * The route's own matches AND each extra condition set: what a route inserted before it must
 * match so that it takes only requests the route takes now. `routeMatch` is the route's `match`
 * (absent or empty: every request). Returns a message when both constrain the same field or
 * header differently (the result could not be written as one match).
 */
export function intersectIstio(routeMatch: unknown, extra: readonly Json[]): Json[] | string {
  const own = Array.isArray(routeMatch) ? routeMatch.filter(isObject) : [];
  const base = own.length ? own : [{}];
  const out: Json[] = [];
  for (const r of base)
    for (const e of extra) {
      const merged: Json = Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'name'));
      for (const [key, value] of Object.entries(e)) {
        if (key === 'headers' && isObject(value)) {
          const headers: Json = isObject(merged.headers) ? { ...merged.headers } : {};
          for (const [h, sm] of Object.entries(value)) {
            if (headers[h] !== undefined && !sameJson(headers[h], sm))
              return `header ${h} is matched by the route as ${canonicalJson(headers[h])} and by the new match as ${canonicalJson(sm)}`;
            headers[h] = sm;
          }
          merged.headers = headers;
        } else {
          if (merged[key] !== undefined && !sameJson(merged[key], value))
            return `${key} is matched by the route as ${canonicalJson(merged[key])} and by the new match as ${canonicalJson(value)}`;
          merged[key] = value;
        }
      }
      const without = isObject(merged.withoutHeaders) ? Object.keys(merged.withoutHeaders) : [];
      const both = without.find((h) => isObject(merged.headers) && merged.headers[h] !== undefined);
      if (both !== undefined)
        return `header ${both} is excluded by the route (withoutHeaders) and required by the new match`;
      out.push(merged);
    }
  return out;
}
