// The parsers of single input values (pure): each takes the raw text and returns the value or
// throws InvalidValueError with what is wrong; settings.ts collects the errors per input and
// formatInputError adds what is accepted. New inputs reuse these before writing their own.
import { IstioCanaryError } from './errors.js';

/** Thrown by the parsers here (formatInputError adds the accepted text); collected per input. */
export class InvalidValueError extends IstioCanaryError {}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `2m`, `1m30s`, `500ms`, `1h`; a bare number is seconds. Returns milliseconds. */
export function parseDuration(raw: string): number {
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) throw new InvalidValueError('is not a duration');
  return Math.round(total);
}

/** `1%`, `0.5%`, or a fraction `0.01`. Returns a fraction. */
export function parsePercentage(raw: string, maxFraction = Infinity): number {
  const text = raw.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const v = Number(text);
    // The percentage it suggests must be one the input accepts (`500` for 0-100% is neither).
    if (v > 1 && v / 100 <= maxFraction)
      throw new InvalidValueError(`is ambiguous: write ${text}% for a percentage, or a fraction from 0 to 1`);
    if (v > 1)
      throw new InvalidValueError(
        `is above 1 as a fraction, and ${text}% is above ${maxFraction * 100}%; write a percentage up to ${maxFraction * 100}%`,
      );
    return v;
  }
  throw new InvalidValueError('is not a percentage');
}

/**
 * The elements of a comma-separated list, trimmed. An empty element (`10,,100`, a leading or
 * trailing comma) is an error naming its position: it is a typo, never a silently shorter list.
 * `what` names an element in the message (`weight`, `path`).
 */
export function commaElements(raw: string, what: string): string[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > 1) {
    const empty = parts.findIndex((p) => p === '');
    if (empty >= 0)
      throw new InvalidValueError(
        `has an empty ${what} at position ${empty + 1} of ${parts.length} (two commas in a row, or a comma at the start or end)`,
      );
  }
  return parts;
}

/** `10,60,100`: whole numbers 1..100, strictly ascending (white space also separates). */
export function parseSteps(raw: string): number[] {
  const parts = commaElements(raw, 'weight').flatMap((p) => p.split(/\s+/).filter((w) => w !== ''));
  if (parts.length === 0) throw new InvalidValueError('has no steps');
  const weights = parts.map((p) => {
    if (!/^\d+$/.test(p))
      throw new InvalidValueError(
        `has "${p.length > 40 ? `${p.slice(0, 37)}...` : p}", which is not a whole number`,
      );
    return Number(p);
  });
  // Every problem of the list in one message, so a user fixes it in one go.
  const problems: string[] = [];
  const outside = weights.filter((w) => w < 1 || w > 100);
  if (outside.length > 0) problems.push(`has ${outside.join(', ')}, outside 1-100`);
  for (let i = 1; i < weights.length; i++)
    if (weights[i]! <= weights[i - 1]!) {
      problems.push(`is not strictly ascending (${weights[i - 1]} then ${weights[i]})`);
      break;
    }
  if (problems.length > 0) throw new InvalidValueError(problems.join('; '));
  return weights;
}

export function parseBoolean(raw: string): boolean {
  const t = raw.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(t)) return true;
  if (['false', 'no', '0', 'off'].includes(t)) return false;
  throw new InvalidValueError('is not a boolean');
}

export function parseEnum<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    const t = raw.trim();
    if ((values as readonly string[]).includes(t)) return t as T;
    throw new InvalidValueError('is not one of the accepted values');
  };
}

export function parseInteger(min: number, max: number) {
  return (raw: string): number => {
    const t = raw.trim();
    if (!/^\d+$/.test(t)) throw new InvalidValueError('is not a whole number');
    const v = Number(t);
    if (v < min || v > max) throw new InvalidValueError(`is outside ${min}-${max}`);
    return v;
  };
}

/** The highest load-rps (and `load --rps`): above it the generator's schedule alone takes gigabytes. */
export const MAX_LOAD_RPS = 100_000;
/** The most load-connections (and `load --connections`). */
export const MAX_LOAD_CONNECTIONS = 1000;

export function parsePositiveNumber(max: number) {
  return (raw: string): number => {
    const t = raw.trim();
    if (!/^\d+(\.\d+)?$/.test(t)) throw new InvalidValueError('is not a number');
    const v = Number(t);
    if (v <= 0 || v > max) throw new InvalidValueError(`is not > 0 and <= ${max}`);
    return v;
  };
}

/** The first control character (C0, DEL, C1) or Unicode line/bidi control in `text`, named for an error, or null. */
export function controlCharacter(text: string): string | null {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const m = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(text);
  if (!m) return null;
  const name = m[0] === '\n' ? 'a line break' : m[0] === '\t' ? 'a tab' : 'a control character';
  return `${name} (U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at character ${m.index + 1}`;
}

/** Rejects a value with a control character (a line break inside a one-line input included). */
export function oneLine(text: string, what: string): string {
  const c = controlCharacter(text);
  if (c) throw new InvalidValueError(`has ${c}, which ${what} may not have`);
  return text;
}

/** Rejects a value longer than `max` characters, saying how long it is. */
export function atMost(text: string, max: number, what: string): string {
  if (text.length > max)
    throw new InvalidValueError(`is ${text.length} characters long; ${what} has at most ${max}`);
  return text;
}

export function parseUrl(raw: string): string {
  let url: URL;
  // The URL parser drops tabs and line breaks silently (`http://exa\nmple.com` would be
  // example.com): a URL with one is refused, not repaired.
  oneLine(raw.trim(), 'a URL');
  atMost(raw.trim(), 2048, 'a URL');
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidValueError('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidValueError(`has scheme ${url.protocol}, not http or https`);
  return url.toString();
}

/** prometheus-url without user:password@ (fetch refuses one; credentials go in prometheus-auth). */
export function parsePrometheusUrl(raw: string): string {
  const url = new URL(parseUrl(raw));
  if (url.username || url.password)
    throw new InvalidValueError(
      'contains credentials (user:password@), which are not sent from the URL: give the URL without them and put them in prometheus-auth as `Basic <base64 of user:password>`',
    );
  return url.toString();
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export function parseDnsLabel(raw: string): string {
  const t = raw.trim();
  if (t.length > 63 || !DNS_LABEL.test(t)) throw new InvalidValueError('is not a DNS label');
  return t;
}

export function parseVersion(prefixV: boolean) {
  return (raw: string): string => {
    const t = raw.trim();
    const re = prefixV ? /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/ : /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
    if (!re.test(t)) throw new InvalidValueError('is not a release version');
    return t;
  };
}

/** A duration the way the inputs write it: 24h, 2m, 90s, 1500ms (the largest unit that divides it). */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The bounds are named in the message with the value, in the same units the accepted text uses. */
export function parseDurationBetween(minMs: number, maxMs: number) {
  return (raw: string): number => {
    const ms = parseDuration(raw);
    const bounds = `(at least ${formatDuration(minMs)}, at most ${formatDuration(maxMs)})`;
    if (ms < minMs)
      throw new InvalidValueError(
        `is ${formatDuration(ms)}, shorter than ${formatDuration(minMs)} ${bounds}`,
      );
    if (ms > maxMs)
      throw new InvalidValueError(`is ${formatDuration(ms)}, longer than ${formatDuration(maxMs)} ${bounds}`);
    return ms;
  };
}

const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
export function parseImage(raw: string): string {
  const t = raw.trim();
  if (!IMAGE.test(t)) throw new InvalidValueError('is not an image reference');
  // The registry's limit on a repository name (the part before the tag or digest).
  const name = t.replace(/@sha256:[a-f0-9]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '');
  if (name.length > 255)
    throw new InvalidValueError(
      `has a ${name.length}-character name before the tag; an image name has at most 255`,
    );
  return t;
}

/** More http routes than any VirtualService has; an index above it is a typo, not a route. */
const MAX_ROUTE_INDEX = 9999;

export function parseRoute(raw: string): string | number {
  const t = raw.trim();
  if (/^\d+$/.test(t)) {
    // A 30-digit index would become 1e+30 (and be named so); say what the bound is instead.
    if (t.length > 4 || Number(t) > MAX_ROUTE_INDEX)
      throw new InvalidValueError(`is outside 0-${MAX_ROUTE_INDEX}`);
    return Number(t);
  }
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(t))
    throw new InvalidValueError('is not a route name or index');
  atMost(t, 253, 'a route name');
  return t;
}

export function parseName(raw: string): string {
  const t = raw.trim();
  if (t.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(t))
    throw new InvalidValueError('is not a Kubernetes object name');
  return t;
}

export function parseHost(raw: string): string {
  const t = raw.trim();
  const m = /^([A-Za-z0-9*]([-A-Za-z0-9.*]*[A-Za-z0-9])?)(:(\d+))?$/.exec(t);
  if (!m) throw new InvalidValueError('is not a host name');
  if (m[1]!.length > 253)
    throw new InvalidValueError(`is ${m[1]!.length} characters long; a host name has at most 253`);
  if (m[4] !== undefined && (m[4].length > 5 || Number(m[4]) < 1 || Number(m[4]) > 65535))
    throw new InvalidValueError(`has port ${m[4]}, outside 1-65535`);
  return t;
}

/**
 * Comma- or newline-separated file paths or globs. Blank lines are layout (a YAML block ends
 * with one); an empty element between commas is an error (commaElements).
 */
export function parseList(raw: string): string[] {
  return raw
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => commaElements(line, 'path'));
}

/** The manifests patterns; a control character or a path no file system takes is named here. */
export function parseManifests(raw: string): string[] {
  const patterns = parseList(raw);
  for (const p of patterns) {
    const c = controlCharacter(p.replace(/\r$/, ''));
    if (c) throw new InvalidValueError(`has the path ${JSON.stringify(p.slice(0, 60))} with ${c}`);
    if (p.length > 4096)
      throw new InvalidValueError(`has a path of ${p.length} characters; a path has at most 4096`);
  }
  return patterns;
}

/** An HTTP header value: printable ASCII (and tabs inside), as fetch sends it. */
export function parseHeaderValue(raw: string): string {
  const t = raw.trim();
  if (/[\r\n]/.test(t)) throw new InvalidValueError('has a line break, which no HTTP header value may have');
  const bad = /[^\t\x20-\x7e]/.exec(t);
  if (bad)
    throw new InvalidValueError(
      `has the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${bad.index + 1}; an HTTP header value is printable ASCII`,
    );
  atMost(t, 8192, 'an HTTP header value');
  return t;
}

/** A token: one word of printable ASCII (it travels in an Authorization header). */
export function parseToken(raw: string): string {
  const t = raw.trim();
  const bad = /[^\x21-\x7e]/.exec(t);
  if (bad)
    throw new InvalidValueError(
      `has ${/\s/.test(bad[0]) ? 'white space or a line break' : `the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`} at character ${bad.index + 1}; a token is one word of printable ASCII`,
    );
  atMost(t, 8192, 'a token');
  return t;
}

/** A kubeconfig context name: one line, as kubectl config get-contexts prints it. */
export function parseContext(raw: string): string {
  const t = raw.trim();
  oneLine(t, 'a context name');
  atMost(t, 253, 'a context name');
  return t;
}

export function parseKubeconfig(raw: string): string {
  if (!/\bclusters\s*:/.test(raw) || !/\bapiVersion\s*:/.test(raw))
    throw new InvalidValueError('is not kubeconfig YAML (no apiVersion/clusters)');
  return raw;
}

export function parsePercentageBetween(min: number, max: number) {
  return (raw: string): number => {
    const v = parsePercentage(raw, max);
    if (v < min || v > max) throw new InvalidValueError(`is outside ${min * 100}%-${max * 100}%`);
    return v;
  };
}

/** A branch name as git accepts it (git check-ref-format --branch), at most 255 characters. */
export function parseGitBranch(raw: string): string {
  const text = raw.trim().replace(/^refs\/heads\//, '');
  const bad =
    text.length > 255
      ? 'is longer than 255 characters'
      : controlCharacter(text) !== null || /[\s~^:?*[\\]/.test(text)
        ? 'has a space, a control character or one of ~ ^ : ? * [ \\'
        : text.startsWith('-') || text.startsWith('/') || text.endsWith('/') || text.endsWith('.')
          ? 'starts with - or /, or ends with / or .'
          : text.includes('..') || text.includes('//') || text.includes('@{') || text === '@'
            ? 'has .., //, @{ or is @'
            : /(^|\/)\./.test(text) || /\.lock(\/|$)/.test(text)
              ? 'has a component starting with . or ending with .lock'
              : null;
  if (bad) throw new InvalidValueError(`is not a branch name: it ${bad}`);
  return text;
}
