// The power plan's start of a promotion (src/promote/power-step.ts): how long stable gets the
// load alone, and which promotions are fresh enough to get it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineMsFor, isFresh } from '../src/promote/power-step.js';
import type { PromotionState } from '../src/model.js';

const state = (over: Partial<PromotionState>): PromotionState => ({
  phase: 'in-progress',
  weight: 0,
  step: 0,
  steps: [10, 100],
  canaryImage: null,
  runId: 'r',
  startedAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  reason: null,
  history: [],
  ...over,
});

describe('the stable-only baseline', () => {
  it('is half a window, at most the cap; the cap with interval: auto; none without the load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 86_400_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (ms, max) => {
          const b = baselineMsFor({ intervalMs: ms, intervalAuto: false, metrics: 'loadgen' }, max);
          expect(b).toBe(Math.min(max, Math.round(ms / 2)));
          expect(baselineMsFor({ intervalMs: ms, intervalAuto: true, metrics: 'both' }, max)).toBe(max);
          expect(baselineMsFor({ intervalMs: ms, intervalAuto: false, metrics: 'prometheus' }, max)).toBe(0);
        },
      ),
    );
    expect(baselineMsFor({ intervalMs: 60_000, intervalAuto: false, metrics: 'loadgen' }, 30_000)).toBe(
      30_000,
    );
    expect(baselineMsFor({ intervalMs: 4000, intervalAuto: false, metrics: 'loadgen' }, 30_000)).toBe(2000);
  });

  it('only for a promotion whose canary has had no traffic yet', () => {
    expect(isFresh(state({}))).toBe(true);
    expect(isFresh(state({ weight: 10 }))).toBe(false);
    expect(isFresh(state({ step: 1 }))).toBe(false);
    expect(isFresh(state({ phase: 'held' }))).toBe(false);
    expect(
      isFresh(
        state({
          history: [
            {
              step: 1,
              weight: 0,
              startedAt: '',
              endedAt: '',
              verdict: { outcome: 'pass', reasons: [], stable: null, canary: null, durationMs: 0 },
            },
          ],
        }),
      ),
    ).toBe(false);
  });
});
