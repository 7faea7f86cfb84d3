// The markdown report (golden files), its escaping of user text and its length bound,
// and the CLI's terminal table.
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkerPart, safeUrl } from '../src/report/escape.js';
import {
  GITHUB_COMMENT_LIMIT,
  mermaidCharts,
  renderReport,
  renderTerminalTable,
} from '../src/report/markdown.js';
import {
  HOSTILE,
  heldReport,
  hostileReport,
  longReport,
  promotedReport,
  rolledBackReport,
} from './support/report-fixtures.js';

/** Table rows of a markdown document: lines starting with `|`, split on unescaped pipes. */
function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) => l.replace(/\\\|/g, '').split('|').slice(1, -1));
}

describe('golden reports', () => {
  it('renders a promoted canary', async () => {
    await expect(renderReport(promotedReport())).toMatchFileSnapshot('./golden/report-promoted.md');
  });

  it('renders a rolled-back canary with why', async () => {
    await expect(renderReport(rolledBackReport())).toMatchFileSnapshot('./golden/report-rolled-back.md');
  });

  it('renders a held manual promotion with how to continue', async () => {
    await expect(renderReport(heldReport())).toMatchFileSnapshot('./golden/report-held.md');
  });
});

describe('what a reviewer sees', () => {
  it('headers say the outcome: promoted, rolled back and why, held at N%', () => {
    expect(renderReport(promotedReport())).toMatch(/^## ✅ Canary promoted: test\/podinfo\n/);
    const rolled = renderReport(rolledBackReport());
    expect(rolled).toMatch(/^## ❌ Canary rolled back: test\/podinfo\n/);
    expect(rolled).toContain('**Why:** step 2 (60%) failed analysis');
    expect(renderReport(heldReport())).toMatch(/^## ⏸ Canary held at 60%: test\/podinfo\n/);
  });

  it('while running: in progress, or waiting for a manual command', () => {
    const running = { ...heldReport(), status: 'in-progress' as const, reason: null, nextCommands: [] };
    expect(renderReport(running)).toMatch(/^## 🔄 Canary in progress at 60%: test\/podinfo\n/);
    const waiting = { ...heldReport(), status: 'in-progress' as const, reason: null };
    expect(renderReport(waiting)).toMatch(/^## ⏸ Canary waiting at 60%: test\/podinfo\n/);
  });

  it('a promotion finalized to stable says so', () => {
    expect(renderReport(promotedReport())).toContain(
      "The canary reached 100% of traffic with every step passing (step 3 of 3).\nFinalized: stable now runs the canary's version",
    );
    const kept = renderReport({ ...promotedReport(), weight: 100 });
    expect(kept).not.toContain('Finalized');
  });

  it('the step table has one row per step with stable/canary latencies and the canary difference', () => {
    const rows = tableCells(renderReport(rolledBackReport()));
    const step2 = rows.find((r) => r[0]?.trim() === '2');
    expect(step2?.map((c) => c.trim())).toEqual([
      '2',
      '60%',
      '19s',
      '370 / 555',
      '20.0 / 30.0',
      '100% / 97.66%',
      '41.2 / 97.5 (+137%)',
      '88.0 / 240 (+173%)',
      '125 / 412 (+231%)',
      '❌ fail',
      'canary error rate 2.34% &gt; limit 1.00% (loadgen)<br>canary p99 412 ms vs stable 124.6 ms: +231% &gt; limit 25% (loadgen)',
    ]);
  });

  it('the how-to-continue section appears only for manual promotions', () => {
    const held = renderReport(heldReport());
    expect(held).toContain('### How to continue');
    expect(held).toContain('- `command: step`: measure this weight and advance to the next one');
    expect(held).toContain('- `command: promote`: send all traffic to the canary now and finalize');
    expect(held).toContain('- `command: rollback`: send all traffic back to stable');
    expect(renderReport(promotedReport())).not.toContain('How to continue');
  });

  it('links the workflow run', () => {
    expect(renderReport(promotedReport())).toContain(
      '[acme/podinfo run 4242](https://github.com/acme/podinfo/actions/runs/4242)',
    );
  });

  it('charts p99 and error rate per step: stable as bars, canary as a line', () => {
    const [p99, errors] = mermaidCharts(rolledBackReport().history);
    expect(p99).toContain('bar [13.9, 124.6]');
    expect(p99).toContain('line [14.8, 412]');
    expect(errors).toContain('bar [0, 0]');
    expect(errors).toContain('line [0, 2.342]');
  });
});

describe('user text is escaped', () => {
  const full = renderReport(hostileReport());
  // Outside the code span of the next command (checked on its own below), where markdown
  // shows text literally and nothing pings or runs.
  const md = full.replace(/^- (`{4}).*?\1$/gm, '');

  it('no raw HTML survives', () => {
    expect(md).not.toMatch(/<script|<img|<svg|<b>|<\/td>/i);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('no mention pings', () => {
    // Every @ is followed by a zero-width space entity.
    expect(md).not.toMatch(/@(?!&#8203;)/);
  });

  it('pipes cannot break the table: every row keeps 11 cells', () => {
    const rows = tableCells(md).filter((r) => r.length !== 3);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toHaveLength(11);
  });

  it('a newline in user text cannot start a heading or a new block', () => {
    expect(md).not.toMatch(/^#+ injected/m);
    expect(md).toContain('**route:** r\\|1 xychart-beta');
    // The only xychart-beta lines are the two chart blocks'.
    expect(md.match(/^xychart-beta$/gm)).toHaveLength(2);
    expect(md).toContain('\\#\\# injected heading');
  });

  it('nothing user-controlled reaches a mermaid block and code fences cannot be closed early', () => {
    const mermaidBlocks = [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    expect(mermaidBlocks).toHaveLength(2);
    // Same numbers as the plain rolled-back report, so the same blocks, byte for byte.
    expect(mermaidBlocks).toEqual(
      [...renderReport(rolledBackReport()).matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? ''),
    );
    expect(full).toContain(`\n- \`\`\`\`${HOSTILE.command}\`\`\`\`\n`);
  });

  it('a javascript: run URL is not linked', () => {
    // Only as escaped text (`\\[click\\](javascript:...)`), never as a link target.
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md).not.toContain('Workflow run');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://x.test/a(b)|c')).toBe('https://x.test/a%28b%29%7Cc');
  });

  it('escape helpers', () => {
    expect(escapeMarkdown('a|b @x <i>_y_</i> $z$')).toBe(
      'a\\|b @&#8203;x &lt;i&gt;\\_y\\_&lt;/i&gt; \\$z\\$',
    );
    expect(escapeMarkdown('x'.repeat(1000)).length).toBe(300);
    // Bidi overrides would reorder what a reviewer reads around the value ("Trojan source").
    expect(escapeMarkdown('podinfo\u202egnp.exe\u2066x\u2069')).toBe('podinfo gnp.exe x');
    expect(escapeMarkerPart('a --> b')).toBe('a%20-%2D%3E%20b');
  });
});

describe('long histories', () => {
  it('a 10,000-step history stays under the comment limit, with first and last steps and a collapsed count', () => {
    const report = longReport(10_000);
    const md = renderReport(report);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const steps = tableCells(md)
      .map((r) => r[0]?.trim() ?? '')
      .filter((c) => /^\d+$/.test(c) && c.length > 0);
    expect(steps.slice(0, 5)).toEqual(['1', '2', '3', '4', '5']);
    expect(steps.at(-1)).toBe('10000');
    expect(md).toMatch(/\*\*9,960 steps not shown\*\* \(6–9965: 9,858 pass, 102 inconclusive\)/);
    expect(md).toContain('updates not shown');
  });

  it('honours a tighter budget by showing fewer steps', () => {
    const md = renderReport(longReport(500), { maxChars: 8000 });
    expect(md.length).toBeLessThanOrEqual(8000);
    expect(md).toContain('steps not shown');
    expect(md).toContain('## ⏸ Canary held at 100%');
  });
});

describe('terminal table', () => {
  it('prints one aligned line per step plus why and next commands', () => {
    const out = renderTerminalTable(rolledBackReport());
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('istio-canary: ROLLED BACK test/podinfo (canary 0%, step 2/3)');
    expect(lines[1]).toMatch(/^step\s+weight\s+time\s+requests s\/c/);
    expect(lines[3]).toMatch(
      /^\s+2\s+60%\s+19s\s+370\/555\s+0\/13\s+41\.2\/97\.5\s+125\/412\s+\+231%\s+fail$/,
    );
    expect(lines[1]?.indexOf('verdict')).toBe(lines[2]?.indexOf('pass'));
    expect(out).toContain('why: step 2 (60%) failed analysis');
    expect(renderTerminalTable(heldReport())).toContain('next: command: step');
  });

  it('summarizes a 10,000-step history to the first and last steps', () => {
    const lines = renderTerminalTable(longReport(10_000)).trimEnd().split('\n');
    expect(lines).toContain('  … 9,960 steps not shown (in the report JSON) …');
    expect(lines.filter((l) => /^\s*\d+\s+\d+%/.test(l))).toHaveLength(40);
    expect(lines.some((l) => /^\s*10000\s+100%/.test(l))).toBe(true);
  });

  it('strips terminal escape sequences from user text', () => {
    const report = { ...heldReport(), virtualService: 'vs\u001b[2J\u001b]0;pwned\u0007' };
    const out = renderTerminalTable(report);
    expect(out.includes('\u001b') || out.includes('\u0007')).toBe(false);
  });
});

describe('events and notices', () => {
  it('shows restarts, take-overs and visible changes in the comment and the terminal table, escaped', () => {
    const report = {
      ...heldReport(),
      events: [
        {
          at: '2026-12-01T10:00:00.000Z',
          message: 'new canary image app:2 while held at 10%: restarted from step 1',
        },
        { at: '2026-12-01T10:05:00.000Z', message: 'took over weights changed by <b>kubectl-edit</b>' },
      ],
      notices: ['promote-stable renamed stable container app to web'],
    };
    const md = renderReport(report);
    expect(md).toContain('**Events**');
    expect(md).toContain('restarted from step 1');
    expect(md).toContain('⚠️ promote-stable renamed stable container app to web');
    expect(md).not.toContain('<b>kubectl-edit</b>');
    const table = renderTerminalTable(report);
    expect(table).toContain('notice: promote-stable renamed stable container app to web');
    expect(table).toContain('event: new canary image app:2 while held at 10%: restarted from step 1');
  });

  it('adds no events section when nothing happened besides steps', () => {
    expect(renderReport(heldReport())).not.toContain('**Events**');
  });
});
