// Reading a request and writing a reply the way the real server does: body decoding (JSON,
// YAML, protobuf) with apimachinery's error wording, the common query options (dryRun,
// fieldManager, Table output), and the JSON/text response framing.

import type { ServerResponse } from 'node:http';
import { load } from 'js-yaml';
import { badRequest, failure, unsupportedMediaType } from './status.js';
import { str, type Json, type JsonObject, isObject } from './json.js';
import { decodeProtobuf } from './protobuf.js';
import type { IncludeObject } from './discovery.js';
import { Reply, type Req, type ResourceRequest } from './context.js';

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (typeof reply.body === 'string') {
    res.writeHead(reply.code, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...reply.headers,
    });
    res.end(reply.body);
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    ...reply.headers,
  });
  res.end(text);
}

export function methodNotAllowedReply(): Reply {
  return new Reply(
    405,
    failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}),
  );
}

/** The media type of the request body, without parameters. */
export function contentType(r: Req, fallback: string): string {
  return (
    str(r.headers['content-type'] ?? fallback)
      .split(';')[0]
      ?.trim() ?? ''
  );
}

export function parseBody(r: Req, rr: ResourceRequest): JsonObject {
  const ct = contentType(r, 'application/json');
  const text = r.body.toString('utf8');
  const kind = rr.subresource === 'scale' ? 'Scale' : rr.rt.kind;
  let v: unknown;
  if (ct === 'application/json' || ct === '' || ct === '*/*') {
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw badRequest(
        `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${goJsonError(text, e)} (${summarize(text)})`,
      );
    }
  } else if (ct === 'application/yaml') {
    try {
      v = load(text);
    } catch (e) {
      throw badRequest(
        `the object provided is unrecognized (must be of type ${kind}): ${e instanceof Error ? e.message.split('\n')[0] : str(e)}`,
      );
    }
  } else if (ct === 'application/vnd.kubernetes.protobuf') {
    let decoded: JsonObject | undefined;
    try {
      decoded = decodeProtobuf(r.body);
    } catch {
      decoded = undefined;
    }
    if (!decoded) throw unsupportedMediaType(['application/json', 'application/yaml']);
    v = decoded;
  } else {
    throw unsupportedMediaType([
      'application/json',
      'application/yaml',
      'application/vnd.kubernetes.protobuf',
    ]);
  }
  if (!isObject(v))
    throw badRequest(
      `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (${summarize(text)})`,
    );
  return v;
}

/** The field manager of a write: `fieldManager`, else the fallback, else the user agent's product. */
export function fieldManager(r: Req, fallback?: string): string {
  const fm = r.query.get('fieldManager');
  if (fm) return fm;
  if (fallback) return fallback;
  const ua = str(r.headers['user-agent'] ?? '');
  return (ua.split('/')[0] ?? '') || 'unknown';
}

export function dryRun(r: Req): boolean {
  const d = r.query.getAll('dryRun');
  for (const x of d) if (x !== 'All') throw badRequest(`Invalid dry run value: ${x}`);
  return d.length > 0;
}

export function tableRequest(r: Req): IncludeObject | undefined {
  const accept = str(r.headers.accept ?? '');
  if (!/as=Table/.test(accept)) return undefined;
  const inc = r.query.get('includeObject');
  return inc === 'None' || inc === 'Object' ? inc : 'Metadata';
}

/** apimachinery's summarizeData: the first 30 bytes, then " ...". */
export function summarize(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)} ...` : text;
}

/** encoding/json's wording for a syntax error. */
export function goJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : str(e);
  if (/end of JSON input|Unterminated|Unexpected end/i.test(msg)) return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(msg);
  const ch = m ? text[Number(m[1])] : text.trim()[0];
  if (ch === undefined) return 'unexpected end of JSON input';
  return `invalid character ${goChar(ch)} looking for beginning of value`;
}

function goChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "'") return "'\\''";
  return code >= 0x20 && code < 0x7f ? `'${ch}'` : `'\\u${code.toString(16).padStart(4, '0')}'`;
}

export function safeJson(s: string): Json | undefined {
  try {
    return JSON.parse(s) as Json;
  } catch {
    return undefined;
  }
}
