// istiod's validating admission webhook (`validation.istio.io`) as the embedded API server runs
// it: a VirtualService whose StringMatch `regex` Envoy's RE2 would not compile (lookaround,
// backreferences, possessive quantifiers; an empty or over-1024-character regex) is refused at
// create, update, patch and apply, dry run included, with the Status kube-apiserver makes of
// istiod's denial (400, no reason, "admission webhook \"validation.istio.io\" denied the
// request: configuration is invalid: ..."). Without it such an object would be stored and then
// silently left out of the routing table. What RE2 lacks is the data plane's re2Refusal, the one
// definition the inputs (strategy/spec.ts) and the routing table use too. Hand-written: there is
// no JavaScript port of istiod's validation.

import { re2Refusal } from '../dataplane/routes-match.js';
import { isObject, type JsonObject } from './json.js';
import type { ResourceType } from './resources.js';
import { ApiError, failure } from './status.js';

/** The webhook's name as kube-apiserver puts it in the denial. */
export const ISTIO_VALIDATION_WEBHOOK = 'validation.istio.io';

/** Envoy's limit on a regex, which istiod approximates by its length. */
const MAX_REGEX_LENGTH = 1024;

const RE2_SYNTAX = 'Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)';

/** istiod's validateStringMatchRegexp: the error for one StringMatch at `where`, or undefined. */
function stringMatchError(match: unknown, where: string): string | undefined {
  if (!isObject(match) || !('regex' in match)) return undefined;
  const re = match['regex'];
  if (typeof re !== 'string') return undefined;
  if (re === '') return `"${where}": regex string match should not be empty`;
  if (re.length > MAX_REGEX_LENGTH)
    return `"${where}": regex is too large, max length allowed is ${MAX_REGEX_LENGTH}`;
  const refusal = re2Refusal(re);
  if (refusal === undefined) return undefined;
  return `"${where}": error parsing regexp: ${refusal}: \`${re}\`; ${RE2_SYNTAX}`;
}

const entries = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const values = (v: unknown): unknown[] => (isObject(v) ? Object.values(v) : []);

/**
 * What istiod says about a VirtualService's regexes, one error per bad StringMatch, with the
 * field names istiod uses (`headers`, `withoutHeaders`, `uri`, `scheme`, `method`,
 * `authority`, `queryParams`, `corsPolicy.allowOrigins`), in the order of the http routes. Pure.
 */
export function virtualServiceRegexErrors(spec: unknown): string[] {
  const errors: string[] = [];
  const check = (m: unknown, where: string) => {
    const e = stringMatchError(m, where);
    if (e !== undefined) errors.push(e);
  };
  for (const http of entries(isObject(spec) ? spec['http'] : undefined)) {
    if (!isObject(http)) continue;
    for (const match of entries(http['match'])) {
      if (!isObject(match)) continue;
      for (const h of values(match['headers'])) check(h, 'headers');
      for (const h of values(match['withoutHeaders'])) check(h, 'withoutHeaders');
      for (const f of ['uri', 'scheme', 'method', 'authority']) check(match[f], f);
      for (const q of values(match['queryParams'])) check(q, 'queryParams');
    }
    const cors = http['corsPolicy'];
    if (isObject(cors))
      for (const origin of entries(cors['allowOrigins'])) check(origin, 'corsPolicy.allowOrigins');
  }
  return errors;
}

/** hashicorp/go-multierror's text, which istiod's joined validation errors print as. */
function multiError(errors: readonly string[]): string {
  if (errors.length === 1) return errors[0]!;
  return `${errors.length} errors occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}

/**
 * The webhook's verdict on a write of `o` (the main resource; istiod's rules leave subresources
 * out): throws the denial as kube-apiserver answers it, or returns for anything it admits.
 */
export function istioWebhookAdmission(rt: ResourceType, o: JsonObject): void {
  if (rt.group !== 'networking.istio.io' || rt.kind !== 'VirtualService') return;
  const errors = virtualServiceRegexErrors(o['spec']);
  if (errors.length === 0) return;
  throw new ApiError(
    failure(
      400,
      '',
      `admission webhook "${ISTIO_VALIDATION_WEBHOOK}" denied the request: configuration is invalid: ${multiError(errors)}`,
    ),
  );
}
