// The lockstep coordinator (src/promote/lockstep.ts) on its own: the meetings before every
// write that moves traffic, the Lease turn in route order, the clashes named before anything is
// written. A fast-check property drives random services (random failures, random stops) through
// the same meetings the engine holds and checks the lockstep rule on every pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKED, FINALIZE, Lockstep, memberOf, type ServiceClaim } from '../src/promote/lockstep.js';

const signal = new AbortController().signal;
const claim = (
  name: string,
  deployments: string[] = [`test/${name}-ga`, `test/${name}-canary`],
): ServiceClaim => ({
  route: { namespace: 'test', kind: 'VirtualService', name },
  deployments,
});

describe('Lockstep meetings', () => {
  it('ready waits for every service, then names two services on one route or one Deployment', async () => {
    const l = new Lockstep(['a', 'b']);
    const a = l.ready('a', claim('web'), signal);
    let settled = false;
    void a.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await l.ready('b', claim('web', ['test/x', 'test/y']), signal);
    expect(await a).toEqual({
      go: false,
      hold: false,
      message: expect.stringContaining('services a and b both step VirtualService test/web') as string,
    });
    const d = new Lockstep(['a', 'b']);
    const [r1] = await Promise.all([
      d.ready('a', claim('web', ['test/shared', 'test/a']), signal),
      d.ready('b', claim('api', ['test/b', 'test/shared']), signal),
    ]);
    expect(r1).toMatchObject({
      go: false,
      message: expect.stringContaining('both use the Deployment test/shared') as string,
    });
  });

  it('a service that ended before ready stops the others with its reason', async () => {
    const l = new Lockstep(['a', 'b']);
    const a = l.ready('a', claim('web'), signal);
    l.end('b', { ok: false, at: -1, message: 'manifests: bad' });
    expect(await a).toEqual({ go: false, hold: false, message: 'service b failed: manifests: bad' });
  });

  it('Leases are taken in route order, whatever order the services reach them', async () => {
    const l = new Lockstep(['web', 'api', 'cart']);
    await Promise.all([
      l.ready('web', claim('web'), signal),
      l.ready('api', claim('api'), signal),
      l.ready('cart', claim('cart'), signal),
    ]);
    expect(l.order()).toEqual(['api', 'cart', 'web']);
    const taken: string[] = [];
    const take = async (name: string) => {
      const m = await l.leaseTurn(name, signal);
      expect(m.go).toBe(true);
      taken.push(name);
      l.leased(name);
    };
    await Promise.all([take('web'), take('cart'), take('api')]);
    expect(taken).toEqual(['api', 'cart', 'web']);
  });

  it('a meeting fails when another service failed, holds when another stopped below it', async () => {
    const l = new Lockstep(['a', 'b', 'c']);
    const waiting = l.meet('a', 50, signal);
    l.end('b', { ok: true, at: 20, message: 'held on purpose' });
    expect(await waiting).toMatchObject({ go: false, hold: true });
    const after = l.meet('c', 20, signal);
    await l.meet('a', 20, signal); // a is past 20 already (it met 50): no wait
    expect(await after).toEqual({ go: true });
    l.end('a', { ok: false, at: 20, message: 'step 1 failed' });
    expect(await l.meet('c', 50, signal)).toEqual({
      go: false,
      hold: false,
      message: 'service a failed: step 1 failed',
    });
  });

  it('a cancel ends a wait at once', async () => {
    const l = new Lockstep(['a', 'b']);
    const c = new AbortController();
    const w = l.meet('a', 20, c.signal);
    c.abort(new Error('SIGINT'));
    await expect(w).rejects.toThrow('SIGINT');
  });

  it('property: no service passes a meeting another service has not reached, stopped below, or failed before', async () => {
    const KEYS = [CHECKED, 10, 25, 50, 100, FINALIZE];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            // Where the service ends by itself (an index into KEYS), and how: failed or stopped on purpose.
            stopAt: fc.integer({ min: 0, max: KEYS.length }),
            fails: fc.boolean(),
            // Microtask delays before each meeting: the interleaving.
            delays: fc.array(fc.nat(5), { minLength: KEYS.length, maxLength: KEYS.length }),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        async (services) => {
          const names = services.map((_, i) => `s${i}`);
          const l = new Lockstep(names);
          const reached = new Map(names.map((n) => [n, -Infinity]));
          const ended = new Map<string, { ok: boolean; at: number; self?: boolean }>();
          const bad: string[] = [];
          const tick = async (n: number) => {
            for (let i = 0; i < n; i++) await Promise.resolve();
          };
          await Promise.all(
            services.map(async (svc, i) => {
              const name = names[i]!;
              const m = memberOf(l, name);
              for (let k = 0; k < KEYS.length; k++) {
                await tick(svc.delays[k]!);
                if (k === svc.stopAt) {
                  ended.set(name, { ok: !svc.fails, at: KEYS[k]!, self: true });
                  l.end(name, { ok: !svc.fails, at: KEYS[k]!, message: svc.fails ? 'failed' : 'held' });
                  return;
                }
                reached.set(name, KEYS[k]!);
                const r = await m.meet(KEYS[k]!, signal);
                if (!r.go) {
                  ended.set(name, { ok: false, at: KEYS[k]! });
                  l.end(name, { ok: false, at: KEYS[k]!, message: r.message });
                  return;
                }
                // The rule, checked at the moment of passing: every other service has reached
                // this meeting, or has ended on purpose at or beyond it; none has failed.
                for (const other of names.filter((o) => o !== name)) {
                  const e = ended.get(other);
                  // A failed service never got past its last meeting (`at`; a service that failed
                  // by itself never met `at`), so nobody can have been let past it; a go decided just
                  // before the failure may be seen after it, which is why the bound is on keys.
                  if (e && !e.ok && (e.self ? KEYS[k]! >= e.at : KEYS[k]! > e.at))
                    bad.push(`${name} passed ${KEYS[k]} beyond where ${other} failed (${e.at})`);
                  if (e?.ok && e.at < KEYS[k]!)
                    bad.push(`${name} passed ${KEYS[k]} after ${other} stopped at ${e.at}`);
                  if (!e && reached.get(other)! < KEYS[k]!)
                    bad.push(`${name} passed ${KEYS[k]} while ${other} was at ${reached.get(other)}`);
                }
              }
              ended.set(name, { ok: true, at: FINALIZE });
              l.end(name, { ok: true, at: FINALIZE, message: 'promoted' });
            }),
          );
          expect(bad).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
