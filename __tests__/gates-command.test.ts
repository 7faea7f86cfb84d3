// A command gate's run on its own (runGates with real processes): a gate past its timeout is
// stopped with what it printed named; a gate that prints megabytes has its log bounded and its
// tail kept; what it prints goes through the safe log path (workflow commands neutralised,
// secrets redacted, one line per line).
import process from 'node:process';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { LOGGED_BYTES } from '../src/gates/command.js';
import { type GateMoment, outputTail, runGates } from '../src/gates/run.js';
import { parseGates } from '../src/gates/spec.js';
import { safeLogger } from '../src/log.js';
import { secrets } from '../src/redact.js';

const NODE = process.execPath;

const moment: GateMoment = {
  phase: 'pre-rollout',
  command: 'run',
  namespace: 'shop',
  virtualService: 'app',
  route: '0',
  stableSubset: 'v1',
  canarySubset: 'v2',
  stableWorkload: 'app-v1',
  canaryWorkload: 'app-v2',
  canaryImage: null,
  weight: 0,
  nextWeight: 10,
  step: 1,
  steps: [10, 100],
  runId: 'local/pid-1/1/-/abcd',
  loadUrl: null,
  loadHost: null,
};

function sinkLogger() {
  const lines: string[] = [];
  const logger = safeLogger({
    info: (m) => void lines.push(...m.split('\n')),
    warning: (m) => void lines.push(...m.split('\n')),
    error: (m) => void lines.push(...m.split('\n')),
    debug: (m) => void lines.push(...m.split('\n')),
  });
  return { lines, logger };
}

function gate(code: string, extra: Record<string, unknown> = {}) {
  return parseGates(dump([{ name: 'g', when: 'pre-rollout', run: [NODE, '-e', code], ...extra }]))[0]!;
}

const run = (g: ReturnType<typeof gate>, logger = sinkLogger().logger, env: Record<string, string> = {}) =>
  runGates([g], moment, { logger, signal: new AbortController().signal, cwd: process.cwd(), env });

describe('a command gate', () => {
  it('past its timeout is stopped, and the failure names the timeout and the last output', async () => {
    const g = {
      ...gate("console.log('waiting for the canary'); setInterval(() => {}, 1000)"),
      timeoutMs: 300,
    };
    const v = await run(g);
    expect(v?.outcome).toBe('fail');
    expect(v?.reasons[0]?.message).toBe(
      'gate g (pre-rollout) did not end within its timeout 300ms and was stopped; last output: waiting for the canary',
    );
  });

  it('printing megabytes: the log gets at most LOGGED_BYTES of it and says how much more, the verdict its last lines', async () => {
    const { lines, logger } = sinkLogger();
    const g = gate(
      "for (let i = 1; i <= 200000; i++) process.stdout.write('output line ' + i + '\\n'); process.exitCode = 2",
    );
    const v = await run(g, logger);
    const shown = lines.filter((l) => l.startsWith('  > output line'));
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.join('\n').length).toBeLessThanOrEqual(LOGGED_BYTES + 1000);
    expect(shown.at(-1)).not.toBe('  > output line 200000');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}> \(\d+ more lines not shown in the log\)$/));
    expect(v?.reasons[0]?.message).toMatch(
      /^gate g \(pre-rollout\) failed: exit code 2 after \S+; last output: output line 199991 ⏎ .* ⏎ output line 200000$/,
    );
  });

  it('its output reaches the log through the safe path: no workflow command, no secret, one line per line', async () => {
    const secret = 'Zq8w-secret-token-4471xK';
    secrets.add(secret);
    const { lines, logger } = sinkLogger();
    const g = gate(
      "console.log('::set-output name=status::promoted'); console.log('token ' + process.env.TOKEN); console.error('a ##[error]b\\rstatus=promoted'); process.exit(1)",
    );
    const v = await run(g, logger, { TOKEN: secret });
    const text = lines.join('\n');
    expect(text).not.toContain(secret);
    expect(text).toContain('  > token ***');
    expect(lines.some((l) => /^\s*::/.test(l) || l.includes('##['))).toBe(false);
    expect(lines).not.toContain('status=promoted');
    expect(v?.reasons[0]?.message).not.toContain(secret);
    expect(v?.reasons[0]?.message).not.toMatch(/[\r\n]/);
  });

  it('outputTail keeps the last non-empty lines, one-lined and bounded', () => {
    expect(outputTail('a\n\nb\r\nc\n', 2)).toBe('b ⏎ c');
    expect(outputTail('x'.repeat(5000), 10, 100)).toBe(`…${'x'.repeat(100)}`);
    expect(outputTail('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
  });
});
