import { describe, expect, it } from 'vitest';
import type { PromotionState, Verdict, VerdictOutcome } from '../src/model.js';
import {
  type Action,
  type MachineContext,
  freshState,
  parseState,
  restartReason,
  startsFresh,
  transition,
} from '../src/promote/machine.js';

const ctx = (over: Partial<MachineContext> = {}): MachineContext => ({
  command: 'run',
  steps: [10, 60, 100],
  finalize: 'promote-stable',
  onFailure: 'rollback',
  onCancel: 'rollback',
  runId: 'o/r/1',
  canaryImage: 'img:2',
  now: '2026-01-01T00:00:00.000Z',
  ...over,
});

const verdict = (outcome: VerdictOutcome): Verdict => ({
  outcome,
  reasons: [
    { metric: 'm', value: 1, limit: 1, source: 'test', ok: outcome === 'pass', message: `it was ${outcome}` },
  ],
  stable: null,
  canary: null,
  durationMs: 1,
});

const judged = (
  s: PromotionState,
  step: number,
  weight: number,
  outcome: VerdictOutcome,
  c = ctx(),
  attempt = 1,
) =>
  transition(
    s,
    { type: 'verdict', step, weight, attempt, verdict: verdict(outcome), startedAt: 'a', endedAt: 'b' },
    c,
  );

const writeThen = (a: Action): Action => {
  expect(a.type).toBe('write');
  return (a as Extract<Action, { type: 'write' }>).then;
};

describe('promotion state machine', () => {
  it('walks 0 → 10 → 60 → 100 with one write per weight step, each write recording the previous verdict', () => {
    const c = ctx();
    let t = transition(freshState(c, 0), { type: 'begin', liveWeight: 0 }, c);
    expect(t.state.weight).toBe(10);
    expect(writeThen(t.action)).toEqual({ type: 'measure', step: 1, weight: 10, attempt: 1 });
    t = judged(t.state, 1, 10, 'pass');
    expect(t.state).toMatchObject({ weight: 60, step: 1, phase: 'in-progress' });
    expect(t.state.history.map((h) => h.weight)).toEqual([10]);
    expect(writeThen(t.action)).toEqual({ type: 'measure', step: 2, weight: 60, attempt: 1 });
    t = judged(t.state, 2, 60, 'pass');
    t = judged(t.state, 3, 100, 'pass');
    expect(t.state).toMatchObject({ phase: 'finalizing', weight: 100, step: 3 });
    // Written before stable is touched, even at 100% already: an interrupted finalize is always
    // recorded as finalizing (so a rollback or the post step restores the stable template).
    expect(writeThen(t.action)).toEqual({ type: 'promote-stable' });
    t = transition(t.state, { type: 'stable-promoted' }, c);
    // Traffic back on the promoted stable first; still finalizing until the canary is down.
    expect(t.state).toMatchObject({ phase: 'finalizing', weight: 0 });
    expect(writeThen(t.action).type).toBe('scale-canary-down');
    t = transition(t.state, { type: 'canary-scaled-down' }, c);
    expect(t.state).toMatchObject({ phase: 'promoted', weight: 0 });
    expect(writeThen(t.action).type).toBe('stop');
  });

  it('finalize keep leaves 100% on the canary and stops', () => {
    const c = ctx({ finalize: 'keep', steps: [100] });
    const t = judged({ ...freshState(c, 100) }, 1, 100, 'pass', c);
    expect(t.state).toMatchObject({ phase: 'promoted', weight: 100 });
    expect(writeThen(t.action).type).toBe('stop');
  });

  it('a schedule ending below 100 holds at its last weight (flask: steps 20)', () => {
    const c = ctx({ steps: [20] });
    let t = transition(freshState(c, 0), { type: 'begin', liveWeight: 0 }, c);
    expect(t.state.weight).toBe(20);
    t = judged(t.state, 1, 20, 'pass', c);
    expect(t.state).toMatchObject({ phase: 'held', weight: 20, step: 1 });
    expect(t.state.reason).toMatch(/schedule ends at 20%/);
  });

  it('a failing verdict at any step rolls back to 0% with the reason', () => {
    for (const failAt of [1, 2, 3]) {
      const c = ctx();
      let t = transition(freshState(c, 0), { type: 'begin', liveWeight: 0 }, c);
      for (let step = 1; step <= failAt; step++)
        t = judged(t.state, step, c.steps[step - 1]!, step === failAt ? 'fail' : 'pass');
      expect(t.state).toMatchObject({ phase: 'rolled-back', weight: 0 });
      expect(t.state.reason).toContain(`step ${failAt}/3 at ${c.steps[failAt - 1]}% failed: it was fail`);
    }
  });

  it('on-failure hold keeps the weight and records why', () => {
    const c = ctx({ onFailure: 'hold' });
    const t = judged({ ...freshState(c, 0), weight: 60, history: [] }, 2, 60, 'fail', c);
    expect(t.state).toMatchObject({ phase: 'held', weight: 60 });
    expect(t.state.reason).toMatch(/failed/);
  });

  it('an inconclusive window is measured once more, and inconclusive twice counts as a failure', () => {
    const c = ctx();
    const s = { ...freshState(c, 0), weight: 10 };
    const first = judged(s, 1, 10, 'inconclusive');
    expect(first.action).toEqual({ type: 'measure', step: 1, weight: 10, attempt: 2 });
    const second = judged(s, 1, 10, 'inconclusive', c, 2);
    expect(second.state.phase).toBe('rolled-back');
    expect(second.state.reason).toMatch(/inconclusive twice/);
  });

  it('resumes a step written but not judged at the same weight, without a write', () => {
    const c = ctx();
    const s: PromotionState = {
      ...freshState(c, 0),
      weight: 60,
      step: 1,
      history: [{ step: 1, weight: 10, startedAt: '', endedAt: '', verdict: verdict('pass') }],
    };
    const t = transition(s, { type: 'begin', liveWeight: 60 }, c);
    expect(t.action).toEqual({ type: 'measure', step: 2, weight: 60, attempt: 1 });
  });

  it('never lowers the weight when the steps changed between runs', () => {
    const c = ctx({ steps: [10, 30, 60, 100] });
    const s: PromotionState = {
      ...freshState(c, 0),
      weight: 60,
      history: [10, 60].map((w, i) => ({
        step: i + 1,
        weight: w,
        startedAt: '',
        endedAt: '',
        verdict: verdict('pass'),
      })),
    };
    const t = transition(s, { type: 'begin', liveWeight: 60 }, c);
    expect(t.state.weight).toBe(100);
  });

  it('`step` advances exactly one step per invocation and holds for the next', () => {
    const c = ctx({ command: 'step' });
    let t = transition(freshState(c, 0), { type: 'begin', liveWeight: 0 }, c);
    expect(writeThen(t.action)).toMatchObject({ type: 'measure', weight: 10 });
    t = judged(t.state, 1, 10, 'pass', c);
    expect(t.state).toMatchObject({ phase: 'held', weight: 10, step: 1 });
    expect(writeThen(t.action).type).toBe('stop');
    // next invocation
    t = transition(t.state, { type: 'begin', liveWeight: 10 }, c);
    expect(t.state.weight).toBe(60);
    expect(writeThen(t.action)).toMatchObject({ type: 'measure', step: 2, weight: 60 });
  });

  it('promote goes to 100% and finalizes; rollback returns all traffic to stable', () => {
    const s = { ...freshState(ctx(), 0), weight: 10 };
    const p = transition(s, { type: 'begin', liveWeight: 10 }, ctx({ command: 'promote' }));
    expect(p.state).toMatchObject({ phase: 'finalizing', weight: 100 });
    const r = transition(s, { type: 'begin', liveWeight: 10 }, ctx({ command: 'rollback' }));
    expect(r.state).toMatchObject({ phase: 'rolled-back', weight: 0 });
    expect(r.state.reason).toMatch(/rollback requested by o\/r\/1/);
  });

  it('cancellation rolls back, or holds with on-cancel hold, and says why', () => {
    const s = { ...freshState(ctx(), 0), weight: 60 };
    expect(transition(s, { type: 'cancelled', why: 'SIGTERM' }, ctx()).state).toMatchObject({
      phase: 'rolled-back',
      weight: 0,
      reason: 'SIGTERM',
    });
    expect(
      transition(s, { type: 'cancelled', why: 'SIGINT' }, ctx({ onCancel: 'hold' })).state,
    ).toMatchObject({ phase: 'held', weight: 60, reason: 'SIGINT' });
  });

  it('a new canary image or pod template starts a new promotion, finished or not; a finalize under way is finished first', () => {
    const done: PromotionState = {
      ...freshState(ctx(), 0),
      phase: 'promoted',
      canaryImage: 'img:2',
      templateHash: 'aaaa',
    };
    expect(startsFresh(done, 'img:2')).toBe(false);
    expect(startsFresh(done, 'img:2', 'aaaa')).toBe(false);
    expect(startsFresh(done, 'img:3')).toBe(true);
    expect(restartReason({ ...done, phase: 'held' }, 'img:3')).toBe(
      'the canary image changed from img:2 to img:3',
    );
    expect(restartReason({ ...done, phase: 'in-progress' }, 'img:2', 'bbbb')).toMatch(
      /pod template changed \(hash aaaa → bbbb\)/,
    );
    // An older state without a hash never restarts on the hash alone.
    expect(startsFresh({ ...done, phase: 'held', templateHash: null }, 'img:2', 'bbbb')).toBe(false);
    expect(startsFresh({ ...done, phase: 'finalizing' }, 'img:3')).toBe(false);
    expect(startsFresh({ ...done, phase: 'rolling-back' }, 'img:3')).toBe(false);
    expect(startsFresh(null, null)).toBe(true);
    const t = transition(done, { type: 'begin', liveWeight: 0 }, ctx());
    expect(t.action.type).toBe('stop');
  });

  it('reads the state annotation back and names a broken one', () => {
    const s = freshState(ctx(), 0);
    expect(parseState(JSON.stringify(s))).toEqual(s);
    expect(parseState(undefined)).toBeNull();
    expect(() => parseState('{oops')).toThrow(/not valid JSON/);
    expect(() => parseState('{"phase":1}')).toThrow(/lacks phase/);
    expect(() => parseState(JSON.stringify({ ...s, schemaVersion: 2 }))).toThrow(/newer istio-canary/);
    expect(parseState(JSON.stringify({ ...s, schemaVersion: 1 }))).toMatchObject({ phase: s.phase });
  });

  it('an interrupted finalize is completed by a rerun, or restored before a rollback, never left lying', () => {
    const c = ctx();
    const at100: PromotionState = { ...freshState(c, 0), phase: 'finalizing', weight: 100 };
    const at0: PromotionState = { ...at100, weight: 0 };
    // A rerun (run, step or promote) completes it from where it stopped.
    expect(transition(at100, { type: 'begin', liveWeight: 100 }, c).action).toEqual({
      type: 'promote-stable',
    });
    expect(transition(at0, { type: 'begin', liveWeight: 0 }, c).action).toEqual({
      type: 'scale-canary-down',
    });
    expect(transition(at0, { type: 'begin', liveWeight: 0 }, ctx({ command: 'promote' })).action).toEqual({
      type: 'scale-canary-down',
    });
    // A cancel or error before stable took the traffic back restores the stable template first.
    const cancelled = transition(at100, { type: 'cancelled', why: 'SIGINT' }, c);
    expect(cancelled.action).toEqual({ type: 'restore-stable', why: 'SIGINT' });
    const restored = transition(cancelled.state, { type: 'stable-restored', why: 'SIGINT' }, c);
    expect(restored.state).toMatchObject({ phase: 'rolled-back', weight: 0, reason: 'SIGINT' });
    expect(transition(at100, { type: 'error', message: 'boom' }, c).action).toEqual({
      type: 'restore-stable',
      why: 'boom',
    });
    // rollback of a finalize under way restores too.
    expect(
      transition(at100, { type: 'begin', liveWeight: 100 }, ctx({ command: 'rollback' })).action,
    ).toMatchObject({
      type: 'restore-stable',
    });
    // With on-cancel hold, the finalize stays recorded as unfinished for a rerun.
    const held = transition(at100, { type: 'cancelled', why: 'SIGINT' }, ctx({ onCancel: 'hold' }));
    expect(held.state).toMatchObject({ phase: 'finalizing', weight: 100 });
    expect(held.state.reason).toMatch(/finalize interrupted at 100% canary \(SIGINT\)/);
    // Stable already has all traffic: a cancel finishes the scale-down instead.
    expect(transition(at0, { type: 'cancelled', why: 'SIGINT' }, c).action).toEqual({
      type: 'scale-canary-down',
    });
    // States written before `finalizing` had its name read as finalizing.
    expect(parseState(JSON.stringify({ ...at100, phase: 'promoting' }))?.phase).toBe('finalizing');
  });
});
