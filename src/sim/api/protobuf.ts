// Just enough of Kubernetes' protobuf encoding to accept what kubectl's typed commands send
// (`kubectl create namespace|configmap|secret` post application/vnd.kubernetes.protobuf).
// Other kinds answer 415, as for any encoding the server cannot read.

import type { JsonObject } from './json.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { num: number; wire: number; value: bigint | Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++] ?? 0;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new Error('varint too long');
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ num, wire, value: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ num, wire, value: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

const bytesOf = (f: Field): Buffer => (Buffer.isBuffer(f.value) ? f.value : Buffer.alloc(0));
const text = (f: Field): string => bytesOf(f).toString('utf8');

function map(entries: Field[], asBase64: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    let k = '';
    let v: Buffer = Buffer.alloc(0);
    for (const f of fields(bytesOf(e))) {
      if (f.num === 1) k = text(f);
      if (f.num === 2) v = bytesOf(f);
    }
    out[k] = asBase64 ? v.toString('base64') : v.toString('utf8');
  }
  return out;
}

function objectMeta(buf: Buffer): JsonObject {
  const fs = fields(buf);
  const meta: JsonObject = {};
  const one = (n: number): Field | undefined => fs.find((f) => f.num === n);
  const name = one(1);
  if (name) meta['name'] = text(name);
  const gen = one(2);
  if (gen) meta['generateName'] = text(gen);
  const ns = one(3);
  if (ns) meta['namespace'] = text(ns);
  const labels = fs.filter((f) => f.num === 11);
  if (labels.length > 0) meta['labels'] = map(labels, false);
  const annotations = fs.filter((f) => f.num === 12);
  if (annotations.length > 0) meta['annotations'] = map(annotations, false);
  const finalizers = fs.filter((f) => f.num === 14).map(text);
  if (finalizers.length > 0) meta['finalizers'] = finalizers;
  return meta;
}

/** The JSON form of a protobuf-encoded object, or undefined for kinds this server cannot read. */
export function decodeProtobuf(body: Buffer): JsonObject | undefined {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) return undefined;
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const f of fields(body.subarray(4))) {
    if (f.num === 1) {
      for (const t of fields(bytesOf(f))) {
        if (t.num === 1) apiVersion = text(t);
        if (t.num === 2) kind = text(t);
      }
    } else if (f.num === 2) raw = bytesOf(f);
  }
  const fs = fields(raw);
  const obj: JsonObject = { apiVersion, kind };
  const meta = fs.find((f) => f.num === 1);
  obj['metadata'] = meta ? objectMeta(bytesOf(meta)) : {};
  if (apiVersion !== 'v1') return undefined;
  switch (kind) {
    case 'Namespace': {
      const spec = fs.find((f) => f.num === 2);
      if (spec) {
        const fin = fields(bytesOf(spec))
          .filter((f) => f.num === 1)
          .map(text);
        if (fin.length > 0) obj['spec'] = { finalizers: fin };
      }
      return obj;
    }
    case 'ConfigMap': {
      const data = fs.filter((f) => f.num === 2);
      if (data.length > 0) obj['data'] = map(data, false);
      const bin = fs.filter((f) => f.num === 3);
      if (bin.length > 0) obj['binaryData'] = map(bin, true);
      const imm = fs.find((f) => f.num === 4);
      if (imm) obj['immutable'] = imm.value === 1n;
      return obj;
    }
    case 'Secret': {
      const data = fs.filter((f) => f.num === 2);
      if (data.length > 0) obj['data'] = map(data, true);
      const type = fs.find((f) => f.num === 3);
      if (type) obj['type'] = text(type);
      const sd = fs.filter((f) => f.num === 4);
      if (sd.length > 0) obj['stringData'] = map(sd, false);
      const imm = fs.find((f) => f.num === 5);
      if (imm) obj['immutable'] = imm.value === 1n;
      return obj;
    }
    default:
      return undefined;
  }
}
