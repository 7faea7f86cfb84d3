// The promotion report as GitHub markdown (PR comment and job summary) and as a compact
// terminal table (CLI). Pure: a PromotionReport in, a string out. The hidden sticky-comment
// marker is not added here (github.ts owns it).
import { WHY_MAX_CHARS, explainVerdict } from '../metrics/why.js';
import type { PromotionReport, StepRecord, VersionStats } from '../model.js';
import { secrets } from '../redact.js';
import { escapeMarkdown, escapeTerminal, safeUrl } from './escape.js';
import {
  DASH,
  chartNumber,
  durationBetween,
  errorRatePct,
  formatCount,
  formatDelta,
  formatDuration,
  formatFraction,
  formatMs,
  formatRate,
} from './format.js';

/** GitHub rejects comment bodies over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface RenderOptions {
  /** Upper bound of the output length; leaves room for the marker github.ts prepends. Default 60,000. */
  maxChars?: number;
  /** Most step rows shown before the history is summarized (first and last steps). Default 40. */
  maxSteps?: number;
}

const DEFAULT_MAX_CHARS = 60_000;
const DEFAULT_MAX_STEPS = 40;
const HEAD_STEPS = 5;

interface Layout {
  maxSteps: number;
  checks: boolean;
}

/**
 * The report as markdown. Secrets are redacted from the report before rendering (escaping must
 * not hide one from the redactor) and from the result.
 */
export function renderReport(unsafe: PromotionReport, options: RenderOptions = {}): string {
  return secrets.redact(renderUnsafe(secrets.redactDeep(unsafe), options));
}

function renderUnsafe(report: PromotionReport, options: RenderOptions): string {
  const maxChars = Math.min(options.maxChars ?? DEFAULT_MAX_CHARS, GITHUB_COMMENT_LIMIT);
  let layout: Layout = { maxSteps: Math.max(2, options.maxSteps ?? DEFAULT_MAX_STEPS), checks: true };
  // Shrink until it fits: fewer rows, then no per-step checks. Each step row is bounded
  // (escaped text is truncated), so this ends quickly.
  for (;;) {
    const text = render(report, layout);
    if (text.length <= maxChars) return text;
    if (layout.checks) layout = { ...layout, checks: false };
    else if (layout.maxSteps > 2)
      layout = { ...layout, maxSteps: Math.max(2, Math.floor(layout.maxSteps / 2)) };
    else return truncate(text, maxChars);
  }
}

function truncate(text: string, maxChars: number): string {
  const note = '\n\n_Report truncated to fit GitHub’s comment limit; the full data is in the report JSON._\n';
  return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}

/** The history rows to show: all, or the first and last steps around a collapsed count. */
function selectSteps<T>(items: readonly T[], max: number): { head: T[]; hidden: T[]; tail: T[] } {
  if (items.length <= max) return { head: [...items], hidden: [], tail: [] };
  const head = Math.min(HEAD_STEPS, Math.floor(max / 2));
  const tail = max - head;
  return {
    head: items.slice(0, head),
    hidden: items.slice(head, items.length - tail),
    tail: items.slice(-tail),
  };
}

function render(report: PromotionReport, layout: Layout): string {
  if (report.services?.length) return renderLockstep(report, layout);
  const parts = [
    header(report),
    facts(report),
    previewSection(report),
    strategySection(report),
    gitSection(report),
    eventsSection(report),
    stepsTable(report, layout),
    charts(report, layout),
    weightsApplied(report, layout),
    howToContinue(report),
    '<sub>istio-canary · report schema v1 · every step is in the <code>report-json</code> output</sub>',
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/**
 * A lockstep run (`services`): the run's status over a table of its services, then each
 * service's own report (its header one level down, named; its facts, steps and charts).
 */
function renderLockstep(report: PromotionReport, layout: Layout): string {
  const services = report.services ?? [];
  const names = services.map((s) => escapeMarkdown(s.name, 63)).join(', ');
  const icon = { promoted: '✅', 'rolled-back': '❌', held: '⏸', 'in-progress': '🔄' }[report.status];
  const rows = services.map(({ name, report: r }) => {
    const passed = r.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
    return `| ${escapeMarkdown(name, 63)} | ${target(r)} | ${escapeMarkdown(r.status, 20)} | ${r.weight}% | ${passed}/${r.steps.length} | ${r.reason ? escapeMarkdown(r.reason, 200) : DASH} |`;
  });
  const parts = [
    `## ${icon} Lockstep ${escapeMarkdown(report.status, 20)}: ${services.length} services (${names})`,
    'Each step wrote every route’s weight and judged every service; a failure of any rolls all back.',
    [
      '| Service | Route | Status | Canary | Steps passed | Why |',
      '|---|---|---|---:|---:|---|',
      ...rows,
    ].join('\n'),
    ...services.flatMap(({ name, report: r }) =>
      [
        header(r).replace(/^## /, `### ${escapeMarkdown(name, 63)}: `),
        facts(r),
        previewSection(r),
        strategySection(r),
        gitSection(r),
        eventsSection(r),
        stepsTable(r, layout),
        charts(r, layout),
      ].filter((p) => p !== ''),
    ),
    howToContinue(report),
    '<sub>istio-canary · report schema v1 · every step is in the <code>report-json</code> output</sub>',
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** What happened besides steps: restarts, take-overs, preemptions, visible changes (newest last, at most 10). */
function eventsSection(report: PromotionReport): string {
  const lines = [
    ...(report.notices ?? []).map((n) => `- ⚠️ ${escapeMarkdown(n, 300)}`),
    ...(report.events ?? [])
      .slice(-10)
      .map((e) => `- ${escapeMarkdown(e.at, 40)}: ${escapeMarkdown(e.message, 300)}`),
  ];
  return lines.length === 0 ? '' : ['**Events**', '', ...lines].join('\n');
}

function target(report: PromotionReport): string {
  return `${escapeMarkdown(report.namespace, 80)}/${escapeMarkdown(report.virtualService, 80)}`;
}

/**
 * Why a step did not pass, in one line: the why its measurement wrote, else (states written
 * before it existed, verdicts made elsewhere) one explained from its reasons now. Null for a pass.
 */
export function stepWhy(record: StepRecord): string | null {
  if (record.verdict.outcome === 'pass') return null;
  const stored = record.verdict.why;
  if (typeof stored === 'string' && stored !== '') return stored;
  return explainVerdict(record.verdict, { weight: record.weight, windowMs: record.verdict.durationMs });
}

/** The state's step counts completed steps; a step that failed shows only in the history. */
function stepReached(report: PromotionReport): number {
  return Math.max(report.step, report.history.at(-1)?.step ?? 0);
}

function header(report: PromotionReport): string {
  const total = report.steps.length;
  const where = `step ${stepReached(report)} of ${total}`;
  const waiting = report.nextCommands.length > 0;
  const lines: string[] = [];
  switch (report.status) {
    case 'promoted': {
      const reached = Math.max(
        0,
        ...report.history.map((r) => r.weight),
        ...report.weightsApplied.map((w) => w.canary),
      );
      lines.push(`## ✅ Canary promoted: ${target(report)}`);
      lines.push(
        report.command === 'promote'
          ? `Promoted on request (\`command: promote\`) after ${where}.`
          : `The canary reached ${reached}% of traffic with every step passing (${where}).`,
      );
      // promote-stable finalizes to canary 0%: stable now runs the canary's pod template.
      if (report.weight === 0)
        lines.push("Finalized: stable now runs the canary's version and takes all traffic.");
      break;
    }
    case 'rolled-back':
      lines.push(`## ❌ Canary rolled back: ${target(report)}`);
      lines.push(`All traffic is back on stable (canary 0%) after ${where}.`);
      break;
    case 'held':
      lines.push(`## ⏸ Canary held at ${report.weight}%: ${target(report)}`);
      lines.push(`The weights stay as they are (${where}) until someone continues or rolls back.`);
      break;
    case 'in-progress':
      if (waiting) {
        lines.push(`## ⏸ Canary waiting at ${report.weight}%: ${target(report)}`);
        lines.push(`Done with ${where}; the next step waits for a manual command (below).`);
      } else {
        lines.push(`## 🔄 Canary in progress at ${report.weight}%: ${target(report)}`);
        lines.push(`Measuring after ${where}; this comment updates after every step.`);
      }
      break;
  }
  if (report.reason !== null && report.reason !== '')
    lines.push('', `**Why:** ${escapeMarkdown(report.reason, 500)}`);
  const last = report.history.at(-1);
  if (last !== undefined && report.status !== 'promoted') {
    const why = stepWhy(last);
    if (why !== null)
      lines.push(
        '',
        `**Step ${last.step} at ${last.weight}%, in one line:** ${escapeMarkdown(why, WHY_MAX_CHARS)}`,
        '',
      );
    const failed = last.verdict.reasons.filter((r) => !r.ok);
    for (const r of failed.slice(0, 5)) lines.push(`- ❌ ${escapeMarkdown(r.message)}`);
  }
  return lines.join('\n');
}

function facts(report: PromotionReport): string {
  const lines: string[] = [];
  lines.push(
    `* **Canary image:** ${report.canaryImage === null ? DASH : escapeMarkdown(report.canaryImage, 200)}`,
  );
  lines.push(
    `* **Subsets:** stable ${escapeMarkdown(report.stableSubset, 80)}, canary ${escapeMarkdown(report.canarySubset, 80)}` +
      ` · **route:** ${escapeMarkdown(report.route, 80)} · **command:** ${escapeMarkdown(report.command, 40)}`,
  );
  const schedule =
    report.steps.length > 20 ? `${report.steps.length} steps` : report.steps.map((w) => `${w}%`).join(' → ');
  lines.push(`* **Schedule:** ${schedule} · **canary now:** ${report.weight}%`);
  const took = durationBetween(report.startedAt, report.endedAt);
  lines.push(
    `* **Time:** ${escapeMarkdown(report.startedAt, 40)} → ${escapeMarkdown(report.endedAt, 40)} (${formatDuration(took)})`,
  );
  const url = safeUrl(report.run.runUrl);
  if (url !== null) {
    const label =
      report.run.repository !== null && report.run.runId !== null
        ? `${escapeMarkdown(report.run.repository, 120)} run ${escapeMarkdown(report.run.runId, 40)}`
        : 'workflow run';
    lines.push(`* **Workflow run:** [${label}](${url})`);
  }
  return lines.join('\n');
}

function pair(stable: string, canary: string): string {
  return `${stable} / ${canary}`;
}

function latency(
  stable: VersionStats | null,
  canary: VersionStats | null,
  key: 'p50Ms' | 'p90Ms' | 'p99Ms',
): string {
  const s = stable?.[key] ?? null;
  const c = canary?.[key] ?? null;
  const delta = formatDelta(s, c);
  return `${pair(formatMs(s), formatMs(c))}${delta === '' ? '' : ` (${delta})`}`;
}

const VERDICT: Record<string, string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive' };

function reasonCell(record: StepRecord): string {
  const reasons = record.verdict.reasons;
  const failed = reasons.filter((r) => !r.ok);
  if (failed.length > 0)
    return failed
      .slice(0, 3)
      .map((r) => escapeMarkdown(r.message, 160))
      .join('<br>');
  if (record.verdict.outcome !== 'pass')
    return reasons.length === 0 ? 'no data' : escapeMarkdown(reasons[0]?.message ?? '', 160);
  return reasons.length === 0 ? DASH : `${reasons.length}/${reasons.length} checks passed`;
}

function stepRow(record: StepRecord): string {
  const { stable, canary } = record.verdict;
  const cells = [
    String(record.step),
    // A strategy's judged window (A/B, mirror, preview) says which, e.g. "A/B 1/2: header:x-user=beta → canary".
    record.stage ? escapeMarkdown(record.label ?? record.stage, 120) : `${record.weight}%`,
    formatDuration(record.verdict.durationMs),
    pair(formatCount(stable?.requests), formatCount(canary?.requests)),
    pair(formatRate(stable?.rps), formatRate(canary?.rps)),
    pair(formatFraction(stable?.successRate), formatFraction(canary?.successRate)),
    latency(stable, canary, 'p50Ms'),
    latency(stable, canary, 'p90Ms'),
    latency(stable, canary, 'p99Ms'),
    VERDICT[record.verdict.outcome] ?? escapeMarkdown(record.verdict.outcome, 20),
    reasonCell(record),
  ];
  return `| ${cells.join(' | ')} |`;
}

function hiddenRow(hidden: readonly StepRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of hidden) counts.set(r.verdict.outcome, (counts.get(r.verdict.outcome) ?? 0) + 1);
  const summary = [...counts.entries()]
    .map(([k, n]) => `${formatCount(n)} ${escapeMarkdown(k, 20)}`)
    .join(', ');
  const first = hidden[0]?.step ?? 0;
  const last = hidden.at(-1)?.step ?? 0;
  return `| ⋯ | | | | | | | | | | **${formatCount(hidden.length)} steps not shown** (${first}–${last}: ${summary}) |`;
}

function stepsTable(report: PromotionReport, layout: Layout): string {
  if (report.history.length === 0) return '_No step was measured yet._';
  const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
  const lines = [
    '### Steps',
    '',
    'Latencies in ms, stable / canary (Δ = canary against stable).',
    '',
    '| Step | Weight | Duration | Requests | Rate (req/s) | Success | p50 | p90 | p99 | Verdict | Reason |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
    ...head.map(stepRow),
  ];
  if (hidden.length > 0) lines.push(hiddenRow(hidden), ...tail.map(stepRow));
  const whys = [...head, ...tail].flatMap((r) => {
    const why = stepWhy(r);
    return why === null ? [] : [`- Step ${r.step} (${r.weight}%): ${escapeMarkdown(why, WHY_MAX_CHARS)}`];
  });
  if (whys.length > 0) lines.push('', '**Why steps did not pass**', '', ...whys);
  if (layout.checks) {
    const shown = [...head, ...tail];
    const checks = shown
      .filter((r) => r.verdict.reasons.length > 0)
      .map(
        (r) =>
          `- Step ${r.step} (${r.weight}%): ` +
          r.verdict.reasons.map((c) => `${c.ok ? '✅' : '❌'} ${escapeMarkdown(c.message, 200)}`).join('; '),
      );
    if (checks.length > 0)
      lines.push('', '<details><summary>Checks per step</summary>', '', ...checks, '', '</details>');
  }
  return lines.join('\n');
}

/**
 * Two xychart-beta blocks (p99 and error rate): stable as bars, canary as a line, since
 * xychart-beta draws no legend. Only generated numbers and fixed words go in: no user text
 * reaches mermaid, so nothing can inject directives into it.
 */
// Stable blue, canary red (GitHub's palette); a directive, which GitHub's mermaid honours.
const CHART_COLORS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e"}}}}%%';

export function mermaidCharts(history: readonly StepRecord[]): string[] {
  if (history.length === 0) return [];
  const weights = history.map((r) => r.weight);
  const unique = new Set(weights).size === weights.length;
  const labels = history.map((r) => `"${unique ? '' : `${r.step}: `}${r.weight}%"`).join(', ');
  const series = (pick: (s: VersionStats | null) => number | null) => (version: 'stable' | 'canary') =>
    `[${history.map((r) => chartNumber(pick(r.verdict[version]))).join(', ')}]`;
  const p99 = series((s) => s?.p99Ms ?? null);
  const err = series((s) => errorRatePct(s));
  const block = (title: string, yLabel: string, data: (v: 'stable' | 'canary') => string) =>
    [
      '```mermaid',
      CHART_COLORS,
      'xychart-beta',
      `  title "${title}"`,
      `  x-axis "canary weight" [${labels}]`,
      `  y-axis "${yLabel}"`,
      `  bar ${data('stable')}`,
      `  line ${data('canary')}`,
      '```',
    ].join('\n');
  return [block('p99 latency per step', 'p99 (ms)', p99), block('Error rate per step', 'errors (%)', err)];
}

function charts(report: PromotionReport, layout: Layout): string {
  if (report.history.length === 0) return '';
  const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
  const shown = [...head, ...tail];
  const note = hidden.length > 0 ? ` (the ${formatCount(shown.length)} steps shown above)` : '';
  return [
    `### Charts${note}`,
    '',
    'Blue bars: stable · red line: canary.',
    '',
    ...mermaidCharts(shown).join('\n\n').split('\n'),
  ].join('\n');
}

function weightsApplied(report: PromotionReport, layout: Layout): string {
  if (report.weightsApplied.length === 0) return '';
  const { head, hidden, tail } = selectSteps(report.weightsApplied, layout.maxSteps);
  const row = (w: { stable: number; canary: number; at: string }) =>
    `| ${w.stable}% | ${w.canary}% | ${escapeMarkdown(w.at, 40)} |`;
  const lines = [
    '### VirtualService weights applied',
    '',
    `${escapeMarkdown(report.stableSubset, 80)} (stable) / ${escapeMarkdown(report.canarySubset, 80)} (canary), in order:`,
    '',
    '| Stable | Canary | At |',
    '| ---: | ---: | :--- |',
    ...head.map(row),
  ];
  if (hidden.length > 0)
    lines.push(`| ⋯ | ⋯ | **${formatCount(hidden.length)} updates not shown** |`, ...tail.map(row));
  return lines.join('\n');
}

const NEXT_HELP: Record<string, string> = {
  step: 'measure this weight and advance to the next one',
  promote: 'send all traffic to the canary now and finalize',
  rollback: 'send all traffic back to stable',
};

/** Inline code that its content cannot close (a longer backtick run, padded as CommonMark wants). */
function codeSpan(text: string): string {
  const flat = escapeTerminal(text, 300);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space each side, which lets the content start or end with a backtick.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** finalize: git-pr: the pull request that brings Git up to the promotion, e.g. "Git: PR #7 updates podinfo-ga to …". */
function gitSection(report: PromotionReport): string {
  if (report.pullRequestError !== undefined)
    return `**Git:** ❌ ${escapeMarkdown(report.pullRequestError, 1000)}`;
  const pr = report.pullRequest;
  if (pr === undefined) return '';
  const url = safeUrl(pr.url);
  const label = `PR #${pr.number}`;
  const images = pr.images.map((i) => escapeMarkdown(i, 200)).join(', ');
  const how = pr.created ? 'opened' : pr.committed ? 'updated' : 'unchanged';
  return `**Git:** ${url === null ? label : `[${label}](${url})`} updates ${escapeMarkdown(pr.deployment, 120)} to ${images} (${how}; ${escapeMarkdown(pr.branch, 120)} → ${escapeMarkdown(pr.base, 120)})`;
}

/** The strategy (issue 15) and which requests reached the canary, e.g. "A/B: requests with header x-user=beta (30% of the load) → canary". */
function strategySection(report: PromotionReport): string {
  const s = report.strategy;
  if (s === undefined) return '';
  return s.lines.map((l) => `**Strategy:** ${escapeMarkdown(l, 500)}`).join('\n\n');
}

/** For a PR preview: the namespace and the ways to reach it. */
function previewSection(report: PromotionReport): string {
  const p = report.preview;
  if (!p) return '';
  // An external name (with a dot) is what reaches the ingress; a short name is mesh-internal.
  const host =
    p.hosts.find((h) => h.includes('.') && !h.includes('*')) ?? p.hosts.find((h) => !h.includes('*')) ?? null;
  const lines = [
    '### Preview environment',
    '',
    `Namespace ${codeSpan(p.namespace)}, removed when the PR closes.`,
    '',
  ];
  if (host && p.ingressUrl)
    lines.push(`- through the ingress: ${codeSpan(`curl -H 'Host: ${host}' ${p.ingressUrl}/`)}`);
  else if (host) lines.push(`- through your Istio ingress gateway with the Host header ${codeSpan(host)}`);
  if (p.portForward)
    lines.push(`- from your machine: ${codeSpan(`kubectl -n ${p.namespace} port-forward ${p.portForward}`)}`);
  return lines.join('\n');
}

function howToContinue(report: PromotionReport): string {
  if (report.nextCommands.length === 0) return '';
  const items = report.nextCommands.slice(0, 20).map((command) => {
    const verb = /\b(step|promote|rollback)\b/.exec(command)?.[1];
    const help = verb === undefined ? '' : `: ${NEXT_HELP[verb] ?? ''}`;
    return `- ${codeSpan(command)}${help}`;
  });
  return [
    '### How to continue',
    '',
    `The promotion waits at ${report.weight}%. Run the workflow again (workflow_dispatch) with one of:`,
    '',
    ...items,
  ].join('\n');
}

const STATUS_WORD: Record<string, string> = {
  promoted: 'PROMOTED',
  'rolled-back': 'ROLLED BACK',
  held: 'HELD',
  'in-progress': 'IN PROGRESS',
};

/** A compact fixed-width table for the CLI (no colours, no user-supplied escape sequences). */
export function renderTerminalTable(unsafe: PromotionReport): string {
  const report = secrets.redactDeep(unsafe);
  const title =
    `istio-canary: ${STATUS_WORD[report.status] ?? escapeTerminal(report.status, 20)} ` +
    `${escapeTerminal(report.namespace, 63)}/${escapeTerminal(report.virtualService, 63)} ` +
    `(canary ${report.weight}%, step ${stepReached(report)}/${report.steps.length})`;
  const head = [
    'step',
    'weight',
    'time',
    'requests s/c',
    'errors s/c',
    'p50 ms s/c',
    'p99 ms s/c',
    'Δp99',
    'verdict',
  ];
  const { head: first, hidden, tail } = selectSteps(report.history, DEFAULT_MAX_STEPS);
  const row = (r: StepRecord): string[] => {
    const { stable, canary } = r.verdict;
    return [
      String(r.step),
      `${r.weight}%`,
      formatDuration(r.verdict.durationMs),
      `${formatCount(stable?.requests)}/${formatCount(canary?.requests)}`,
      `${formatCount(stable?.errors)}/${formatCount(canary?.errors)}`,
      `${formatMs(stable?.p50Ms)}/${formatMs(canary?.p50Ms)}`,
      `${formatMs(stable?.p99Ms)}/${formatMs(canary?.p99Ms)}`,
      formatDelta(stable?.p99Ms, canary?.p99Ms) || DASH,
      escapeTerminal(r.verdict.outcome, 14),
    ];
  };
  const rows = [...first, ...tail].map(row);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [title, line(head), ...rows.slice(0, first.length).map(line)];
  if (hidden.length > 0)
    out.push(
      `  … ${formatCount(hidden.length)} steps not shown (in the report JSON) …`,
      ...rows.slice(first.length).map(line),
    );
  if (report.history.length === 0) out.push('(no step measured yet)');
  if (report.reason !== null && report.reason !== '') out.push(`why: ${escapeTerminal(report.reason, 300)}`);
  const last = report.history.at(-1);
  const lastWhy = last === undefined ? null : stepWhy(last);
  if (last !== undefined && lastWhy !== null)
    out.push(`step ${last.step}: ${escapeTerminal(lastWhy, WHY_MAX_CHARS)}`);
  for (const r of last?.verdict.reasons.filter((c) => !c.ok) ?? [])
    out.push(`  - ${escapeTerminal(r.message, 200)}`);
  for (const l of report.strategy?.lines ?? []) out.push(`strategy: ${escapeTerminal(l, 500)}`);
  for (const n of report.notices ?? []) out.push(`notice: ${escapeTerminal(n, 300)}`);
  for (const e of (report.events ?? []).slice(-10)) out.push(`event: ${escapeTerminal(e.message, 300)}`);
  for (const c of report.nextCommands) out.push(`next: ${escapeTerminal(c, 300)}`);
  if (report.pullRequestError !== undefined)
    out.push(`git: ${escapeTerminal(report.pullRequestError, 1000)}`);
  const pr = report.pullRequest;
  if (pr !== undefined)
    out.push(
      `git: PR #${pr.number} updates ${escapeTerminal(pr.deployment, 120)} to ${escapeTerminal(pr.images.join(', '), 300)}: ${escapeTerminal(pr.url, 300)}`,
    );
  if (report.run.runUrl !== null) out.push(`run: ${escapeTerminal(report.run.runUrl, 300)}`);
  return secrets.redact(`${out.join('\n')}\n`);
}
