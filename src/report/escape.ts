// Escaping of user-controlled text (names, images, reasons, workflow names) for the places
// the report puts it: GitHub-flavoured markdown (incl. table cells), HTML comments, URLs and
// terminals. Pure functions.

import { NOT_ONE_LINE } from '../one-line.js';

const MAX_TEXT = 300;
const LINE_BREAKING_RUNS = new RegExp(`${NOT_ONE_LINE.source}+`, 'g');

/**
 * Collapses control characters, line separators and bidi overrides to a space, so one value can
 * neither start a new markdown block nor reorder what a reader sees around it, then cuts it to
 * max. (Log text keeps them visible instead: src/one-line.ts.)
 */
function flatten(text: string, max = MAX_TEXT): string {
  const flat = text.replace(LINE_BREAKING_RUNS, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Text safe inline in GitHub markdown, including inside a table cell: HTML is inert (`<script>`
 * becomes `&lt;script&gt;`), markdown syntax is literal, `|` cannot split a cell, `@user` and
 * `@org/team` do not ping (a zero-width space after `@`, as Renovate does), `$` starts no math.
 */
export function escapeMarkdown(text: string, max = MAX_TEXT): string {
  let out = '';
  for (const ch of flatten(text, max)) {
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case '@':
        out += '@&#8203;';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '$':
      case '#':
      case '!':
        out += `\\${ch}`;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/**
 * A value for the hidden marker `<!-- ... -->`: the comment cannot be closed early (`-->`,
 * `--!>`), opened again or spread over lines; `%` is encoded first so decoding is unambiguous.
 */
export function escapeMarkerPart(text: string): string {
  const encoded = text.replace(
    /[%<>&"'\s!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  // No "--" anywhere: encode every second hyphen of a run.
  return encoded.replace(/--/g, '-%2D');
}

/** An http(s) URL safe inside `[text](url)`, or null when the value is not one. */
export function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // URL.href percent-encodes spaces, quotes and angle brackets; parentheses and pipes would
  // still end the link or split a table cell.
  return parsed.href.replace(/[()|\\[\]`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Text for a terminal: no escape sequences (a name cannot rewrite the screen), one line. */
export function escapeTerminal(text: string, max = 120): string {
  return flatten(text, max);
}
