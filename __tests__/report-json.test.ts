// The report JSON validates against the documented schema (docs/report.schema.json).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// The named export: under NodeNext the default import of this CommonJS module is the module object.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionReport } from '../src/model.js';
import { lockstepVerdict } from '../src/promote/lockstep.js';
import { lockstepReport } from '../src/report/lockstep.js';
import { reportToJson, writeReportJson } from '../src/report/json.js';
import {
  heldReport,
  hostileReport,
  longReport,
  promotedReport,
  rolledBackReport,
} from './support/report-fixtures.js';

/** A lockstep run's merged report: web promoted, api rolled back, web's last step failed for api. */
function lockstepFixture(): PromotionReport {
  const web = promotedReport();
  const api = rolledBackReport();
  const last = api.history.at(-1)!;
  const stopped: PromotionReport = {
    ...api,
    virtualService: 'web',
    history: [
      ...api.history.slice(0, -1),
      {
        ...last,
        verdict: lockstepVerdict('service api failed: step 1/3 at 10% failed: error rate 40%', last.weight),
      },
    ],
  };
  return lockstepReport([
    { name: 'web', report: stopped },
    { name: 'api', report: { ...api, virtualService: 'api' } },
    { name: 'cart', report: web },
  ]);
}

const schemaPath = path.join(import.meta.dirname, '..', 'docs', 'report.schema.json');
let validate: ValidateFunction;
let dir: string;

beforeAll(async () => {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  validate = ajv.compile(schema);
  dir = await mkdtemp(path.join(tmpdir(), 'report-json-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errors = () => JSON.stringify(validate.errors, null, 2);

describe('report JSON schema', () => {
  it.each([
    ['promoted', promotedReport()],
    ['rolled-back', rolledBackReport()],
    ['held', heldReport()],
    ['hostile text', hostileReport()],
    ['200 steps', longReport(200)],
    ['lockstep', lockstepFixture()],
  ])('a %s report written to a file validates', async (_name, report: PromotionReport) => {
    const file = await writeReportJson(report, path.join(dir, 'nested'));
    expect(
      path
        .basename(file)
        .startsWith(
          'istio-canary-report-test-' +
            report.virtualService.replace(/[^A-Za-z0-9._-]+/g, '_') +
            `-${process.pid}-`,
        ),
    ).toBe(true);
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    expect(validate(parsed), errors()).toBe(true);
    expect(parsed).toEqual(report);
  });

  it('rejects what the report never contains', () => {
    const bad = (patch: (r: Record<string, unknown>) => void) => {
      const r = JSON.parse(reportToJson(promotedReport())) as Record<string, unknown>;
      patch(r);
      return validate(r);
    };
    expect(bad((r) => (r['status'] = 'done'))).toBe(false);
    expect(bad((r) => (r['weight'] = 101))).toBe(false);
    expect(bad((r) => (r['schemaVersion'] = 2))).toBe(false);
    expect(bad((r) => delete r['history'])).toBe(false);
    expect(bad((r) => (r['extra'] = true))).toBe(false);
    expect(
      bad((r) => ((r['history'] as { verdict: { outcome: string } }[])[0]!.verdict.outcome = 'ok')),
    ).toBe(false);
  });
});
