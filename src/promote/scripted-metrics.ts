// A deterministic Metrics for tests and demos: verdicts come from a script, one per window.
// Each window lasts its configured interval (or until cancelled), like a real measurement.
import type { Metrics, Reason, StepWindow, Verdict, VerdictOutcome } from '../model.js';

export interface ScriptedMetricsOptions {
  /** One outcome per measured window, in order; after the end, `fallback` (default 'pass'). */
  script: readonly VerdictOutcome[];
  fallback?: VerdictOutcome;
  /** Called when a window starts (tests wait on it instead of sleeping). */
  onWindow?: (window: StepWindow) => void;
  /** Window length per step (default: the configured interval). */
  windowMs?: (window: StepWindow) => number;
}

export class ScriptedMetrics implements Metrics {
  readonly windows: StepWindow[] = [];
  private next = 0;

  constructor(private readonly options: ScriptedMetricsOptions) {}

  async measure(window: StepWindow): Promise<Verdict> {
    const outcome = this.options.script[this.next] ?? this.options.fallback ?? 'pass';
    this.next++;
    this.windows.push(window);
    this.options.onWindow?.(window);
    const started = Date.now();
    await new Promise<void>((resolve) => {
      if (window.signal.aborted) return resolve();
      const timer = setTimeout(done, this.options.windowMs?.(window) ?? window.intervalMs);
      function done() {
        clearTimeout(timer);
        window.signal.removeEventListener('abort', done);
        resolve();
      }
      window.signal.addEventListener('abort', done, { once: true });
    });
    const reason: Reason = {
      metric: 'script',
      value: this.next,
      limit: null,
      source: 'test',
      ok: outcome === 'pass',
      message: `scripted ${outcome} for step ${window.step} at ${window.weight}% (window ${this.next})`,
    };
    return { outcome, reasons: [reason], stable: null, canary: null, durationMs: Date.now() - started };
  }
}
