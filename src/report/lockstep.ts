// The one report of a lockstep run (`services`): each service's own report (its route, steps,
// verdicts, weights) under `services`, and on top what the run as a whole is — the worst status
// (a rolled-back service makes the run rolled back), the lowest canary weight, each service's
// reason by name — so the sticky comment, the job summary, the JSON and the outputs stay one.
// lockstepReport is pure; combineReporters is the glue that keeps each service's latest report
// and forwards the merged one to the run's reporter.
import type { PromotionReport, PromotionStatus } from '../model.js';
import type { Reporter } from '../ports.js';

/** Worst first: a run is as bad as its worst service. */
const RANK: readonly PromotionStatus[] = ['rolled-back', 'held', 'in-progress', 'promoted'];

export interface ServiceOutcome {
  name: string;
  /** The service's latest report; null when it stopped before it had one (its error says why). */
  report: PromotionReport | null;
  /** Why it stopped without a report (an input or manifest error, a refused start). */
  error?: string;
}

/** The run's report from its services' (at least one has a report). */
export function lockstepReport(outcomes: readonly ServiceOutcome[]): PromotionReport {
  const reports = outcomes.map((o) => o.report).filter((r): r is PromotionReport => r !== null);
  const first = reports[0];
  if (!first) throw new Error('internal: a lockstep report needs one service report');
  const status = RANK.find((s) => reports.some((r) => r.status === s)) ?? first.status;
  const named = (name: string, text: string) => `${name}: ${text}`;
  const reasons = outcomes.flatMap((o) =>
    o.report?.reason ? [named(o.name, o.report.reason)] : o.error ? [named(o.name, o.error)] : [],
  );
  const failures = outcomes.flatMap((o) =>
    o.report?.failure !== undefined
      ? [named(o.name, o.report.failure)]
      : o.error
        ? [named(o.name, o.error)]
        : [],
  );
  const namespaces = [...new Set(reports.map((r) => r.namespace))];
  const images = [...new Set(reports.map((r) => r.canaryImage).filter((i) => i !== null))];
  return {
    schemaVersion: 1,
    status,
    reason: reasons.length ? reasons.join('; ') : null,
    ...(failures.length ? { failure: failures.join('; ') } : {}),
    command: first.command,
    namespace: namespaces.join(', '),
    virtualService: outcomes.map((o) => o.name).join(', '),
    route: 'lockstep',
    stableSubset: '',
    canarySubset: '',
    canaryImage: images.length === 1 ? images[0]! : null,
    steps: first.steps,
    weight: Math.min(...reports.map((r) => r.weight)),
    step: Math.min(...reports.map((r) => r.step)),
    history: [],
    weightsApplied: [],
    run: first.run,
    nextCommands: [...new Set(reports.flatMap((r) => r.nextCommands))],
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    endedAt: reports
      .map((r) => r.endedAt)
      .sort()
      .at(-1)!,
    services: outcomes.flatMap((o) => (o.report ? [{ name: o.name, report: o.report }] : [])),
  };
}

/**
 * One Reporter per service, all feeding the run's reporter: progress sends the merged report
 * of every service heard from so far; the services' finals are only kept, and `finish` sends
 * the merged final once every service ended (with the errors of those that had no report).
 */
export function combineReporters(
  names: readonly string[],
  reporter: Reporter,
): { reporters: Reporter[]; finish(errors: (string | null)[]): Promise<PromotionReport | null> } {
  const latest: (PromotionReport | null)[] = names.map(() => null);
  const outcomes = (errors: (string | null)[] = []): ServiceOutcome[] =>
    names.map((name, i) => ({ name, report: latest[i] ?? null, ...(errors[i] ? { error: errors[i] } : {}) }));
  const reporters = names.map((_, i): Reporter => ({
    progress: async (report) => {
      latest[i] = report;
      await reporter.progress(lockstepReport(outcomes()));
    },
    final: (report) => {
      latest[i] = report;
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  }));
  return {
    reporters,
    finish: async (errors) => {
      if (latest.every((r) => r === null)) return null;
      const report = lockstepReport(outcomes(errors));
      await reporter.final(report);
      return report;
    },
  };
}
