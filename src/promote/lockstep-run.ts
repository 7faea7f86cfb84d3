// A lockstep run (`services`): every service's promotion started at once, each a whole
// runPromotion on its own route object with its own measurement, all meeting through one
// Lockstep (lockstep.ts) before each write that moves traffic; their reports merged into the
// run's one report (report/lockstep.ts). A service that throws is ended as failed for the
// others (who then stop before writing, or roll back at their next meeting); the errors of
// services that never reported are named in the merged report, and when none reported at all
// (every service stopped before writing) they are thrown together.
import type { Metrics, PromotionReport } from '../model.js';
import type { ManifestDoc } from '../kube/manifests.js';
import type { Settings } from '../settings.js';
import { IstioCanaryError } from '../errors.js';
import { combineReporters } from '../report/lockstep.js';
import { isFailure } from '../report/format.js';
import { causeOf } from './cause.js';
import { FINALIZE, Lockstep, LockstepError, memberOf, type ServiceEnd } from './lockstep.js';
import { prefixedLogger } from '../log.js';
import { PromotionError, type PromotionDeps } from './run.js';

export interface LockstepUnit {
  name: string;
  settings: Settings;
  docs: ManifestDoc[];
  metrics: Metrics;
}

/** How a service's report counts for the others: promoted or held on purpose is ok, anything failing is not. */
export function serviceEnd(report: PromotionReport): ServiceEnd {
  const failing = report.failure !== undefined || isFailure(report);
  const message = report.failure ?? report.reason ?? report.status;
  if (failing) return { ok: false, at: report.weight, message };
  return { ok: true, at: report.status === 'promoted' ? FINALIZE : report.weight, message };
}

export async function runLockstep(
  units: readonly LockstepUnit[],
  deps: PromotionDeps,
  runPromotion: (settings: Settings, deps: PromotionDeps) => Promise<PromotionReport>,
): Promise<PromotionReport> {
  const names = units.map((u) => u.name);
  const lockstep = new Lockstep(names);
  const combined = combineReporters(names, deps.reporter);
  deps.logger.info(
    `lockstep: ${units.length} services (${names.join(', ')}); each step writes every route's weight and judges every service`,
  );
  // The services that stopped without a report, and why.
  const failures: ({ name: string; message: string; err: unknown } | null)[] = names.map(() => null);
  await Promise.all(
    units.map(async (u, i) => {
      try {
        const report = await runPromotion(u.settings, {
          ...deps,
          metrics: u.metrics,
          manifests: u.docs,
          reporter: combined.reporters[i]!,
          logger: prefixedLogger(deps.logger, u.name),
          lockstep: memberOf(lockstep, u.name),
        });
        lockstep.end(u.name, serviceEnd(report));
      } catch (err) {
        const message = causeOf(err);
        lockstep.end(u.name, { ok: false, at: -1, message });
        if (err instanceof PromotionError) await combined.reporters[i]!.final(err.report);
        else failures[i] = { name: u.name, message, err };
        // A service stopped because another failed says so; the failing one is the error.
        if (err instanceof LockstepError) deps.logger.info(`service ${u.name}: ${message}`);
        else deps.logger.error(`service ${u.name}: ${message}`);
      }
    }),
  );
  const report = await combined.finish(failures.map((f) => f?.message ?? null));
  if (report) return report;
  // No service got as far as a report: nothing was written; the errors are the answer (the
  // services that only stopped because another failed are left out when a cause is known).
  const causes = failures.filter((f) => f && !(f.err instanceof LockstepError));
  const shown = (causes.length ? causes : failures).filter((f) => f !== null);
  throw new IstioCanaryError(shown.map((f) => `service ${f.name}: ${f.message}`).join('; '), {
    cause: shown[0]?.err,
  });
}
