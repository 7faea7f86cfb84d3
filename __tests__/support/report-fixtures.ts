// Hand-built PromotionReports for the report tests (golden markdown, schema, rendering).
// Fixed timestamps and numbers so the golden files are stable.
import type { PromotionReport, Reason, StepRecord, VersionStats } from '../../src/model.js';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const iso = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

export function stats(
  requests: number,
  errors: number,
  seconds: number,
  p50: number | null,
  p90: number | null,
  p99: number | null,
): VersionStats {
  return {
    requests,
    errors,
    rps: requests / seconds,
    successRate: requests === 0 ? null : 1 - errors / requests,
    p50Ms: p50,
    p90Ms: p90,
    p99Ms: p99,
    ...(errors > 0 ? { errorsByKind: { '503': errors } } : {}),
  };
}

function reason(
  metric: string,
  value: number | null,
  limit: number | null,
  ok: boolean,
  message: string,
): Reason {
  return { metric, value, limit, source: 'loadgen', ok, message };
}

function passingReasons(canaryP99: number, stableP99: number, canaryRequests: number): Reason[] {
  const regression = (canaryP99 - stableP99) / stableP99;
  return [
    reason('requests', canaryRequests, 50, true, `canary requests ${canaryRequests} >= min 50 (loadgen)`),
    reason('error-rate', 0, 0.01, true, 'canary error rate 0.00% <= limit 1.00% (loadgen)'),
    reason(
      'p99-regression',
      regression,
      0.25,
      true,
      `canary p99 ${canaryP99} ms vs stable ${stableP99} ms: ${(regression * 100).toFixed(1)}% <= limit 25% (loadgen)`,
    ),
  ];
}

function step(
  n: number,
  weight: number,
  startMs: number,
  durationMs: number,
  verdict: StepRecord['verdict'],
): StepRecord {
  return { step: n, weight, startedAt: iso(startMs), endedAt: iso(startMs + durationMs), verdict };
}

const base = {
  schemaVersion: 1 as const,
  command: 'run',
  namespace: 'test',
  virtualService: 'podinfo',
  route: 'primary',
  stableSubset: 'ga',
  canarySubset: 'canary',
  canaryImage: 'ghcr.io/stefanprodan/podinfo:6.9.2',
  steps: [10, 60, 100],
  run: {
    repository: 'acme/podinfo',
    runId: '4242',
    runUrl: 'https://github.com/acme/podinfo/actions/runs/4242',
    serverUrl: 'https://github.com',
  },
};

/** podinfo ga → canary, 0 → 10 → 60 → 100, every step passing, finalized. */
export function promotedReport(): PromotionReport {
  const history = [
    step(1, 10, 5_000, 30_000, {
      outcome: 'pass',
      reasons: passingReasons(14.8, 13.9, 150),
      stable: stats(1350, 0, 30, 4.2, 9.7, 13.9),
      canary: stats(150, 0, 30, 4.4, 10.1, 14.8),
      durationMs: 30_000,
    }),
    step(2, 60, 36_000, 30_000, {
      outcome: 'pass',
      reasons: passingReasons(15.2, 14.1, 900),
      stable: stats(600, 0, 30, 4.3, 9.9, 14.1),
      canary: stats(900, 0, 30, 4.5, 10.4, 15.2),
      durationMs: 30_000,
    }),
    step(3, 100, 67_000, 30_000, {
      outcome: 'pass',
      reasons: [reason('requests', 1500, 50, true, 'canary requests 1500 >= min 50 (loadgen)')],
      stable: stats(0, 0, 30, null, null, null),
      canary: stats(1500, 0, 30, 4.4, 10.2, 15.0),
      durationMs: 30_000,
    }),
  ];
  return {
    ...base,
    status: 'promoted',
    reason: null,
    // finalize: promote-stable ends with the canary at 0% (stable runs the canary's template).
    weight: 0,
    step: 3,
    history,
    weightsApplied: [
      { stable: 90, canary: 10, at: iso(4_000) },
      { stable: 40, canary: 60, at: iso(35_000) },
      { stable: 0, canary: 100, at: iso(66_000) },
      { stable: 100, canary: 0, at: iso(99_000) },
    ],
    nextCommands: [],
    startedAt: iso(0),
    endedAt: iso(100_000),
  };
}

/** The canary regresses p99 and errors at 60%: rolled back to 0. */
export function rolledBackReport(): PromotionReport {
  const promoted = promotedReport();
  const first = promoted.history[0];
  if (first === undefined) throw new Error('fixture');
  const failing: StepRecord = step(2, 60, 36_000, 18_500, {
    outcome: 'fail',
    reasons: [
      reason('requests', 555, 50, true, 'canary requests 555 >= min 50 (loadgen)'),
      reason('error-rate', 0.0234, 0.01, false, 'canary error rate 2.34% > limit 1.00% (loadgen)'),
      reason(
        'p99-regression',
        2.31,
        0.25,
        false,
        'canary p99 412 ms vs stable 124.6 ms: +231% > limit 25% (loadgen)',
      ),
    ],
    stable: stats(370, 0, 18.5, 41.2, 88.0, 124.6),
    canary: stats(555, 13, 18.5, 97.5, 240.3, 412.0),
    durationMs: 18_500,
  });
  return {
    ...promoted,
    status: 'rolled-back',
    reason: 'step 2 (60%) failed analysis: canary error rate 2.34% > limit 1.00%',
    weight: 0,
    step: 2,
    history: [first, failing],
    weightsApplied: [
      { stable: 90, canary: 10, at: iso(4_000) },
      { stable: 40, canary: 60, at: iso(35_000) },
      { stable: 100, canary: 0, at: iso(55_000) },
    ],
    nextCommands: [],
    endedAt: iso(56_000),
  };
}

/** Manual gating (`command: step`): held at 60% waiting for a person. */
export function heldReport(): PromotionReport {
  const promoted = promotedReport();
  return {
    ...promoted,
    status: 'held',
    command: 'step',
    reason: 'waiting for the next manual step',
    weight: 60,
    step: 2,
    history: promoted.history.slice(0, 2),
    weightsApplied: promoted.weightsApplied.slice(0, 2),
    // As src/promote/runner.ts writes them.
    nextCommands: ['command: step', 'command: promote', 'command: rollback'],
    endedAt: iso(67_000),
  };
}

/** Hostile user text everywhere a user can put it. */
export const HOSTILE = {
  image: 'evil/img:1 | <script>alert(1)</script> @octocat',
  reason:
    'boom | </td><img src=x onerror=alert(1)> @acme/admins ```\n## injected heading\n[click](javascript:alert(1))',
  message: 'p99 | regression <b>bold</b> @someone $x^2$ ` --> %%{init: {"theme":"dark"}}%%',
  route: 'r|1\nxychart-beta',
  command: 'gh run ``` @mallory <script>',
};

export function hostileReport(): PromotionReport {
  const r = rolledBackReport();
  const last = r.history[1];
  if (last === undefined) throw new Error('fixture');
  return {
    ...r,
    canaryImage: HOSTILE.image,
    reason: HOSTILE.reason,
    route: HOSTILE.route,
    stableSubset: 'v1<svg onload=alert(1)>',
    virtualService: 'reviews|x',
    history: [
      r.history[0] as StepRecord,
      {
        ...last,
        verdict: {
          ...last.verdict,
          reasons: [{ ...reason('p99', 1, 0, false, HOSTILE.message) }],
        },
      },
    ],
    nextCommands: [HOSTILE.command],
    run: { ...r.run, runUrl: 'javascript:alert(1)' },
  };
}

/** A manual promotion that went on for `n` steps (e.g. 10,000) with long reasons. */
export function longReport(n: number): PromotionReport {
  const history: StepRecord[] = [];
  const weightsApplied: PromotionReport['weightsApplied'] = [];
  for (let i = 1; i <= n; i++) {
    const weight = Math.min(100, Math.ceil((i / n) * 100));
    const start = i * 31_000;
    const outcome = i % 97 === 0 ? 'inconclusive' : 'pass';
    history.push(
      step(i, weight, start, 30_000, {
        outcome,
        reasons: [
          reason(
            'p99-regression',
            0.05,
            0.25,
            outcome === 'pass',
            `step ${i}: canary p99 ${(14 + (i % 7)).toFixed(1)} ms vs stable 14.0 ms, ${'a long explanation '.repeat(8)}`,
          ),
        ],
        stable: stats(1000, i % 5, 30, 4, 9, 14),
        canary: stats(100, 0, 30, 4.1, 9.3, 14 + (i % 7)),
        durationMs: 30_000,
      }),
    );
    weightsApplied.push({ stable: 100 - weight, canary: weight, at: iso(start - 1000) });
  }
  return {
    ...promotedReport(),
    status: 'held',
    command: 'step',
    reason: 'waiting for the next manual step',
    steps: history.map((h) => h.weight),
    weight: history.at(-1)?.weight ?? 0,
    step: n,
    history,
    weightsApplied,
    nextCommands: ['command: step'],
    endedAt: iso((n + 1) * 31_000),
  };
}
