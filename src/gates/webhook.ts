// A webhook gate's call: one JSON POST of the payload (schema: GatePayload in run.ts) through
// the project's fetch (src/http/transport.ts: direct, or through the https_proxy the settings
// read), each attempt bounded by the gate's timeout. An answer decides (2xx passes, anything
// else fails with its status and the start of its body); only no answer (a network error, the
// timeout) is tried again, through src/retry.ts, at most `retries` more times. The URL is only
// ever shown through showUrl (its credentials hidden).
import { fetchFor } from '../http/transport.js';
import type { ProxyEnv } from '../http/proxy.js';
import { formatDuration } from '../input-parsers.js';
import { oneLine } from '../one-line.js';
import { showUrl } from '../redact.js';
import { retry, type Sleep } from '../retry.js';
import { describeNetworkError } from '../traffic/net-errors.js';
import type { WebhookGate } from './spec.js';

/** The start of an answer's body kept for the verdict. */
export const BODY_EXCERPT_BYTES = 2048;

export interface WebhookOutcome {
  /** The HTTP status of the answer, or null when none came after every attempt. */
  status: number | null;
  /** The start of the answer's body (one line), or the cause of the last failure. */
  detail: string;
  attempts: number;
  durationMs: number;
}

export interface WebhookOptions {
  signal: AbortSignal;
  proxy?: ProxyEnv;
  /** Told before each retry (a log line). */
  onRetry?: (message: string, attempt: number, waitMs: number) => void;
  sleep?: Sleep;
}

/** No answer within the gate's timeout. */
class NoAnswer extends Error {}

async function bodyExcerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the rest of the body.
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_EXCERPT_BYTES) break;
  }
  const text = Buffer.concat(chunks).subarray(0, BODY_EXCERPT_BYTES).toString('utf8');
  return oneLine(text.trim());
}

export async function callWebhook(
  gate: WebhookGate,
  payload: unknown,
  o: WebhookOptions,
): Promise<WebhookOutcome> {
  const started = Date.now();
  const shown = showUrl(gate.webhook);
  const { fetch } = fetchFor(gate.webhook, o.proxy);
  const body = JSON.stringify(payload);
  let attempts = 0;
  try {
    const answer = await retry(
      async () => {
        attempts++;
        const timeout = new AbortController();
        const timer = setTimeout(
          () =>
            timeout.abort(new NoAnswer(`no answer from ${shown} within ${formatDuration(gate.timeoutMs)}`)),
          gate.timeoutMs,
        );
        try {
          const res = await fetch(gate.webhook, {
            method: 'POST',
            headers: { ...gate.headers, 'content-type': 'application/json', accept: 'application/json, */*' },
            body,
            redirect: 'manual',
            signal: AbortSignal.any([o.signal, timeout.signal]),
          });
          return { status: res.status, detail: await bodyExcerpt(res) };
        } catch (err) {
          if (o.signal.aborted) throw err;
          if (timeout.signal.aborted) throw timeout.signal.reason as Error;
          throw new Error(describeNetworkError(err, shown).message, { cause: err });
        } finally {
          clearTimeout(timer);
        }
      },
      { attempts: gate.retries + 1, baseDelayMs: 500, maxDelayMs: 5000, jitter: true },
      {
        signal: o.signal,
        retryable: () => true,
        onRetry: (err, attempt, waitMs) => o.onRetry?.((err as Error).message, attempt, waitMs),
        ...(o.sleep ? { sleep: o.sleep } : {}),
      },
    );
    return { ...answer, attempts, durationMs: Date.now() - started };
  } catch (err) {
    if (o.signal.aborted) throw err;
    return { status: null, detail: (err as Error).message, attempts, durationMs: Date.now() - started };
  }
}
