// The strategy (issue 15) as the promotion engine sees it (pure): what a state records about
// its strategy (StrategyRecord), the route stage a state stands for (so every write renders
// the whole route from the state: weights plus the A/B route, mirror or preview), the traffic
// of each window (which requests the load adds, where the canary's numbers come from), the
// labels of the log and the report, and the combinations the engine refuses before writing.
import type { PromotionState, StrategyRecord, WindowTraffic } from '../model.js';
import type { MetricsSourceSetting as MetricsSource } from '../settings.js';
import { DEFAULT_STRATEGY, type StrategySpec } from '../strategy/spec.js';
import { describeEntry, sampleHeaders } from '../strategy/match.js';
import { ROLLBACK_STAGE, finalStage, type RouteStage } from '../strategy/stages.js';
import { StrategyError } from '../strategy/errors.js';
import { oneLine } from '../one-line.js';
import { canonicalJson } from '../strategy/match.js';

/** The share of the load sent with the A/B match's headers (or the preview header/host), so both versions get requests. */
export const COHORT_SHARE = 0.3;

/** The record a new promotion of `spec` starts with; null for strategy canary (its states stay as they were). */
export function recordOf(spec: StrategySpec): StrategyRecord | null {
  if (spec.strategy === 'canary') return null;
  return {
    strategy: spec.strategy,
    ...(spec.strategy === 'ab' ? { match: spec.match } : {}),
    ...(spec.strategy === 'mirror' ? { mirrorPercent: spec.mirrorPercent } : {}),
    ...(spec.strategy === 'blue-green' ? { preview: spec.preview } : {}),
    iterations: spec.iterations,
    passed: 0,
    on: false,
  };
}

/** The StrategySpec a recorded strategy renders with (renderRoute's argument). */
export function specOfRecord(rec: StrategyRecord): StrategySpec {
  return {
    ...DEFAULT_STRATEGY,
    strategy: rec.strategy,
    match: rec.match ?? [],
    mirrorPercent: rec.mirrorPercent ?? 100,
    preview: rec.preview ?? null,
    iterations: rec.iterations,
  };
}

/** Whether a record uses a strategy other than canary. */
export const strategic = (rec: StrategyRecord | null | undefined): rec is StrategyRecord =>
  !!rec && rec.strategy !== 'canary';

/**
 * The route stage a state stands for: rolled back, nothing of the strategy; finalizing or
 * promoted, the weight only; otherwise the weight and, while the record says it is on, the A/B
 * route (below 100%), the mirror or the preview route.
 */
export function stageOf(state: PromotionState): RouteStage {
  if (state.phase === 'rolled-back' || state.phase === 'rolling-back')
    return { ...ROLLBACK_STAGE, canaryWeight: state.weight };
  const rec = state.strategy;
  if (!strategic(rec) || !rec.on || state.phase === 'finalizing' || state.phase === 'promoted')
    return finalStage(state.weight);
  if (state.weight >= 100) return finalStage(state.weight);
  return {
    canaryWeight: state.weight,
    ab: rec.strategy === 'ab',
    mirror: rec.strategy === 'mirror',
    preview: rec.strategy === 'blue-green',
  };
}

/** What a strategy is, in one phrase: "ab (header x-user=beta)", "mirror 20%", "blue-green (host preview.example.com)". */
export function strategyName(
  rec: Pick<StrategyRecord, 'strategy' | 'match' | 'mirrorPercent' | 'preview'> | null | undefined,
): string {
  if (!rec || rec.strategy === 'canary') return 'canary';
  if (rec.strategy === 'ab') return `ab (${(rec.match ?? []).map(describeEntry).join(' or ')})`;
  if (rec.strategy === 'mirror') return `mirror ${rec.mirrorPercent ?? 100}%`;
  return `blue-green (${previewText(rec.preview ?? null)})`;
}

function previewText(p: StrategyRecord['preview']): string {
  if (!p) return 'no preview';
  return p.kind === 'host' ? `host ${p.host}` : describeEntry({ headers: [p.header] });
}

/** The label of judged window `k` (1-based) before the weights. */
export function windowLabel(rec: StrategyRecord, k: number): string {
  const n = rec.iterations > 1 ? ` ${k}/${rec.iterations}` : '';
  if (rec.strategy === 'ab') return `A/B${n}: ${(rec.match ?? []).map(describeEntry).join(' or ')} → canary`;
  if (rec.strategy === 'mirror')
    return `mirror${n}: ${rec.mirrorPercent ?? 100}% of the requests copied to the canary`;
  return `preview${n}: ${previewText(rec.preview ?? null)} → canary`;
}

/** The stage kind of a strategy's windows before the weights. */
export const windowStage = (rec: StrategyRecord): 'ab' | 'mirror' | 'preview' =>
  rec.strategy === 'ab' ? 'ab' : rec.strategy === 'mirror' ? 'mirror' : 'preview';

/** The load's extra requests for a record: the A/B match's first alternative, or the preview header/host. */
export function cohortOf(rec: StrategyRecord): WindowTraffic['cohort'] | undefined {
  if (rec.strategy === 'ab') {
    for (const entry of rec.match ?? []) {
      const headers = sampleHeaders(entry);
      if (headers) return { share: COHORT_SHARE, headers };
    }
    return undefined;
  }
  if (rec.strategy === 'blue-green' && rec.preview) {
    if (rec.preview.kind === 'host') return { share: COHORT_SHARE, headers: {}, host: rec.preview.host };
    const headers = sampleHeaders({ headers: [rec.preview.header] });
    return headers ? { share: COHORT_SHARE, headers } : undefined;
  }
  return undefined;
}

/** The traffic of a window measured under `state` (null: the plain weighted split, as for strategy canary). */
export function windowTrafficOf(state: PromotionState | null | undefined): WindowTraffic | null {
  const rec = state?.strategy;
  if (!state || !strategic(rec) || !rec.on) return null;
  const before = rec.passed < rec.iterations && state.weight === 0;
  const cohort = cohortOf(rec);
  if (rec.strategy === 'mirror')
    return before
      ? {
          judged: 'mirrored',
          canarySource: 'prometheus',
          label: windowLabel(rec, rec.passed + 1),
        }
      : null;
  return {
    judged: before ? (rec.strategy === 'ab' ? 'matched' : 'preview') : 'weighted',
    canarySource: 'any',
    ...(cohort ? { cohort } : {}),
    label: before ? windowLabel(rec, rec.passed + 1) : `canary ${state.weight}% (A/B route kept)`,
  };
}

/** Where a window's numbers come from, for the report and the log. */
export function sourceLine(rec: StrategyRecord, metrics: MetricsSource): string {
  if (rec.strategy === 'ab') {
    const c = cohortOf(rec);
    return `A/B: requests with ${(rec.match ?? []).map(describeEntry).join(' or ')}${
      c
        ? ` (${Math.round(c.share * 100)}% of the load, sent with ${Object.entries(c.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')})`
        : ''
    } → canary; the judge compares them with the other requests on stable (${metrics})`;
  }
  if (rec.strategy === 'mirror')
    return `mirror: ${rec.mirrorPercent ?? 100}% of live requests copied to the canary, responses discarded; the canary is judged on the mirrored requests from Prometheus destination metrics (reporter="destination"), the load generator never sees them`;
  return `blue/green: ${previewText(rec.preview ?? null)} → canary (green) for ${rec.iterations} judged window(s)${cohortOf(rec) ? ` (${Math.round(COHORT_SHARE * 100)}% of the load sent there)` : ''}, then all traffic switched in one write`;
}

/** The report's strategy lines for a state (absent for strategy canary). */
export function reportStrategy(
  state: PromotionState | null | undefined,
  metrics: MetricsSource,
): { kind: StrategyRecord['strategy']; lines: string[] } | undefined {
  const rec = state?.strategy;
  if (!strategic(rec)) return undefined;
  const lines = [
    `strategy ${strategyName(rec)}: ${rec.passed}/${rec.iterations} judged window(s) passed before the ${rec.strategy === 'blue-green' ? 'switch' : 'weights'}`,
    sourceLine(rec, metrics),
  ];
  return { kind: rec.strategy, lines };
}

/**
 * A run or step whose strategy differs from the one an unfinished promotion recorded is refused
 * (its route carries the other strategy's writes and its windows judged other requests).
 */
export function strategyChange(state: PromotionState | null, spec: StrategySpec): string | null {
  if (!state || state.phase === 'promoted' || state.phase === 'rolled-back') return null;
  const recorded = state.strategy ?? null;
  const wanted = recordOf(spec);
  const key = (r: StrategyRecord | null) =>
    r
      ? canonicalJson({ s: r.strategy, m: r.match ?? null, p: r.mirrorPercent ?? null, v: r.preview ?? null })
      : 'canary';
  if (key(recorded) === key(wanted)) return null;
  return `the promotion under way uses strategy ${oneLine(strategyName(recorded))}; this run asks for strategy ${oneLine(strategyName(wanted))}. Nothing was written. Run with the recorded strategy to continue, or \`rollback\` first to start over with the new one`;
}

/** The combinations the engine refuses besides validateStrategy's (pure, before anything is written). */
export function engineStrategyErrors(spec: StrategySpec, metrics: MetricsSource): StrategyError[] {
  const out: StrategyError[] = [];
  if (spec.strategy === 'mirror' && metrics === 'loadgen')
    out.push(
      new StrategyError(
        'mirror-unsupported',
        'strategy mirror with metrics: loadgen: the load generator never sees the mirrored responses (the mesh discards them), so nothing could judge the canary; set metrics: prometheus or both (the canary is judged on Prometheus destination metrics)',
      ),
    );
  return out;
}

/** A state's write in words: "canary 20% / stable 80%", plus the A/B route, mirror or preview it keeps. */
export function stageText(state: PromotionState): string {
  const st = stageOf(state);
  const rec = state.strategy;
  const extra = [
    st.ab ? `A/B route (${(rec?.match ?? []).map(describeEntry).join(' or ')} → canary)` : null,
    st.mirror ? `mirror ${rec?.mirrorPercent ?? 100}% → canary` : null,
    st.preview ? `preview route (${previewText(rec?.preview ?? null)} → canary)` : null,
  ].filter((x) => x !== null);
  const removed =
    strategic(rec) && !st.ab && !st.mirror && !st.preview && (rec.passed > 0 || state.phase !== 'in-progress')
      ? `, no ${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'}`
      : '';
  return `canary ${st.canaryWeight}% / stable ${100 - st.canaryWeight}%${extra.length ? `, ${extra.join(', ')}` : removed}`;
}
