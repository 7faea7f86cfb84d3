// The gates of one weight increase, run in the order given until one fails: each command
// gate spawned (command.ts) with ISTIO_CANARY_* variables describing the moment, each webhook
// called (webhook.ts) with the JSON payload below. The result is a Verdict (src/model.ts) with
// one Reason per gate run (metric `gate:<name>`, source `gate`), so a failing gate is recorded
// in the step history and rolls back exactly like a failed check. Every text that leaves
// (log lines, the verdict's messages) is redacted: the gates' header secrets are registered
// with the Redactor before anything runs.
import { explainVerdict } from '../metrics/why.js';
import type { Logger } from '../ports.js';
import type { Reason, Verdict } from '../model.js';
import type { ProxyEnv } from '../http/proxy.js';
import { formatDuration } from '../input-parsers.js';
import { oneLine } from '../one-line.js';
import { redact, secrets } from '../redact.js';
import { withGroup } from '../log.js';
import { runCommand } from './command.js';
import { callWebhook } from './webhook.js';
import { type GatePhase, type GateSpec, describeGate, gatesOf, specSecrets } from './spec.js';

/** The moment a gate judges: the weight increase about to be written. */
export interface GateMoment {
  phase: GatePhase;
  /** The command running (run, step, promote). */
  command: string;
  namespace: string;
  virtualService: string;
  route: string;
  stableSubset: string;
  canarySubset: string;
  stableWorkload: string;
  canaryWorkload: string;
  canaryImage: string | null;
  /** The canary weight now (what the route sends it). */
  weight: number;
  /** The canary weight written if every gate passes. */
  nextWeight: number;
  /** The 1-based step whose weight is about to be written (promote: the last step at or below 100). */
  step: number;
  steps: readonly number[];
  /** This process's holder id (state.runId). */
  runId: string;
  /** The load target and its Host header, when known. */
  loadUrl: string | null;
  loadHost: string | null;
}

/**
 * The JSON a webhook gate receives (POST, content-type application/json). `name`,
 * `namespace`, `phase` and `metadata` are where Flagger's webhooks have them.
 */
export interface GatePayload extends Omit<GateMoment, 'steps'> {
  schemaVersion: 1;
  /** The gate's name. */
  name: string;
  steps: number[];
  metadata: Record<string, string>;
}

export interface GateDeps {
  logger: Logger;
  /** The run's cancel: a command is killed, a webhook call abandoned, and runGates throws its reason. */
  signal: AbortSignal;
  /** Where commands run (the workspace). */
  cwd: string;
  /** The environment commands inherit (process.env); INPUT_* (the action's inputs) is left out. */
  env: Readonly<Record<string, string | undefined>>;
  proxy?: ProxyEnv;
}

export function payloadOf(gate: GateSpec, m: GateMoment): GatePayload {
  return {
    schemaVersion: 1,
    name: gate.name,
    phase: m.phase,
    command: m.command,
    namespace: m.namespace,
    virtualService: m.virtualService,
    route: m.route,
    stableSubset: m.stableSubset,
    canarySubset: m.canarySubset,
    stableWorkload: m.stableWorkload,
    canaryWorkload: m.canaryWorkload,
    canaryImage: m.canaryImage,
    weight: m.weight,
    nextWeight: m.nextWeight,
    step: m.step,
    steps: [...m.steps],
    runId: m.runId,
    loadUrl: m.loadUrl,
    loadHost: m.loadHost,
    metadata: gate.kind === 'webhook' ? { ...gate.metadata } : {},
  };
}

/** The variables a command gate gets besides the job's environment (all strings; '' when unknown). */
export function gateEnv(gate: GateSpec, m: GateMoment): Record<string, string> {
  return {
    ISTIO_CANARY_GATE: gate.name,
    ISTIO_CANARY_PHASE: m.phase,
    ISTIO_CANARY_COMMAND: m.command,
    ISTIO_CANARY_NAMESPACE: m.namespace,
    ISTIO_CANARY_VIRTUAL_SERVICE: m.virtualService,
    ISTIO_CANARY_ROUTE: m.route,
    ISTIO_CANARY_STABLE_SUBSET: m.stableSubset,
    ISTIO_CANARY_CANARY_SUBSET: m.canarySubset,
    ISTIO_CANARY_STABLE_WORKLOAD: m.stableWorkload,
    ISTIO_CANARY_CANARY_WORKLOAD: m.canaryWorkload,
    ISTIO_CANARY_CANARY_IMAGE: m.canaryImage ?? '',
    ISTIO_CANARY_WEIGHT: String(m.weight),
    ISTIO_CANARY_NEXT_WEIGHT: String(m.nextWeight),
    ISTIO_CANARY_STEP: String(m.step),
    ISTIO_CANARY_STEPS: m.steps.join(','),
    ISTIO_CANARY_RUN_ID: m.runId,
    ISTIO_CANARY_LOAD_URL: m.loadUrl ?? '',
    ISTIO_CANARY_LOAD_HOST: m.loadHost ?? '',
  };
}

/** The job's environment without the action's inputs (INPUT_*: a kubeconfig, a token), plus the gate's variables. */
function childEnv(base: GateDeps['env'], extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !/^INPUT_/i.test(k)) out[k] = v;
  return { ...out, ...extra };
}

/** The last lines of an output, one-lined and redacted, at most `max` characters (its end kept): with the rest of the reason it fits the comment's 500-character "Why" line. */
export function outputTail(text: string, lines = 10, max = 400): string {
  const kept = text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .slice(-lines);
  let out = redact(oneLine(kept.join(' ⏎ ')));
  if (out.length > max) out = `…${out.slice(-max)}`;
  return out;
}

const reason = (gate: GateSpec, ok: boolean, value: number | null, message: string): Reason => ({
  metric: `gate:${gate.name}`,
  value,
  limit: null,
  source: 'gate',
  ok,
  message: redact(message),
});

async function runOne(gate: GateSpec, m: GateMoment, deps: GateDeps): Promise<Reason> {
  if (gate.kind === 'command') {
    const r = await runCommand(gate.run, {
      cwd: deps.cwd,
      env: childEnv(deps.env, gateEnv(gate, m)),
      timeoutMs: gate.timeoutMs,
      signal: deps.signal,
      logger: deps.logger,
    });
    if (deps.signal.aborted)
      throw deps.signal.reason instanceof Error ? deps.signal.reason : new Error('cancelled');
    const took = formatDuration(Math.max(1, Math.round(r.durationMs / 100) * 100));
    const tail = outputTail(r.tail);
    const last = tail ? `; last output: ${tail}` : '; no output';
    if (r.spawnError !== null)
      return reason(
        gate,
        false,
        null,
        `gate ${gate.name} (${m.phase}) could not start ${oneLine(gate.run[0]!)}: ${oneLine(r.spawnError)}`,
      );
    if (r.killedBy === 'timeout')
      return reason(
        gate,
        false,
        null,
        `gate ${gate.name} (${m.phase}) did not end within its timeout ${formatDuration(gate.timeoutMs)} and was stopped${last}`,
      );
    if (r.exitCode === 0) return reason(gate, true, 0, `gate ${gate.name} (${m.phase}) passed in ${took}`);
    const how = r.exitCode !== null ? `exit code ${r.exitCode}` : `killed by ${r.signal ?? 'a signal'}`;
    return reason(
      gate,
      false,
      r.exitCode,
      `gate ${gate.name} (${m.phase}) failed: ${how} after ${took}${last}`,
    );
  }
  const r = await callWebhook(gate, payloadOf(gate, m), {
    signal: deps.signal,
    ...(deps.proxy ? { proxy: deps.proxy } : {}),
    onRetry: (message, attempt, waitMs) =>
      deps.logger.info(
        `  > attempt ${attempt} of ${gate.retries + 1}: ${message}; trying again in ${waitMs} ms`,
      ),
  });
  const tries = r.attempts > 1 ? ` (${r.attempts} attempts)` : '';
  if (r.status === null)
    return reason(gate, false, null, `gate ${gate.name} (${m.phase}) failed: ${oneLine(r.detail)}${tries}`);
  const excerpt = r.detail
    ? `; body: ${r.detail.length > 300 ? `${r.detail.slice(0, 300)}…` : r.detail}`
    : '';
  if (r.status >= 200 && r.status < 300) {
    if (r.detail) deps.logger.info(`  > ${r.detail.slice(0, 500)}`);
    return reason(gate, true, r.status, `gate ${gate.name} (${m.phase}) passed: HTTP ${r.status}${tries}`);
  }
  return reason(
    gate,
    false,
    r.status,
    `gate ${gate.name} (${m.phase}) failed: HTTP ${r.status}${tries}${excerpt}`,
  );
}

/**
 * Runs the gates of `m.phase` in order, each in a log group, stopping at the first failure.
 * Returns null when there are none, else a Verdict (pass, or fail naming the gate). A cancel
 * throws the signal's reason once the running gate has been stopped.
 */
export async function runGates(
  gates: readonly GateSpec[],
  m: GateMoment,
  deps: GateDeps,
): Promise<Verdict | null> {
  const due = gatesOf(gates, m.phase);
  if (due.length === 0) return null;
  // Also registered by main.ts at start; again here for the CLI, tests and any other caller.
  for (const g of due) for (const s of specSecrets(g)) secrets.add(s);
  const started = Date.now();
  const reasons: Reason[] = [];
  for (const gate of due) {
    const r = await withGroup(
      deps.logger,
      `gate ${gate.name} (${m.phase}, before ${m.nextWeight}%): ${describeGate(gate)}`,
      async () => {
        const out = await runOne(gate, m, deps);
        deps.logger.info(out.message);
        return out;
      },
    );
    reasons.push(r);
    if (!r.ok) break;
  }
  const verdict: Verdict = {
    outcome: reasons.every((r) => r.ok) ? 'pass' : 'fail',
    reasons,
    stable: null,
    canary: null,
    durationMs: Date.now() - started,
  };
  const why = explainVerdict(verdict, { weight: m.nextWeight, windowMs: 0 });
  if (why !== null) verdict.why = why;
  return verdict;
}
