// The process choke point: argv passed verbatim (no shell), output captured, SIGINT/SIGTERM
// forwarded to the child through an AbortSignal, background children stopped.
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandAbortedError,
  CommandFailedError,
  CommandStartError,
  cancellationSignal,
  createCommandRunner,
  runChecked,
  startBackground,
} from '../src/cluster/exec.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cluster-exec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child that reports which signal it got, then exits; prints "ready" once its trap is set. */
function trapScript(name: string): { file: string; out: string } {
  const file = path.join(dir, name);
  const out = `${file}.signal`;
  writeFileSync(
    file,
    `#!/bin/sh
sleep 30 &
pid=$!
trap 'echo INT > "${out}"; kill $pid; exit 130' INT
trap 'echo TERM > "${out}"; kill $pid; exit 143' TERM
echo ready
wait $pid
`,
  );
  chmodSync(file, 0o755);
  return { file, out };
}

describe('createCommandRunner', () => {
  it('passes argv verbatim without a shell and captures stdout and the exit code', async () => {
    const runner = createCommandRunner();
    const tricky = '$(id -u); `whoami` && echo "x" > /dev/null';
    const r = await runner.run('/bin/echo', [tricky, '*']);
    expect(r).toEqual({ exitCode: 0, stdout: `${tricky} *\n`, stderr: '' });
  });

  it('feeds input on stdin and reports a non-zero exit with stderr', async () => {
    const runner = createCommandRunner();
    expect((await runner.run('/bin/cat', [], { input: 'kind: Namespace\n' })).stdout).toBe(
      'kind: Namespace\n',
    );
    const err = await runChecked(runner, '/bin/sh', ['-c', 'echo boom >&2; exit 3']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailedError);
    expect((err as Error).message).toBe('/bin/sh -c echo boom >&2; exit 3 exited with 3:\nboom');
  });

  it('merges extra env over the base env and echoes non-silent output line by line', async () => {
    const lines: string[] = [];
    const runner = createCommandRunner({
      baseEnv: { PATH: '/usr/bin:/bin', A: 'base' },
      echo: (l) => lines.push(l),
    });
    const r = await runner.run('/bin/sh', ['-c', 'echo "$A $B"; echo two'], { env: { B: 'extra' } });
    expect(r.stdout).toBe('base extra\ntwo\n');
    expect(lines).toEqual(['base extra', 'two']);
    await runner.run('/bin/echo', ['quiet'], { silent: true });
    expect(lines).toEqual(['base extra', 'two']);
  });

  it('reports a missing executable as CommandStartError ENOENT', async () => {
    const err = await createCommandRunner({ baseEnv: { PATH: dir } })
      .run('kind', ['version'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandStartError);
    expect((err as CommandStartError).code).toBe('ENOENT');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'forwards %s to the child when the run is cancelled',
    async (sig) => {
      const { file, out } = trapScript(`trap-${sig}`);
      const controller = new AbortController();
      const runner = createCommandRunner({
        signal: controller.signal,
        echo: (line) => {
          if (line === 'ready') controller.abort(sig);
        },
      });
      const err = await runner.run(file, []).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandAbortedError);
      expect((err as CommandAbortedError).signal).toBe(sig);
      expect(readFileSync(out, 'utf8').trim()).toBe(sig.slice(3));
    },
  );

  it('starts nothing under an already-cancelled signal', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const marker = path.join(dir, 'pre-started');
    const err = await createCommandRunner({ signal: controller.signal })
      .run('/usr/bin/touch', [marker])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandAbortedError);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('cancellationSignal', () => {
  it('aborts with the name of the signal the process received, and detaches on dispose', () => {
    const proc = new EventEmitter();
    const c = cancellationSignal(proc as unknown as NodeJS.Process);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGTERM', 'SIGTERM');
    expect(c.signal.aborted).toBe(true);
    expect(c.signal.reason).toBe('SIGINT');
    c.dispose();
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('startBackground', () => {
  it('waits for the ready line and stops the child', async () => {
    const proc = startBackground('/bin/sh', [
      '-c',
      'echo "Forwarding from 127.0.0.1:41234 -> 9090"; exec sleep 30',
    ]);
    const m = await proc.waitForLine(/127\.0\.0\.1:(\d+)/, 10_000);
    expect(m[1]).toBe('41234');
    await proc.stop();
    expect(await proc.exited).toBeNull(); // killed by SIGTERM: no exit code
    await proc.stop(); // idempotent
  });

  it('rejects the wait when the child exits before it is ready', async () => {
    const proc = startBackground('/bin/sh', ['-c', 'echo "error: unable to forward"; exit 1']);
    await expect(proc.waitForLine(/Forwarding/, 10_000)).rejects.toThrow(
      /exited before it was ready:\nerror: unable to forward/,
    );
    expect(await proc.exited).toBe(1);
  });
});
