// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file named by the `report-json` output (the action's output, the CLI's `report-json=` line).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PromotionReport } from '../model.js';
import { secrets } from '../redact.js';

/** The run a report belongs to (GithubContext's fields; all null outside Actions). */
export interface ReportRun {
  runId: string | null;
  runAttempt: string | null;
  job?: string | null;
}

/** The report as JSON, secrets redacted (src/redact.ts) in every string and in the result. */
export function reportToJson(report: PromotionReport): string {
  return secrets.redact(`${JSON.stringify(secrets.redactDeep(report), null, 2)}\n`);
}

/**
 * File name unique to this process: the VirtualService (two promotions in one job), the run,
 * attempt and job (readable in RUNNER_TEMP), and the pid with a random part, so that two jobs on
 * one self-hosted runner, or a run and a `status` side by side, never write the same file.
 */
export function reportFileName(
  report: PromotionReport,
  run: ReportRun = { runId: null, runAttempt: null },
): string {
  const safe = (s: string, max: number) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, max);
  const parts = [
    'istio-canary-report',
    safe(report.namespace, 63),
    safe(report.virtualService, 100),
    ...[run.runId, run.runAttempt, run.job].filter((p): p is string => !!p).map((p) => safe(p, 40)),
    String(process.pid),
    randomBytes(4).toString('hex'),
  ];
  return `${parts.join('-')}.json`;
}

/**
 * Writes the report into `dir` (created if missing) and returns the file's path. Atomic: the
 * JSON goes to a temporary file beside it that is renamed over, so a reader never sees half a file.
 */
export async function writeReportJson(
  report: PromotionReport,
  dir: string,
  run?: ReportRun,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, reportFileName(report, run));
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, reportToJson(report), { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return file;
}
