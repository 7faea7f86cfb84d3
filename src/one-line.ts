// Untrusted text quoted inside one of our messages, as one line (issue 12 item 11): a name,
// host or image from the cluster or the manifests, a server's error message or body, a network
// error. Without it, a route named "x\nstatus=promoted" prints a line that passes for ours. No
// imports: the pure modules (plan, kube errors) use it without loading anything. src/redact.ts
// re-exports it next to the emission side (neutraliseLog, the continuation marker).

// Everything oneLine() spells out: all C0 controls (\t and \n too), DEL, C1, the line and
// paragraph separators, and the bidirectional overrides and isolates (they reorder what a
// reader sees around them).
// eslint-disable-next-line no-control-regex
export const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One control character as `\x1b` (up to U+00FF) or `\u2028`. */
export function escapeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Untrusted text (a name, host or image from the cluster or the manifests, a server's error
 * message or body, a network error) as one line, to quote inside a message we write: line breaks
 * of every kind (\n, \r, U+0085, U+2028, U+2029) and other control and bidi characters become
 * visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u2028`), so the text can neither start a line of
 * its own in the log nor hide what follows it. Backslashes are kept as they are.
 */
export function oneLine(text: string): string {
  return text.replace(NOT_ONE_LINE, (ch) => SHORT_ESCAPES[ch] ?? escapeControl(ch));
}
