// The why of a step (src/metrics/why.ts) in the reports: under each failed or inconclusive step
// and in the headline of the PR comment / job summary (escaped like every user text), in the CLI
// table, and in the report JSON (validated against docs/report.schema.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeStep } from '../src/metrics/analysis.js';
import { WHY_MAX_CHARS, explainVerdict } from '../src/metrics/why.js';
import type { PromotionReport, StepRecord } from '../src/model.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { reportToJson } from '../src/report/json.js';
import { GITHUB_COMMENT_LIMIT, renderReport, renderTerminalTable, stepWhy } from '../src/report/markdown.js';
import { longReport, promotedReport, rolledBackReport, stats } from './support/report-fixtures.js';

const HOSTILE_WHY =
  'fail: gate smoke failed: </td><img src=x onerror=alert(1)> | @acme/admins ```\n## injected heading\n[click](javascript:alert(1)) $x^2$';

function withLastVerdict(report: PromotionReport, patch: Partial<StepRecord['verdict']>): PromotionReport {
  const history = report.history.map((r, i) =>
    i === report.history.length - 1 ? { ...r, verdict: { ...r.verdict, ...patch } } : r,
  );
  return { ...report, history };
}

/** A rolled-back report whose failing step carries the why measure() writes (from the real judge). */
function judgedReport(): PromotionReport {
  const r = rolledBackReport();
  const limits = { minRequests: 50, maxErrorRate: 0.01, maxP99Ms: null, maxLatencyRegression: 0.25 };
  const verdict = judgeStep(
    stats(370, 0, 18.5, 41, 88, 124.6),
    // 25 of 555 (4.5%) is beyond chance for a canary at the 1% limit (13, 2.34%, would not be: p = 0.0046).
    stats(555, 25, 18.5, 97, 240, 412),
    limits,
    'loadgen',
    18_500,
  );
  const why = explainVerdict(verdict, { limits, weight: 60, windowMs: 30_000, rps: 50 });
  expect(why).not.toBeNull();
  return withLastVerdict(r, { ...verdict, why: why! });
}

describe('the PR comment and job summary', () => {
  it('show the why under the failed step and in the headline, as measure() wrote it', () => {
    const report = judgedReport();
    const why = report.history.at(-1)!.verdict.why!;
    expect(why).toMatch(
      /^fail: error-rate 4\.5% \(25 errors in 555 canary requests, loadgen; beyond chance at 0\.1%\) > max-error-rate 1%; /,
    );
    const md = renderReport(report);
    const shown = escapeMarkdown(why, WHY_MAX_CHARS);
    const lines = md.split('\n');
    expect(lines).toContain(`**Step 2 at 60%, in one line:** ${shown}`);
    const under = lines.indexOf('**Why steps did not pass**');
    expect(under).toBeGreaterThan(lines.findIndex((l) => l.startsWith('| 2 | 60% |')));
    expect(lines.slice(under)).toContain(`- Step 2 (60%): ${shown}`);
  });

  it('a hostile why is escaped: no HTML, no ping, no new block, no link', () => {
    const md = renderReport(withLastVerdict(rolledBackReport(), { why: HOSTILE_WHY }));
    const shown = escapeMarkdown(HOSTILE_WHY, WHY_MAX_CHARS);
    expect(md).toContain(`- Step 2 (60%): ${shown}`);
    expect(md).toContain(`**Step 2 at 60%, in one line:** ${shown}`);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('@acme/admins');
    expect(md).not.toMatch(/^## injected/m);
    // Only as escaped text (`\\[click\\](javascript:…)`), never as a link target.
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
  });

  it('a step recorded without a why (older states, verdicts made elsewhere) is explained from its reasons', () => {
    const report = rolledBackReport();
    const last = report.history.at(-1)!;
    expect(last.verdict.why).toBeUndefined();
    const why = explainVerdict(last.verdict, { weight: last.weight, windowMs: last.verdict.durationMs });
    expect(stepWhy(last)).toBe(why);
    expect(renderReport(report)).toContain(`- Step 2 (60%): ${escapeMarkdown(why!, WHY_MAX_CHARS)}`);
  });

  it('passing steps have no why and a promoted report no why section', () => {
    const md = renderReport(promotedReport());
    expect(md).not.toContain('Why steps did not pass');
    expect(md).not.toContain('in one line');
    for (const r of promotedReport().history) expect(stepWhy(r)).toBeNull();
  });

  it('many failing steps with the longest whys still fit the comment limit', () => {
    const report = longReport(2000);
    const history = report.history.map((r) => ({
      ...r,
      verdict: {
        ...r.verdict,
        outcome: 'fail' as const,
        why: `fail: ${'x|<b>@y '.repeat(60)}`.slice(0, WHY_MAX_CHARS),
      },
    }));
    const md = renderReport({ ...report, status: 'rolled-back', history });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('**Why steps did not pass**');
  });
});

describe('the terminal table', () => {
  it("prints the last step's why on one line, control characters stripped", () => {
    const out = renderTerminalTable(
      withLastVerdict(rolledBackReport(), { why: 'fail: x\x1b[31m red\nnext' }),
    );
    const line = out.split('\n').find((l) => l.startsWith('step 2: '));
    expect(line).toBeDefined();
    expect(line).not.toContain('\x1b');
    expect(line).toContain('fail: x');
    expect(line).toContain('next');
  });
});

describe('the report JSON', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    const schema = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '..', 'docs', 'report.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  });

  it('carries the why of each failed step and validates against the schema', () => {
    const report = judgedReport();
    const parsed = JSON.parse(reportToJson(report)) as PromotionReport;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(parsed.history.at(-1)?.verdict.why).toBe(report.history.at(-1)?.verdict.why);
    // A reason may say its sample size.
    const r = withLastVerdict(report, {
      reasons: report.history.at(-1)!.verdict.reasons.map((x) => ({ ...x, sampleSize: 555 })),
    });
    expect(validate(JSON.parse(reportToJson(r))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a line break', 'fail: a\nb'],
    ['a pass', 'pass: fine'],
    ['more than the cap', `fail: ${'x'.repeat(WHY_MAX_CHARS)}`],
    ['nothing', ''],
  ])('rejects a why with %s', (_what, why) => {
    const parsed = JSON.parse(reportToJson(withLastVerdict(judgedReport(), { why }))) as unknown;
    expect(validate(parsed)).toBe(false);
  });
});
