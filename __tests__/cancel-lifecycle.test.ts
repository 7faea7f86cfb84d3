// src/lifecycle.ts against a stand-in process (signals are events, ppid is a field, exit is
// recorded): what aborts, what is only logged, what the deadline prints; and the decision that
// a shell waiting for us was interrupted, on /proc samples. The real signals, npx and wrapper
// shells are in cancel.test.ts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  cancelDeadlineMs,
  DEFAULT_CANCEL_DEADLINE_MS,
  defersInterrupt,
  interruptedBetween,
  rollbackHint,
  watchCancellation,
  type ProcessLike,
  type WaiterSample,
} from '../src/lifecycle.js';

class FakeProcess extends EventEmitter implements ProcessLike {
  pid = 4242;
  ppid = 100;
  exitCode: number | undefined = undefined;
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
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'])('%s aborts the signal once, naming it', (name) => {
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
    expect(
      ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].reduce((n, name) => n + proc.listenerCount(name), 0),
    ).toBe(0);
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

describe('a cancelled run that returned before its deadline', () => {
  it('ends with the exit code the run set, without waiting for the deadline (a hung request held it 8 s)', async () => {
    const proc = new FakeProcess();
    const { lines, logger } = logs();
    // A deadline far beyond the test's timeout: only the exit after the return can end it.
    const c = watchCancellation({ logger, finishHint: () => 'x', process: proc, deadlineMs: 600_000 });
    proc.emit('SIGTERM');
    c.dispose();
    proc.exitCode = 1;
    expect(await proc.exited).toBe(1);
    expect(lines.some((l) => l.includes('did not finish'))).toBe(false);
  });

  it('a run that was not cancelled is left to end by itself', async () => {
    const proc = new FakeProcess();
    const c = watchCancellation({
      logger: logs().logger,
      finishHint: () => 'x',
      process: proc,
      deadlineMs: 5,
    });
    c.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    proc.emit('SIGINT');
    expect(proc.exits).toEqual([]);
  });
});

describe('a shell waiting for us was interrupted (SIGINT sent only to npx or a wrapper shell)', () => {
  const SIGINT = 1n << 1n;
  const SIGQUIT = 1n << 2n;
  const SIGCHLD = 1n << 16n;
  const SIGWINCH = 1n << 27n;
  const me = 4242;
  // dash and non-interactive bash while they wait for their foreground child (as /proc shows them).
  const waiting: WaiterSample = {
    start: '100',
    caught: SIGINT | SIGCHLD,
    switches: 4,
    children: [me],
    state: 'S',
    wchan: 'do_wait',
  };
  const woken = (s: WaiterSample): WaiterSample => ({ ...s, switches: s.switches + 1 });

  it('a waiting shell that ran since the last look got a signal', () => {
    expect(defersInterrupt(waiting, me)).toBe(true);
    expect(interruptedBetween(waiting, woken(waiting), me)).toBe(true);
    expect(interruptedBetween(waiting, waiting, me)).toBe(false);
  });

  it('a shell that also catches SIGQUIT counts; where the kernel hides wchan, the state is enough', () => {
    const s = { ...waiting, caught: SIGINT | SIGQUIT | SIGCHLD, wchan: null };
    expect(interruptedBetween(s, woken(s), me)).toBe(true);
  });

  it.each<[string, Partial<WaiterSample>]>([
    [
      'an interactive shell (catches SIGWINCH: a terminal resize wakes it)',
      { caught: SIGINT | SIGCHLD | SIGWINCH },
    ],
    ['a process that does not catch SIGINT (it would have died of it)', { caught: SIGCHLD }],
    ['a shell with another child (its exit wakes the shell)', { children: [me, 777] }],
    ['a shell waiting for some other process', { children: [777] }],
    ['a kernel without /proc/<pid>/task/<pid>/children', { children: null }],
    ['a shell that is running, not waiting', { state: 'R' }],
    ['a shell sleeping elsewhere than in wait()', { wchan: 'pipe_read' }],
  ])('is not judged: %s', (_why, change) => {
    const s = { ...waiting, ...change };
    expect(defersInterrupt(s, me)).toBe(false);
    expect(interruptedBetween(s, woken(s), me)).toBe(false);
  });

  it('a pid reused by another process is not a wake-up', () => {
    expect(interruptedBetween(waiting, { ...woken(waiting), start: '200' }, me)).toBe(false);
  });
});
