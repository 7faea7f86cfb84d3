// Label selectors (equality and set-based) and field selectors, parsed as apimachinery does.

import { badRequest } from './status.js';

type Req =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'gt' | 'lt'; key: string; value: number };

export type Matcher = (labels: Record<string, string>) => boolean;

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(k: string): string {
  if (!KEY.test(k))
    throw badRequest(
      `unable to parse requirement: <nil>: Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  return k;
}
function checkValue(v: string): string {
  if (!VALUE.test(v))
    throw badRequest(
      `unable to parse requirement: values[0][]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  return v;
}

export function parseLabelSelector(sel: string | undefined): Matcher {
  if (!sel || sel.trim() === '') return () => true;
  const reqs: Req[] = splitTop(sel).map((part) => {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^!\s*(\S+)$/))) return { op: 'notexists', key: checkKey(m[1] ?? '') };
    if (/^\S+\s+(in|notin)\s*\([^)]*$/.test(part))
      throw badRequest("unable to parse requirement: found '', expected: ',', ')' or identifier");
    if ((m = part.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = (m[3] ?? '').split(',').map((v) => checkValue(v.trim()));
      return { op: m[2] === 'in' ? 'in' : 'notin', key: checkKey(m[1] ?? ''), values };
    }
    if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      const key = checkKey(m[1] ?? '');
      const value = checkValue(m[3] ?? '');
      return m[2] === '!=' ? { op: 'notin', key, values: [value] } : { op: 'in', key, values: [value] };
    }
    if ((m = part.match(/^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/)))
      return { op: m[2] === '>' ? 'gt' : 'lt', key: checkKey(m[1] ?? ''), value: Number(m[3]) };
    if ((m = part.match(/^([^=!<>\s()]+)$/))) return { op: 'exists', key: checkKey(m[1] ?? '') };
    throw badRequest(
      `unable to parse requirement: found '${part}', expected: ',', '!=', '==', '=', 'in', 'notin'`,
    );
  });
  return (labels) =>
    reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      const v = labels[r.key];
      switch (r.op) {
        case 'exists':
          return has;
        case 'notexists':
          return !has;
        case 'in':
          return has && r.values.includes(v ?? '');
        case 'notin':
          return !has || !r.values.includes(v ?? '');
        case 'gt':
          return has && Number(v) > r.value;
        case 'lt':
          return has && Number(v) < r.value;
      }
      return false;
    });
}

export type FieldMatcher = (fields: Record<string, string>) => boolean;

export function parseFieldSelector(sel: string | undefined, allowed: string[]): FieldMatcher {
  if (!sel || sel.trim() === '') return () => true;
  const reqs = splitTop(sel).map((part) => {
    const m = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${sel}'; can't understand '${part}'`);
    const field = m[1] ?? '';
    if (!allowed.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, neg: m[2] === '!=', value: m[3] ?? '' };
  });
  return (fields) => reqs.every((r) => ((fields[r.field] ?? '') === r.value) !== r.neg);
}
