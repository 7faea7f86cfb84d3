// The `gates` input parsed (pure, light: settings.ts loads it). A gate is a command run in the
// job (an argv list, no shell) or a webhook (a JSON POST) that must pass before the canary's
// weight rises: `pre-rollout` before its first traffic, `pre-step` before every later
// increase. Flagger's webhook fields (`type`, `url`, `timeout`, `metadata`) are read too, so a
// Flagger canary's hooks move over as they are; its hook types that have no meaning here
// (a manual confirm, a post-rollout notification) are refused, naming what is accepted.
// Hand-written: the input is a small YAML list, validated field by field with messages that
// name the gate and the field; a schema library would name JSON pointers instead.
import { load } from 'js-yaml';
import {
  InvalidValueError,
  atMost,
  controlCharacter,
  formatDuration,
  parseDurationBetween,
  parseUrl,
} from '../input-parsers.js';
import { authHeaderSecrets, isSecretParam, showUrl, urlSecrets } from '../redact.js';
import { isObject } from '../util/object.js';

export const GATE_PHASES = ['pre-rollout', 'pre-step'] as const;
export type GatePhase = (typeof GATE_PHASES)[number];

interface GateBase {
  name: string;
  /** Before which weight increases it runs (at least one). */
  when: GatePhase[];
  /** The longest one attempt may take; then it is killed (command) or abandoned (webhook). */
  timeoutMs: number;
}

export interface CommandGate extends GateBase {
  kind: 'command';
  /** argv: run without a shell, in the workspace. */
  run: string[];
}

export interface WebhookGate extends GateBase {
  kind: 'webhook';
  /** http(s) URL, without user:password@ (credentials go in headers). */
  webhook: string;
  /** Attempts after the first when no answer comes (network error, timeout). */
  retries: number;
  headers: Record<string, string>;
  /** Passed as is in the payload's `metadata` (Flagger's field). */
  metadata: Record<string, string>;
}

export type GateSpec = CommandGate | WebhookGate;

export const MAX_GATES = 20;
export const MAX_GATES_TEXT = 64 * 1024;
export const COMMAND_TIMEOUT = { defaultMs: 600_000, minMs: 1000, maxMs: 6 * 3_600_000 };
export const WEBHOOK_TIMEOUT = { defaultMs: 30_000, minMs: 1000, maxMs: 600_000 };
export const WEBHOOK_RETRIES = { default: 2, max: 10 };

const KEYS = ['name', 'when', 'type', 'run', 'webhook', 'url', 'timeout', 'retries', 'headers', 'metadata'];
const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client sets itself: a gate may not replace them. */
const RESERVED_HEADERS = ['host', 'content-length', 'content-type', 'transfer-encoding', 'connection'];

/** Flagger's hook types with no counterpart here, and what to use instead. */
const FLAGGER_TYPES: Record<string, string> = {
  rollout:
    "Flagger's `rollout` runs during each analysis; here a gate runs before the weight rises: use `when: pre-step` (or a check)",
  'confirm-rollout':
    "Flagger's `confirm-rollout` waits for an approval; a gate here fails instead of waiting: use `when: pre-rollout`, or `command: step` to advance by hand",
  'confirm-traffic-increase':
    "Flagger's `confirm-traffic-increase` waits for an approval; a gate here fails instead of waiting: use `when: pre-step`, or `command: step` to advance by hand",
  'confirm-promotion':
    "Flagger's `confirm-promotion` waits for an approval: use `command: step` and `command: promote` to decide by hand",
  'post-rollout':
    "Flagger's `post-rollout` is a notification: run a later workflow step on this action's `status` output",
  rollback: "Flagger's `rollback` hook is not read: run `command: rollback` from your workflow to roll back",
  event: "Flagger's `event` hook is not sent: the PR comment and the report JSON carry every step",
};

const ACCEPTED_WHEN = `${GATE_PHASES.join(' or ')} (or a list of both)`;

function fail(gate: string, field: string | null, message: string): never {
  throw new InvalidValueError(
    `has gate ${gate}${field ? ` with ${field} that ${message}` : ` that ${message}`}`,
  );
}

/** A value for a message: one line, at most 60 characters. */
function shown(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  const one = text.replace(/[\r\n\t]+/g, ' ');
  return JSON.stringify(one.length > 60 ? `${one.slice(0, 57)}...` : one);
}

function parseWhen(gate: string, field: string, v: unknown): GatePhase[] {
  const items = Array.isArray(v) ? v : [v];
  if (items.length === 0) fail(gate, field, `is an empty list; accepted: ${ACCEPTED_WHEN}`);
  const out: GatePhase[] = [];
  for (const item of items) {
    if (typeof item !== 'string')
      fail(gate, field, `is ${shown(item)}, not a word; accepted: ${ACCEPTED_WHEN}`);
    const t = item.trim();
    if ((GATE_PHASES as readonly string[]).includes(t)) {
      if (!out.includes(t as GatePhase)) out.push(t as GatePhase);
      continue;
    }
    const flagger = FLAGGER_TYPES[t];
    fail(gate, field, `is ${shown(t)}, not accepted (${ACCEPTED_WHEN})${flagger ? `: ${flagger}` : ''}`);
  }
  return out;
}

function parseDurationField(gate: string, v: unknown, bounds: { minMs: number; maxMs: number }): number {
  if (typeof v !== 'string' && typeof v !== 'number')
    fail(gate, 'timeout', `is ${shown(v)}, not a duration such as 30s or 5m`);
  try {
    return parseDurationBetween(bounds.minMs, bounds.maxMs)(String(v));
  } catch (e) {
    const why = e instanceof InvalidValueError ? e.message : String(e);
    return fail(
      gate,
      'timeout',
      `${shown(v)} ${why}; accepted: a duration from ${formatDuration(bounds.minMs)} to ${formatDuration(bounds.maxMs)}`,
    );
  }
}

function stringMap(gate: string, field: string, v: unknown, secret: boolean): Record<string, string> {
  if (!isObject(v)) fail(gate, field, `is ${secret ? 'not' : `${shown(v)}, not`} a map of names to strings`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      fail(gate, `${field}.${k}`, 'is not a string');
    const text = String(value);
    // A header value is never repeated in a message: it may be a credential.
    const c = controlCharacter(text);
    if (c)
      fail(gate, `${field}.${k}`, `has ${c}, which a ${secret ? 'header' : 'metadata'} value may not have`);
    if (text.length > 8192) fail(gate, `${field}.${k}`, `is ${text.length} characters long; at most 8192`);
    out[k] = text;
  }
  return out;
}

function parseHeaders(gate: string, v: unknown): Record<string, string> {
  const headers = stringMap(gate, 'headers', v, true);
  const seen = new Set<string>();
  for (const name of Object.keys(headers)) {
    if (!HEADER_NAME.test(name))
      fail(gate, 'headers', `has ${shown(name)}, which is not an HTTP header name`);
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.includes(lower))
      fail(
        gate,
        'headers',
        `sets ${name}, which the client sets itself (not accepted: ${RESERVED_HEADERS.join(', ')})`,
      );
    if (seen.has(lower)) fail(gate, 'headers', `sets ${name} twice (header names ignore case)`);
    seen.add(lower);
  }
  return headers;
}

function parseRun(gate: string, v: unknown): string[] {
  if (typeof v === 'string')
    fail(
      gate,
      'run',
      `is the string ${shown(v)}, not an argv list: no shell is used, write a list such as [npm, test] (or [bash, -c, "..."] for a shell line)`,
    );
  if (!Array.isArray(v) || v.length === 0)
    fail(gate, 'run', 'is not a non-empty list of strings (argv), such as [npm, test]');
  return v.map((arg, i) => {
    if (typeof arg !== 'string' && typeof arg !== 'number')
      fail(gate, `run[${i}]`, `is ${shown(arg)}, not a string`);
    const text = String(arg);
    if (i === 0 && text.trim() === '') fail(gate, 'run[0]', 'is empty: it names the program to run');
    if (text.includes('\0')) fail(gate, `run[${i}]`, 'has a NUL character');
    if (text.length > 32_768) fail(gate, `run[${i}]`, `is ${text.length} characters long; at most 32768`);
    return text;
  });
}

function parseWebhookUrl(gate: string, field: string, v: unknown): string {
  if (typeof v !== 'string') fail(gate, field, `is ${shown(v)}, not an http(s) URL`);
  let url: string;
  try {
    url = parseUrl(v);
  } catch (e) {
    return fail(
      gate,
      field,
      `${JSON.stringify(showUrl(v.trim()))} ${(e as Error).message}; accepted: an http or https URL`,
    );
  }
  const u = new URL(url);
  if (u.username || u.password)
    fail(
      gate,
      field,
      `${JSON.stringify(showUrl(url))} has credentials (user:password@), which are not sent from a URL: put them in headers, e.g. Authorization: Basic <base64 of user:password>`,
    );
  return url;
}

function parseRetries(gate: string, v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > WEBHOOK_RETRIES.max)
    fail(gate, 'retries', `is ${shown(v)}; accepted: a whole number from 0 to ${WEBHOOK_RETRIES.max}`);
  return n;
}

function parseGate(item: unknown, index: number, names: Set<string>): GateSpec {
  const where = `#${index + 1}`;
  if (!isObject(item))
    fail(
      where,
      null,
      `is ${shown(item)}, not a map such as {name: smoke, when: pre-rollout, run: [npm, test]}`,
    );
  const rawName = item.name;
  if (typeof rawName !== 'string' && typeof rawName !== 'number')
    fail(where, 'name', 'is missing (every gate has a name)');
  const name = String(rawName).trim();
  if (!NAME.test(name))
    fail(
      where,
      'name',
      `${shown(name)} is not accepted: letters, digits, '.', '_' and '-', at most 63, starting and ending with a letter or digit`,
    );
  if (names.has(name)) fail(name, 'name', 'is used by another gate: gate names are unique');
  names.add(name);
  const unknown = Object.keys(item).filter((k) => !KEYS.includes(k));
  if (unknown.length)
    fail(
      name,
      null,
      `has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => shown(k)).join(', ')}; accepted: ${KEYS.join(', ')}`,
    );
  for (const [a, b] of [
    ['when', 'type'],
    ['webhook', 'url'],
  ] as const)
    if (item[a] !== undefined && item[b] !== undefined)
      fail(name, null, `has both ${a} and ${b} (${b} is Flagger's name for ${a}): give one`);
  const whenField = item.when !== undefined ? 'when' : 'type';
  const whenValue = item.when ?? item.type;
  if (whenValue === undefined)
    fail(
      name,
      'when',
      `is missing; accepted: ${ACCEPTED_WHEN} (a Flagger webhook without type is a \`rollout\` hook, run during analysis: here use pre-step)`,
    );
  const when = parseWhen(name, whenField, whenValue);
  const urlField = item.webhook !== undefined ? 'webhook' : 'url';
  const urlValue = item.webhook ?? item.url;
  if (item.run !== undefined && urlValue !== undefined)
    fail(name, null, `has both run and ${urlField}: a gate is a command (run) or a webhook, not both`);
  if (item.run === undefined && urlValue === undefined)
    fail(name, null, 'has neither run (an argv list) nor webhook (an http(s) URL): give one');
  if (item.run !== undefined) {
    for (const k of ['retries', 'headers', 'metadata'])
      if (item[k] !== undefined)
        fail(
          name,
          k,
          `is only for webhooks; a command gate runs once (retry inside the command if you need to)`,
        );
    return {
      kind: 'command',
      name,
      when,
      run: parseRun(name, item.run),
      timeoutMs:
        item.timeout === undefined
          ? COMMAND_TIMEOUT.defaultMs
          : parseDurationField(name, item.timeout, COMMAND_TIMEOUT),
    };
  }
  return {
    kind: 'webhook',
    name,
    when,
    webhook: parseWebhookUrl(name, urlField, urlValue),
    timeoutMs:
      item.timeout === undefined
        ? WEBHOOK_TIMEOUT.defaultMs
        : parseDurationField(name, item.timeout, WEBHOOK_TIMEOUT),
    retries: item.retries === undefined ? WEBHOOK_RETRIES.default : parseRetries(name, item.retries),
    headers: item.headers === undefined ? {} : parseHeaders(name, item.headers),
    metadata: item.metadata === undefined ? {} : stringMap(name, 'metadata', item.metadata, false),
  };
}

/**
 * The gates input: a YAML list of `{name, when, run}` or `{name, when, webhook, timeout,
 * retries, headers, metadata}` (Flagger's `type` and `url` read as `when` and `webhook`).
 * Throws InvalidValueError naming the gate and the field; a header value is never repeated.
 */
export function parseGates(raw: string): GateSpec[] {
  atMost(raw, MAX_GATES_TEXT, 'the gates input');
  if (raw.trim() === '') return [];
  let doc: unknown;
  try {
    doc = load(raw);
  } catch (e) {
    const m = (e as { reason?: unknown; mark?: { line?: number } }) ?? {};
    const line = typeof m.mark?.line === 'number' ? ` at line ${m.mark.line + 1}` : '';
    throw new InvalidValueError(`is not YAML${line}${typeof m.reason === 'string' ? ` (${m.reason})` : ''}`);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc))
    throw new InvalidValueError(
      'is not a YAML list of gates (each item `- name: ..., when: ..., run: [...]` or `webhook: URL`)',
    );
  if (doc.length > MAX_GATES) throw new InvalidValueError(`has ${doc.length} gates; at most ${MAX_GATES}`);
  const names = new Set<string>();
  return doc.map((item, i) => parseGate(item, i, names));
}

/**
 * The secret values a gates input holds, read leniently (also from an input that does not
 * parse): the values of secret-looking headers (Authorization, Cookie, X-Api-Key, *token*,
 * ...; an Authorization's credential alone too) and a webhook URL's credentials. main.ts
 * masks them (io.setSecret) before the input is parsed, as it does prometheus-auth; the gate
 * runner registers them with the Redactor again before a gate runs.
 */
export function gateSecrets(raw: string): string[] {
  let doc: unknown;
  try {
    doc = load(raw);
  } catch {
    return [];
  }
  return Array.isArray(doc) ? unique(doc.filter(isObject).flatMap(itemSecrets)) : [];
}

/** The secret values of one parsed gate (its headers' and its URL's). */
export function specSecrets(gate: GateSpec): string[] {
  return gate.kind === 'webhook' ? unique(itemSecrets({ webhook: gate.webhook, headers: gate.headers })) : [];
}

const unique = (values: string[]): string[] => [
  ...new Set(values.map((s) => s.trim()).filter((s) => s !== '')),
];

function itemSecrets(item: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['webhook', 'url']) if (typeof item[key] === 'string') out.push(...urlSecrets(item[key]));
  if (!isObject(item.headers)) return out;
  for (const [name, value] of Object.entries(item.headers)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (!isSecretHeader(name)) continue;
    out.push(...(/authorization/i.test(name) ? authHeaderSecrets(String(value)) : [String(value)]));
  }
  return out;
}

/** Authorization, Proxy-Authorization, Cookie, and names that look secret (X-Api-Key, X-Gitlab-Token, ...). */
export function isSecretHeader(name: string): boolean {
  return /^(proxy-)?authorization$|cookie/i.test(name) || isSecretParam(name);
}

/** The gates of one phase, in the order given. */
export function gatesOf(gates: readonly GateSpec[], phase: GatePhase): GateSpec[] {
  return gates.filter((g) => g.when.includes(phase));
}

/** How a gate is named in the log and the dry run: `smoke (npm test)` or `notify (POST https://...)`. */
export function describeGate(g: GateSpec): string {
  if (g.kind === 'command') {
    const argv = g.run.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
    return `${g.name} (${argv.length > 200 ? `${argv.slice(0, 197)}...` : argv})`;
  }
  return `${g.name} (POST ${showUrl(g.webhook)})`;
}
