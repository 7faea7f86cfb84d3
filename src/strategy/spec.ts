// The strategy inputs of issue 15 (pure): `strategy`, `match`, `mirror-percent`,
// `preview-host`, `preview-header`, `iterations`, `route-kind`, `http-route` and `services`,
// parsed into one StrategySpec. The single-value parsers throw InvalidValueError the way the
// parsers of src/input-parsers.ts do (settings.ts adds the input name and what is accepted);
// parseStrategySpec checks the inputs together and names every field at fault at once.
import { load } from 'js-yaml';
import { ROUTE_KIND_CHOICES, STRATEGIES, inputSpec } from '../contract.js';
import {
  InvalidValueError,
  atMost,
  parseDnsLabel,
  parseEnum,
  parseHost,
  parseImage,
  parseInteger,
  parseManifests,
  parseName,
  parseRoute,
  parseUrl,
} from '../input-parsers.js';
import { isObject } from '../util/object.js';
import { re2Refusal } from '../sim/dataplane/routes-match.js';
import {
  cookieCondition,
  normalizeEntry,
  type HeaderCondition,
  type MatchEntry,
  type MatchSpec,
} from './match.js';

export { STRATEGIES, ROUTE_KIND_CHOICES } from '../contract.js';
export type StrategyKind = (typeof STRATEGIES)[number];

export type RouteKindChoice = (typeof ROUTE_KIND_CHOICES)[number];
export type RouteKind = Exclude<RouteKindChoice, 'auto'>;

/** Where a blue/green preview reaches the canary: requests for a separate host, or carrying a header. */
export type PreviewSpec = { kind: 'host'; host: string } | { kind: 'header'; header: HeaderCondition };

/** One service of a lockstep run (an entry of `services`): its route object, route and two versions. */
export interface LockstepService {
  /** How logs and the report name it: `name`, else the route object's name. */
  name: string;
  routeKind: RouteKind;
  /** The VirtualService or HTTPRoute name. */
  object: string;
  /** Null: the `namespace` input. */
  namespace: string | null;
  /** The http route (VirtualService) or rule (HTTPRoute) by name or 0-based index; null: detected. */
  route: string | number | null;
  /** Stable subset (VirtualService) or Service (HTTPRoute); null: detected. */
  stable: string | null;
  /** Canary subset (VirtualService) or Service (HTTPRoute); null: detected. */
  canary: string | null;
  canaryImage: string | null;
  container: string | null;
  /** This service's manifests (patterns); null: the `manifests` input. */
  manifests: string[] | null;
  /** Where this service's load goes; null: the `load-url` input (or the created cluster's ingress). */
  loadUrl: string | null;
  /** The Host header of this service's load; null: the `load-host` input. */
  loadHost: string | null;
}

/** Everything the strategy inputs say, checked together. JSON-serializable. */
export interface StrategySpec {
  strategy: StrategyKind;
  routeKind: RouteKindChoice;
  /** The HTTPRoute to step (`http-route`); null: detected. */
  httpRoute: string | null;
  /** The HTTPRoute rule's stable Service (`stable-service`); null: detected. */
  stableService: string | null;
  /** The HTTPRoute rule's canary Service (`canary-service`); null: detected. */
  canaryService: string | null;
  /** The A/B match (strategy ab); [] for the others. */
  match: MatchSpec;
  /** Percent of live requests mirrored to the canary, (0, 100] (strategy mirror; 100 otherwise). */
  mirrorPercent: number;
  /** The blue/green preview (strategy blue-green); null for the others. */
  preview: PreviewSpec | null;
  /** Judged windows on the match, the mirror or the preview before the weights (or the switch). */
  iterations: number;
  /** Lockstep services; [] when the run steps one route chosen by the single-route inputs. */
  services: LockstepService[];
}

/** The raw texts, by input name; '' or absent = not set. */
export type StrategyInputs = Partial<
  Record<
    | 'strategy'
    | 'match'
    | 'mirror-percent'
    | 'preview-host'
    | 'preview-header'
    | 'iterations'
    | 'route-kind'
    | 'http-route'
    | 'stable-service'
    | 'canary-service'
    | 'services',
    string
  >
>;

/** The most alternatives in `match` (each is multiplied by the stepped route's own matches). */
export const MAX_MATCH_ENTRIES = 8;
/** The most conditions in one alternative (the Gateway API's limit on headers of one match). */
export const MAX_MATCH_HEADERS = 16;
/** The most services stepped in lockstep. */
export const MAX_LOCKSTEP_SERVICES = 16;

export const parseStrategyKind = parseEnum(STRATEGIES);
export const parseRouteKind = parseEnum(ROUTE_KIND_CHOICES);
export const parseIterations = parseInteger(1, 100);

// HTTP token characters (RFC 9110) but `^` and `~`, which the shorthand uses as operators.
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.`|_-]+$/;
// A cookie value's characters (RFC 6265 cookie-octet).
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

function headerName(name: string): string {
  if (!HEADER_NAME.test(name))
    throw new InvalidValueError(
      `has the header name ${JSON.stringify(name.slice(0, 60))}; a header name is letters, digits and !#$%&'*+.\`|_-`,
    );
  atMost(name, 256, 'a header name');
  return name.toLowerCase();
}

function literalValue(value: string, what: string): string {
  if (value === '') throw new InvalidValueError(`has an empty ${what}`);
  const bad = /[^\t\x20-\x7e]/.exec(value);
  if (bad)
    throw new InvalidValueError(
      `has the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in a ${what}; a header value is printable ASCII`,
    );
  atMost(value, 4096, `a ${what}`);
  return value;
}

/** A regular expression Istio (RE2) and the embedded mesh both compile (re2Refusal is the mesh's RE2 check). */
function regexValue(value: string): string {
  literalValue(value, 'regular expression');
  const refusal = re2Refusal(value);
  if (refusal)
    throw new InvalidValueError(
      `has the regular expression ${JSON.stringify(value.slice(0, 60))} with a ${refusal}, which Istio (Envoy) refuses`,
    );
  try {
    new RegExp(value);
  } catch (err) {
    throw new InvalidValueError(
      `has the regular expression ${JSON.stringify(value.slice(0, 60))}, which does not compile (${(err as Error).message})`,
    );
  }
  return value;
}

/** One shorthand condition: `header:NAME=VALUE`, `header:NAME^=PREFIX`, `header:NAME~=REGEX`, `cookie:NAME=VALUE`. */
export function parseShorthand(text: string): HeaderCondition {
  const t = text.trim();
  const cookie = /^cookie:([^=]*)=(.*)$/.exec(t);
  if (cookie) {
    const name = cookie[1]!;
    if (!HEADER_NAME.test(name))
      throw new InvalidValueError(`has the cookie name ${JSON.stringify(name.slice(0, 60))}`);
    if (!COOKIE_VALUE.test(cookie[2]!))
      throw new InvalidValueError(
        `has the cookie value ${JSON.stringify(cookie[2]!.slice(0, 60))}; a cookie value is printable ASCII without space, ", comma, ; or \\`,
      );
    return cookieCondition(name, cookie[2]!);
  }
  const header = /^header:([^=^~]*)(=|\^=|~=)(.*)$/.exec(t);
  if (!header)
    throw new InvalidValueError(
      `has ${JSON.stringify(t.slice(0, 60))}, which is not header:NAME=VALUE, header:NAME^=PREFIX, header:NAME~=REGEX or cookie:NAME=VALUE`,
    );
  const name = headerName(header[1]!);
  const op = header[2]!;
  const value = header[3]!;
  if (op === '~=') return { name, type: 'regex', value: regexValue(value) };
  return { name, type: op === '=' ? 'exact' : 'prefix', value: literalValue(value, 'header value') };
}

function entryOfYaml(raw: unknown, at: string): MatchEntry {
  if (typeof raw === 'string') return { headers: [parseShorthand(raw)] };
  if (!isObject(raw))
    throw new InvalidValueError(`has ${at}, which is not a mapping {headers: ...} or a shorthand string`);
  const extra = Object.keys(raw).filter((k) => k !== 'headers');
  if (extra.length)
    throw new InvalidValueError(
      `has ${at} with ${extra.map((k) => JSON.stringify(k)).join(', ')}; an entry has only headers (a header or cookie match)`,
    );
  if (!isObject(raw.headers)) throw new InvalidValueError(`has ${at} without a headers mapping`);
  const headers = Object.entries(raw.headers).map(([name, sm]) => {
    const keys = isObject(sm) ? Object.keys(sm) : [];
    const type = keys[0];
    if (
      !isObject(sm) ||
      keys.length !== 1 ||
      !['exact', 'prefix', 'regex'].includes(type!) ||
      !['string', 'number', 'boolean'].includes(typeof sm[type!])
    )
      throw new InvalidValueError(
        `has ${at} header ${JSON.stringify(name.slice(0, 60))} without exactly one of exact, prefix or regex (a string)`,
      );
    // YAML reads `{exact: 2}` as a number: the header value is its text.
    const value = String(sm[type!]);
    return {
      name: headerName(name),
      type: type as HeaderCondition['type'],
      value: type === 'regex' ? regexValue(value) : literalValue(value, 'header value'),
    };
  });
  return { headers };
}

/**
 * The `match` input: a YAML list of Istio-style HTTPMatchRequest entries with headers only
 * (`[{headers: {x-user: {exact: beta}}}]`; entries may also be shorthand strings), or shorthand
 * lines (`header:x-user=beta`, one alternative per line). Alternatives are OR'ed, the
 * conditions of one entry AND'ed. An empty match, or an entry without a condition, is refused.
 */
export function parseMatch(raw: string): MatchSpec {
  const text = raw.trim();
  let entries: MatchEntry[];
  if (/^[-[{]/.test(text)) {
    let doc: unknown;
    try {
      doc = load(text);
    } catch (err) {
      throw new InvalidValueError(`is not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
    const list = Array.isArray(doc) ? doc : [doc];
    entries = list.map((e, i) => entryOfYaml(e, `entry ${i + 1}`));
  } else {
    entries = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => ({ headers: [parseShorthand(l)] }));
  }
  if (entries.length === 0)
    throw new InvalidValueError('has no match; an A/B test needs at least one condition');
  if (entries.length > MAX_MATCH_ENTRIES)
    throw new InvalidValueError(`has ${entries.length} alternatives; at most ${MAX_MATCH_ENTRIES}`);
  entries.forEach((e, i) => {
    if (e.headers.length === 0)
      throw new InvalidValueError(
        `has entry ${i + 1} without a condition, which would send every request to the canary`,
      );
    if (e.headers.length > MAX_MATCH_HEADERS)
      throw new InvalidValueError(
        `has entry ${i + 1} with ${e.headers.length} conditions; at most ${MAX_MATCH_HEADERS}`,
      );
  });
  return entries.map(normalizeEntry);
}

/** `mirror-percent`: a percent of requests above 0 and at most 100 (`10`, `10%`, `0.5`), at most 4 decimals. */
export function parseMirrorPercent(raw: string): number {
  const m = /^(\d+(?:\.\d{1,4})?)\s*%?$/.exec(raw.trim());
  if (!m) throw new InvalidValueError('is not a percent (a number such as 10, 10% or 0.5)');
  const v = Number(m[1]);
  if (v <= 0 || v > 100) throw new InvalidValueError(`is ${v}, outside 0-100 (above 0, at most 100)`);
  return v;
}

/** `preview-host`: one exact host name (no wildcard, no port). */
export function parsePreviewHost(raw: string): string {
  const t = parseHost(raw).toLowerCase();
  if (t.includes('*')) throw new InvalidValueError('has a wildcard; the preview host is one exact host name');
  if (t.includes(':')) throw new InvalidValueError('has a port; the preview host is a host name only');
  return t;
}

/** `preview-header`: `NAME=VALUE` (exact), or one shorthand condition (`header:NAME~=REGEX`, `cookie:NAME=VALUE`). */
export function parsePreviewHeader(raw: string): HeaderCondition {
  const t = raw.trim();
  return parseShorthand(/^(header|cookie):/.test(t) ? t : `header:${t}`);
}

const SERVICE_KEYS = {
  'virtual-service': ['stable-subset', 'canary-subset'],
  'http-route': ['stable-service', 'canary-service'],
} as const;
const COMMON_KEYS = [
  'name',
  'namespace',
  'route',
  'canary-image',
  'container',
  'manifests',
  'load-url',
  'load-host',
];

function serviceOfYaml(raw: unknown, at: string): LockstepService {
  if (!isObject(raw)) throw new InvalidValueError(`has ${at}, which is not a mapping`);
  const kinds = (['virtual-service', 'http-route'] as const).filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1)
    throw new InvalidValueError(
      `has ${at} with ${kinds.length === 0 ? 'neither' : 'both'} virtual-service and http-route; give exactly one`,
    );
  const routeKind = kinds[0]!;
  const [stableKey, canaryKey] = SERVICE_KEYS[routeKind];
  const accepted = [routeKind, ...COMMON_KEYS, stableKey, canaryKey];
  const extra = Object.keys(raw).filter((k) => !accepted.includes(k));
  if (extra.length)
    throw new InvalidValueError(
      `has ${at} with ${extra.map((k) => JSON.stringify(k)).join(', ')}; a ${routeKind} entry accepts ${accepted.join(', ')}`,
    );
  const entry = raw;
  function text(key: string, parse: (s: string) => string): string | null;
  function text<T>(key: string, parse: (s: string) => T): T | null;
  function text<T>(key: string, parse: (s: string) => T): T | null {
    let v = entry[key];
    // manifests may be a YAML list, as the input's lines are.
    if (key === 'manifests' && Array.isArray(v) && v.every((x) => typeof x === 'string')) v = v.join('\n');
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new InvalidValueError(`has ${at} ${key}, which is not a string`);
    try {
      return parse(String(v));
    } catch (err) {
      if (err instanceof InvalidValueError)
        throw new InvalidValueError(
          `has ${at} ${key} ${JSON.stringify(String(v).slice(0, 60))}, which ${err.message}`,
        );
      throw err;
    }
  }
  const routeText = text('route', (v) => String(parseRoute(v)));
  const route = routeText === null ? null : /^\d+$/.test(routeText) ? Number(routeText) : routeText;
  const stable = text(stableKey, parseName);
  const canary = text(canaryKey, parseName);
  if (stable !== null && stable === canary)
    throw new InvalidValueError(`has ${at} with ${stableKey} and ${canaryKey} both ${stable}`);
  const object = text(routeKind, parseName)!;
  return {
    name: text('name', parseDnsLabel) ?? object,
    routeKind,
    object,
    namespace: text('namespace', parseDnsLabel),
    route,
    stable,
    canary,
    canaryImage: text('canary-image', parseImage),
    container: text('container', parseDnsLabel),
    manifests: text('manifests', parseManifests),
    loadUrl: text('load-url', parseUrl),
    loadHost: text('load-host', parseHost),
  };
}

/** The key two lockstep entries must not share: one route object per service. */
export function serviceObjectKey(
  s: Pick<LockstepService, 'routeKind' | 'namespace' | 'object'>,
  namespace: string,
): string {
  return `${s.namespace ?? namespace}/${s.routeKind}/${s.object}`;
}

/**
 * `services`: a YAML list, one mapping per service stepped in lockstep, e.g.
 * `[{virtual-service: web, stable-subset: v1, canary-subset: v2}, {http-route: api, stable-service: api-v1, canary-service: api-v2, canary-image: ghcr.io/o/api:2}]`.
 * At least two entries; the same route object twice is refused (here by name, in
 * validateStrategy by the namespace it resolves to).
 */
export function parseServices(raw: string): LockstepService[] {
  let doc: unknown;
  try {
    doc = load(raw.trim());
  } catch (err) {
    throw new InvalidValueError(`is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(doc)) throw new InvalidValueError('is not a YAML list of services');
  if (doc.length < 2)
    throw new InvalidValueError(
      `has ${doc.length} service(s); lockstep needs at least 2 (one service uses the single-route inputs)`,
    );
  if (doc.length > MAX_LOCKSTEP_SERVICES)
    throw new InvalidValueError(`has ${doc.length} services; at most ${MAX_LOCKSTEP_SERVICES}`);
  const services = doc.map((e, i) => serviceOfYaml(e, `entry ${i + 1}`));
  const seen = new Map<string, number>();
  services.forEach((s, i) => {
    const key = serviceObjectKey(s, '(namespace input)');
    const first = seen.get(key);
    if (first !== undefined)
      throw new InvalidValueError(
        `has entries ${first + 1} and ${i + 1} on the same ${s.routeKind} ${s.object}: each service needs its own route object (its state and Lease live on it)`,
      );
    seen.set(key, i);
  });
  const names = new Map<string, number>();
  services.forEach((s, i) => {
    const first = names.get(s.name);
    if (first !== undefined)
      throw new InvalidValueError(
        `has entries ${first + 1} and ${i + 1} both named ${s.name}: give each a distinct name (it names the service in the log and the report)`,
      );
    names.set(s.name, i);
  });
  return services;
}

/** The inputs of a single-route strategy, in the contract's order (settings.ts reads them together). */
export const STRATEGY_INPUT_NAMES = [
  'strategy',
  'match',
  'mirror-percent',
  'preview-host',
  'preview-header',
  'iterations',
  'route-kind',
  'http-route',
  'stable-service',
  'canary-service',
  'services',
] as const;

/** What each strategy input accepts: the contract's text (one source, for errors and --help). */
export const STRATEGY_ACCEPTS: Record<keyof StrategyInputs, string> = Object.fromEntries(
  STRATEGY_INPUT_NAMES.map((n) => [n, inputSpec(n)?.accepts ?? '']),
) as Record<keyof StrategyInputs, string>;

/** The strategy when none of its inputs is set: weight steps on the route found. */
export const DEFAULT_STRATEGY: StrategySpec = {
  strategy: 'canary',
  routeKind: 'auto',
  httpRoute: null,
  stableService: null,
  canaryService: null,
  match: [],
  mirrorPercent: 100,
  preview: null,
  iterations: 1,
  services: [],
};

/** One problem of the strategy inputs: the input at fault and what is wrong (with what is accepted). */
export interface StrategyInputProblem {
  input: keyof StrategyInputs;
  /** The input's text as given ('' when unset). */
  value: string;
  message: string;
  /** A value refused by the input's own parser (what it accepts is worth adding). */
  parse?: boolean;
}

/**
 * All strategy inputs, parsed and checked together (which inputs go with which strategy).
 * Throws one InvalidValueError listing every problem, each naming the input and what it accepts.
 */
export function parseStrategySpec(inputs: StrategyInputs): StrategySpec {
  const r = strategyFromInputs(inputs);
  if ('problems' in r)
    throw new InvalidValueError(
      r.problems
        .map((p) => {
          const shown = p.value.trim().length > 80 ? `${p.value.trim().slice(0, 77)}...` : p.value.trim();
          return p.parse
            ? `${p.input}: ${JSON.stringify(shown)} ${p.message} (accepted: ${STRATEGY_ACCEPTS[p.input]})`
            : `${p.input}: ${p.message}`;
        })
        .join('\n'),
    );
  return r.spec;
}

/** parseStrategySpec's work, with the problems by input (settings.ts reports them per input). */
export function strategyFromInputs(
  inputs: StrategyInputs,
): { spec: StrategySpec } | { problems: StrategyInputProblem[] } {
  const problems: StrategyInputProblem[] = [];
  const problem = (input: keyof StrategyInputs, message: string, parse = false) =>
    problems.push({ input, value: inputs[input] ?? '', message, parse });
  const given = (name: keyof StrategyInputs) => (inputs[name] ?? '').trim() !== '';
  function field<T>(name: keyof StrategyInputs, parse: (raw: string) => T, fallback: T): T {
    const raw = inputs[name] ?? '';
    if (raw.trim() === '') return fallback;
    try {
      return parse(raw);
    } catch (err) {
      if (!(err instanceof InvalidValueError)) throw err;
      problem(name, err.message, true);
      return fallback;
    }
  }
  const strategy = field('strategy', parseStrategyKind, 'canary');
  const routeKind = field('route-kind', parseRouteKind, 'auto');
  const httpRoute = field('http-route', parseName, null as string | null);
  const stableService = field('stable-service', parseName, null as string | null);
  const canaryService = field('canary-service', parseName, null as string | null);
  const match = field('match', parseMatch, [] as MatchSpec);
  const mirrorPercent = field('mirror-percent', parseMirrorPercent, 100);
  const previewHost = field('preview-host', parsePreviewHost, null as string | null);
  const previewHeader = field('preview-header', parsePreviewHeader, null as HeaderCondition | null);
  const iterations = field('iterations', parseIterations, 1);
  const services = field('services', parseServices, [] as LockstepService[]);

  const onlyFor = (name: keyof StrategyInputs, wanted: StrategyKind) => {
    if (given(name) && strategy !== wanted)
      problem(
        name,
        `is used by strategy ${wanted} only; strategy is ${strategy} (remove ${name}, or set strategy: ${wanted})`,
      );
  };
  onlyFor('match', 'ab');
  onlyFor('mirror-percent', 'mirror');
  onlyFor('preview-host', 'blue-green');
  onlyFor('preview-header', 'blue-green');
  if (strategy === 'ab' && !given('match'))
    problem('match', 'strategy ab needs the requests to send to the canary');
  if (strategy === 'blue-green' && given('preview-host') === given('preview-header'))
    problem(
      'preview-host',
      `strategy blue-green needs exactly one of preview-host and preview-header (${given('preview-host') ? 'both are' : 'neither is'} set): the host or the header that reaches the green version before the switch`,
    );
  if (given('iterations') && strategy === 'canary')
    problem(
      'iterations',
      'counts the judged windows of strategies ab, mirror and blue-green; strategy canary judges each weight step once',
    );
  if (given('http-route') && routeKind === 'virtual-service')
    problem('http-route', 'names an HTTPRoute, but route-kind is virtual-service (remove one of them)');
  for (const name of ['stable-service', 'canary-service'] as const)
    if (given(name) && routeKind === 'virtual-service')
      problem(
        name,
        `names an HTTPRoute backend Service, but route-kind is virtual-service (use stable-subset and canary-subset)`,
      );
  if (stableService !== null && stableService === canaryService)
    problem('canary-service', `is the same as stable-service (${stableService})`);
  if (given('services') && given('http-route'))
    problem('http-route', 'lockstep runs name each route object in services; remove http-route');
  if (problems.length) return { problems };
  const preview: PreviewSpec | null =
    strategy !== 'blue-green'
      ? null
      : previewHost !== null
        ? { kind: 'host', host: previewHost }
        : { kind: 'header', header: previewHeader! };
  const spec: StrategySpec = {
    strategy,
    routeKind:
      (httpRoute !== null || stableService !== null || canaryService !== null) && routeKind === 'auto'
        ? 'http-route'
        : routeKind,
    httpRoute,
    stableService,
    canaryService,
    match,
    mirrorPercent,
    preview,
    iterations,
    services,
  };
  return { spec };
}
