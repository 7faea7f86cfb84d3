// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file for the `report-json` output and for the CLI's --report-json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PromotionReport } from '../model.js';
import { secrets } from '../redact.js';

/** The report as JSON, secrets redacted (src/redact.ts) in every string and in the result. */
export function reportToJson(report: PromotionReport): string {
  return secrets.redact(`${JSON.stringify(secrets.redactDeep(report), null, 2)}\n`);
}

/** File name per VirtualService, so two promotions in one job do not overwrite each other. */
export function reportFileName(report: PromotionReport): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  return `istio-canary-report-${safe(report.namespace)}-${safe(report.virtualService)}.json`;
}

/** Writes the report into `dir` (created if missing) and returns the file's path. */
export async function writeReportJson(report: PromotionReport, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, reportFileName(report));
  await writeFile(file, reportToJson(report), 'utf8');
  return file;
}
