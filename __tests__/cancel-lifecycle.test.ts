// src/lifecycle.ts against a stand-in process (signals are events, ppid is a field, exit is
// recorded): what aborts, what is only logged, what the deadline prints. The real signals,
// npx and wrapper shells are in cancel.test.ts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  cancelDeadlineMs,
  DEFAULT_CANCEL_DEADLINE_MS,
  rollbackHint,
  watchCancellation,
  type ProcessLike,
} from '../src/lifecycle.js';

class FakeProcess extends EventEmitter implements ProcessLike {
  pid = 4242;
  ppid = 100;
  readonly exits: number[] = [];
  readonly exited: Promise<number>;
  private resolveExit!: (code: number) => void;
  constructor() {
    super();
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }
  exit(code: number): void {
    this.exits.push(code);
    this.resolveExit(code);
  }
}

function logs() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      warning: (m: string) => void lines.push(`warning: ${m}`),
      error: (m: string) => void lines.push(`error: ${m}`),
    },
  };
}

const aborted = (signal: AbortSignal): Promise<unknown> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('watchCancellation', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'])('%s aborts the signal once, naming it', (name) => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({
      logger,
      finishHint: () => 'x',
      onCancel: 'on-cancel: rollback',
      process: proc,
    });
    expect(c.signal.aborted).toBe(false);
    proc.emit(name);
    expect(c.signal.aborted).toBe(true);
    expect((c.signal.reason as Error).message).toBe(`cancelled: Received ${name}`);
    expect(lines).toEqual([`warning: Received ${name}: stopping (on-cancel: rollback).`]);
    c.dispose();
  });

  it('a second signal is logged and changes nothing', () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({ logger, finishHint: () => 'x', process: proc, deadlineMs: 60_000 });
    proc.emit('SIGINT');
    const reason = c.signal.reason as Error;
    proc.emit('SIGTERM');
    expect(c.signal.reason).toBe(reason);
    expect(lines[1]).toBe(
      'warning: Received SIGTERM again: already stopping; exiting at the latest 60 s after the first cancel.',
    );
    expect(proc.exits).toEqual([]);
    c.dispose();
  });

  it('the parent going away (its pid changes under us) cancels, naming the parent', async () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({ logger, finishHint: () => 'x', process: proc });
    proc.ppid = 1;
    expect(((await aborted(c.signal)) as Error).message).toBe(
      'cancelled: The parent process (pid 100) exited',
    );
    expect(lines).toEqual(['warning: The parent process (pid 100) exited: stopping.']);
    c.dispose();
  });

  it('past the deadline: one error line with the last confirmed weight and how to finish, then exit 1', async () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({
      logger,
      finishHint: () => 'istio-canary rollback --namespace shop',
      process: proc,
      deadlineMs: 20,
    });
    c.onConfirmedWeight(10);
    c.onConfirmedWeight(30);
    proc.emit('SIGTERM');
    expect(await proc.exited).toBe(1);
    expect(lines.filter((l) => l.startsWith('error: '))).toEqual([
      'error: Cancellation did not finish within 0.02 s: the canary may still be at 30% (the last weight the API server confirmed). To finish, run: istio-canary rollback --namespace shop',
    ]);
    c.dispose();
  });

  it('with no weight confirmed, the deadline line says so instead of naming one', async () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({ logger, finishHint: () => 'h', process: proc, deadlineMs: 5 });
    proc.emit('SIGINT');
    await proc.exited;
    expect(lines.at(-1)).toMatch(
      /^error: Cancellation did not finish within 0\.005 s: no weight change was confirmed/,
    );
    c.dispose();
  });

  it('dispose removes the handlers: a later signal does nothing', () => {
    const proc = new FakeProcess();
    const c = watchCancellation({ logger: logs().logger, finishHint: () => 'x', process: proc });
    c.dispose();
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM') + proc.listenerCount('SIGHUP')).toBe(
      0,
    );
    expect(c.signal.aborted).toBe(false);
  });
});

describe('deadline setting and the finish hint', () => {
  it('ISTIO_CANARY_CANCEL_DEADLINE_MS is read as milliseconds, capped at the default; bad values give the default', () => {
    expect(cancelDeadlineMs({})).toBe(DEFAULT_CANCEL_DEADLINE_MS);
    expect(cancelDeadlineMs({ ISTIO_CANARY_CANCEL_DEADLINE_MS: '300' })).toBe(300);
    expect(cancelDeadlineMs({ ISTIO_CANARY_CANCEL_DEADLINE_MS: '60000' })).toBe(DEFAULT_CANCEL_DEADLINE_MS);
    expect(cancelDeadlineMs({ ISTIO_CANARY_CANCEL_DEADLINE_MS: 'soon' })).toBe(DEFAULT_CANCEL_DEADLINE_MS);
  });

  it('the hint names the route to roll back, quotes what a shell would split, and carries no secret', () => {
    const hint = rollbackHint({
      cluster: 'existing',
      namespace: 'shop',
      virtualService: 'web',
      route: 0,
      context: "team's",
      manifests: ['k8s/*.yaml'],
    });
    expect(hint).toBe(
      "istio-canary rollback --cluster existing --namespace shop --virtual-service web --route 0 --context 'team'\\''s' --manifests 'k8s/*.yaml' (with the same kubeconfig), or rerun the workflow with command: rollback",
    );
  });
});

describe('a cancelled process whose engine returned', () => {
  it('still ends at the deadline when something lingers, without claiming the cancel did not finish', async () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    const c = watchCancellation({ logger, finishHint: () => 'x', process: proc, deadlineMs: 20 });
    proc.emit('SIGINT');
    // The engine finished its rollback and returned; a hung request would keep the process up.
    c.dispose();
    expect(await proc.exited).toBe(1);
    expect(lines.some((l) => l.includes('did not finish'))).toBe(false);
  });
});
