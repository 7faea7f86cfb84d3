// Number and duration formatting shared by the markdown and terminal renderers (pure).
import type { PromotionReport, VersionStats } from '../model.js';

export const DASH = '–';

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Milliseconds with precision that suits the magnitude: 0.42, 4.21, 42.1, 421. */
export function formatMs(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toString();
}

/** A fraction as a percentage: 1 → "100%", 0.99953 → "99.95%". */
export function formatFraction(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  const pct = value * 100;
  if (pct === 100 || pct === 0) return `${pct}%`;
  return `${pct.toFixed(2)}%`;
}

export function formatRate(value: number | null | undefined): string {
  return finite(value) ? value.toFixed(1) : DASH;
}

export function formatCount(value: number | null | undefined): string {
  return finite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}

/** Relative difference of canary against stable: "+18%", "−5%", "±0%", or "" when not computable. */
export function formatDelta(stable: number | null | undefined, canary: number | null | undefined): string {
  if (!finite(stable) || !finite(canary) || stable <= 0) return '';
  const pct = Math.round(((canary - stable) / stable) * 100);
  if (pct === 0) return '±0%';
  return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}

/** 850 → "850ms", 45_000 → "45s", 90_000 → "1m 30s", 3_723_000 → "1h 2m 3s". */
export function formatDuration(ms: number | null | undefined): string {
  if (!finite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h}h`);
  if (m > 0) parts.push(`${m}m`);
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join(' ');
}

/** Error rate of a window in percent (for the chart); 0 with no requests. */
export function errorRatePct(stats: VersionStats | null): number {
  if (stats === null || !finite(stats.requests) || stats.requests <= 0 || !finite(stats.errors)) return 0;
  return (stats.errors / stats.requests) * 100;
}

/** A number for a mermaid data list: finite, short; a missing sample is plotted as 0. */
export function chartNumber(value: number | null | undefined): string {
  if (!finite(value)) return '0';
  return Number(value.toFixed(value < 10 ? 3 : 1)).toString();
}

export function durationBetween(startIso: string, endIso: string): number | null {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : null;
}

/**
 * The canary failed: rolled back, or held because its last step did not pass (a promotion held
 * on purpose, by `step` or a schedule ending below 100, ends with a passing step).
 */
export function isFailure(report: Pick<PromotionReport, 'status' | 'history'>): boolean {
  if (report.status === 'rolled-back') return true;
  return report.status === 'held' && (report.history.at(-1)?.verdict.outcome ?? 'pass') !== 'pass';
}
