// Strategy ab (issue 15) end to end through execute() on the embedded mesh: the A/B route
// sends the requests with `x-user: beta` to the canary while the load sends them as 30% of its
// requests; the canary is judged on them against stable for `iterations` windows, then the
// weights follow with the A/B route kept until 100%. A bad canary is rolled back by the first
// A/B window, the route removed in the same write; a rerun with another strategy is refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { dump } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/markdown.js';
import { reportToJson } from '../src/report/json.js';
import { inserted, startHarness, type Harness } from './strategy-promote-support.js';

let h: Harness | null = null;
let h2: Harness | null = null;
afterEach(async () => {
  await h?.close();
  await h2?.close();
  h = null;
  h2 = null;
});

const AB = { strategy: 'ab', match: 'header:x-user=beta', iterations: '2', steps: '50,100' };

describe('strategy ab on a VirtualService', () => {
  it('judges the matching requests on the canary twice, then walks the weights and promotes', async () => {
    h = await startHarness({});
    const r = await h.run(AB);
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    expect(r.state?.phase).toBe('promoted');
    // Every write: A/B windows at 0% with the A/B route, 50% with it, 100% without it.
    const seq = r.writes.map((w) => `${w.canary}${inserted(w).length ? `+${inserted(w).join('+')}` : ''}`);
    const firstAb = seq.indexOf('0+ab');
    expect(firstAb, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(firstAb), seq.join(' ')).toEqual(['0+ab', '0+ab', '50+ab', '100', '100']);
    // The two A/B windows: the canary got the matching requests, stable the rest.
    const ab = r.state!.history.filter((x) => x.stage === 'ab');
    expect(ab.map((x) => x.label)).toEqual([
      'A/B 1/2: header:x-user=beta → canary',
      'A/B 2/2: header:x-user=beta → canary',
    ]);
    for (const x of ab) {
      expect(x.verdict.outcome).toBe('pass');
      const c = x.verdict.canary!.requests;
      const s = x.verdict.stable!.requests;
      // 30% of the load matches: the canary's share of the window's requests is about that.
      expect(c / (c + s)).toBeGreaterThan(0.2);
      expect(c / (c + s)).toBeLessThan(0.4);
    }
    expect(r.state!.strategy).toMatchObject({ strategy: 'ab', passed: 2, iterations: 2 });
    expect(r.report?.strategy?.lines.join('\n')).toContain(
      'A/B: requests with header:x-user=beta (30% of the load, sent with x-user: beta) → canary',
    );
    expect(r.final!.routes.some((n) => n.includes('-istio-canary-'))).toBe(false);
    // The PR comment: the strategy line, and the A/B windows named in the steps table.
    const md = renderReport(r.report!);
    expect(md).toContain('**Strategy:** A/B: requests with header:x-user=beta (30% of the load');
    expect(md).toMatch(/\| 1 \| A\/B 1\/2: header:x-user=beta → canary \|/);
    expect(md).toMatch(/\| 1 \| 50% \|/);
    // The report JSON of a strategy run validates against the documented schema.
    const schema = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '..', 'docs', 'report.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const json = JSON.parse(reportToJson(r.report!)) as unknown;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a bad canary fails the first A/B window: rolled back in one write that removes the A/B route', async () => {
    h = await startHarness({ 'sim.istio-canary.dev/error-rate': '40%' });
    const r = await h.run(AB);
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(r.state?.reason).toMatch(/^A\/B 1\/2: header:x-user=beta → canary failed: /);
    expect(Math.max(...r.writes.map((w) => w.canary))).toBe(0);
    const withAb = r.writes.filter((w) => inserted(w).includes('ab'));
    expect(withAb.length).toBeGreaterThan(0);
    // The write after the last one with the A/B route is the rollback: route gone, state rolled back.
    const last = r.writes.at(-1)!;
    expect(inserted(last)).toEqual([]);
    expect(last.phase).toBe('rolled-back');
    expect(r.writes.indexOf(withAb.at(-1)!)).toBe(r.writes.length - 2);
  });

  it('step holds after one A/B window; a rerun with strategy blue-green is refused naming both; status shows the stage', async () => {
    h = await startHarness({});
    const one = await h.run({ ...AB, command: 'step' });
    expect(one.exitCode, one.log.join('\n')).toBe(0);
    expect(one.state?.phase).toBe('held');
    expect(one.state?.strategy).toMatchObject({ passed: 1, on: true });
    expect(inserted(one.final!)).toEqual(['ab']);
    const before = h.mesh.api.requests.length;
    const other = await h.run({ strategy: 'blue-green', 'preview-header': 'x-preview=1', command: 'run' });
    expect(`${other.error}`).toContain(
      'the promotion under way uses strategy ab (header:x-user=beta); this run asks for strategy blue-green (header:x-preview=1)',
    );
    const writes = h.mesh.api.requests
      .slice(before)
      .filter((e) => ['create', 'update', 'patch', 'delete'].includes(e.verb) && e.query.dryRun !== 'All');
    expect(writes.filter((e) => e.resource === 'virtualservices')).toEqual([]);
    const status = await h.run({ ...AB, command: 'status' });
    expect(status.log.join('\n')).toContain(
      'held: strategy ab (header:x-user=beta), 1/2 A/B window(s) passed (A/B route on), canary at 0%',
    );
    // The rest resumes at A/B 2/2 and finishes.
    const rest = await h.run(AB);
    expect(rest.exitCode, rest.log.join('\n')).toBe(0);
    expect(rest.state?.phase).toBe('promoted');
    expect(rest.state!.history.filter((x) => x.stage === 'ab').map((x) => x.step)).toEqual([1, 2]);
  });

  it('rollback during the A/B windows removes the A/B route in one write; promote after one window goes to 100% without it', async () => {
    h = await startHarness({});
    const held = await h.run({ ...AB, command: 'step' });
    expect(inserted(held.final!)).toEqual(['ab']);
    const back = await h.run({ command: 'rollback' });
    expect(back.exitCode, back.log.join('\n')).toBe(0);
    expect(back.writes).toHaveLength(1);
    expect(back.writes[0]).toMatchObject({ canary: 0, phase: 'rolled-back' });
    expect(inserted(back.writes[0]!)).toEqual([]);

    h2 = await startHarness({});
    const again = await h2.run({ ...AB, command: 'step' });
    expect(inserted(again.final!)).toEqual(['ab']);
    // promote skips the remaining A/B window: all traffic to the canary, the A/B route gone.
    const promoted = await h2.run({ command: 'promote', finalize: 'keep' });
    expect(promoted.exitCode, promoted.log.join('\n')).toBe(0);
    expect(promoted.state?.phase).toBe('promoted');
    expect(promoted.final).toMatchObject({ canary: 100 });
    expect(inserted(promoted.final!)).toEqual([]);
  });

  it('a failing pre-rollout gate runs before the first A/B window: rolled back with no A/B route ever written', async () => {
    h = await startHarness({});
    const gates = dump([
      { name: 'smoke', when: 'pre-rollout', run: [process.execPath, '-e', 'process.exit(3)'] },
    ]);
    const r = await h.run({ ...AB, gates });
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(r.state?.reason).toMatch(
      /^A\/B 1\/2: header:x-user=beta → canary: gate smoke \(pre-rollout\) failed: exit code 3/,
    );
    expect(r.writes.some((w) => inserted(w).length > 0)).toBe(false);
    expect(r.state!.history).toEqual([]);
  });
});
