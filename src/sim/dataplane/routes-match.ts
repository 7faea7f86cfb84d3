// String and path matchers of the routing table, with Envoy's semantics: Istio's StringMatch
// (exact / prefix / regex) and the Gateway API's path types. Regexes are RE2 in Envoy; JS RegExp
// is used with a whole-value anchor after refusing what RE2 lacks (lookaround, backreferences),
// so a pattern Istio would reject is reported instead of silently matching differently. Pure.
import { isObject } from '../../util/object.js';

export type StringMatch = (value: string | undefined) => boolean;

/** Why RE2 (Envoy's regex engine) would refuse `pattern`, or undefined when it is accepted. */
export function re2Refusal(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) return `backreference \\${n} (RE2 has no backreferences)`;
      if (!inClass && n === 'k' && pattern[i + 2] === '<')
        return 'named backreference \\k<…> (RE2 has no backreferences)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal in RE2 and JS alike.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) return 'lookahead (?= or (?! (RE2 has no lookaround)';
      if (rest === '<=' || rest === '<!') return 'lookbehind (?<= or (?<! (RE2 has no lookaround)';
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+')
      return `possessive quantifier ${c}+ (RE2 has none)`;
  }
  return undefined;
}

/**
 * An RE2 pattern as a JS RegExp matching the whole value (Envoy's safe_regex is a full match).
 * RE2's `(?P<name>` groups and a leading `(?i)` are translated. Throws with the reason on refusal.
 */
export function compileRe2(pattern: string, ignoreCase = false): RegExp {
  const refusal = re2Refusal(pattern);
  if (refusal) throw new Error(`regex ${JSON.stringify(pattern)} is not RE2: ${refusal}`);
  let body = pattern.replace(/\(\?P</g, '(?<');
  let flags = ignoreCase ? 'i' : '';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (err) {
    throw new Error(`regex ${JSON.stringify(pattern)} does not compile: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * Istio's StringMatch ({exact}|{prefix}|{regex}, an empty {} meaning "present"); undefined when
 * `spec` is not an object. Throws (with the reason) on a regex Istio would reject.
 */
export function compileStringMatch(spec: unknown, ignoreCase = false): StringMatch | undefined {
  if (!isObject(spec)) return undefined;
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  if (typeof spec.exact === 'string') {
    const e = fold(spec.exact);
    return (v) => v !== undefined && fold(v) === e;
  }
  if (typeof spec.prefix === 'string') {
    const p = fold(spec.prefix);
    return (v) => v !== undefined && fold(v).startsWith(p);
  }
  if (typeof spec.regex === 'string') {
    const re = compileRe2(spec.regex, ignoreCase);
    return (v) => v !== undefined && re.test(v);
  }
  return (v) => v !== undefined;
}

/**
 * The Gateway API's PathPrefix: element-wise, so "/foo" matches "/foo", "/foo/" and "/foo/bar" but
 * not "/foobar"; a trailing "/" in the value is ignored ("/foo/" ≡ "/foo").
 */
export function pathPrefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/');
  return path === p || path.startsWith(`${p}/`);
}
