// How a failure is named in the promotion's messages. A request cut off by a cancel or by the
// cancel's write budget fails with Node's AbortError ("The operation was aborted"), which says
// nothing about why: the message given is the abort's reason instead.

/** An error's own words; an aborted request says what aborted it, never a bare "The operation was aborted". */
export function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name !== 'AbortError') return err.message;
  return err.cause instanceof Error ? err.cause.message : 'a request to the API server was aborted';
}
