// Real `hey` (Debian package hey) against the ingress: the 90/10 weighted split and per-version latency.
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import { ROUTE_HEADER, percentile, podinfoSeed, run, toSubset } from './sim-dataplane-fixtures.js';

const PROFILES = {
  ga: { p50: 20, p99: 60 },
  canary: { p50: 40, p99: 120 },
} as const;
const annotations = (p: { p50: number; p99: number }) => ({
  'sim.istio-canary.dev/latency': `p50=${p.p50}ms,p99=${p.p99}ms`,
});
const PIN_HEADER = 'x-pin-version';

let plane: DataPlane;
let tap: Server;
let tapUrl: string;
const tapAgent = new Agent({ keepAlive: true, maxSockets: 128 });
/** Responses seen by the tap, by the value of ROUTE_HEADER. */
const counted = new Map<string, number>();

beforeAll(async () => {
  const pinned = (version: 'ga' | 'canary') => ({
    name: `pinned-${version}`,
    match: [{ headers: { [PIN_HEADER]: { exact: version } } }],
    route: [toSubset(version)],
  });
  const config = createMemoryConfigSource(
    podinfoSeed({
      ga: annotations(PROFILES.ga),
      canary: annotations(PROFILES.canary),
      http: [
        pinned('ga'),
        pinned('canary'),
        { name: 'primary', route: [toSubset('ga', 90), toSubset('canary', 10)] },
      ],
    }),
  );
  plane = await startDataPlane({ config, seed: 7 });
  const ingress = new URL(plane.ingressUrl);

  // hey prints no response headers, so it talks through this tap, which counts them as the action's
  // load generator does (by the header each weighted destination sets) and passes everything on.
  tap = createServer((req, res) => {
    const up = httpRequest(
      {
        agent: tapAgent,
        host: ingress.hostname,
        port: ingress.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (upRes) => {
        const v = String(upRes.headers[ROUTE_HEADER] ?? 'none');
        counted.set(v, (counted.get(v) ?? 0) + 1);
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => tap.listen(0, '127.0.0.1', resolve));
  tapUrl = `http://127.0.0.1:${(tap.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tapAgent.destroy();
  await new Promise<void>((resolve) => {
    tap.close(() => resolve());
    tap.closeAllConnections();
  });
  await plane.close();
});

interface HeyRow {
  seconds: number;
  status: number;
}

function parseHeyCsv(stdout: string): HeyRow[] {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^response-time,.*status-code/);
  const header = (lines[0] ?? '').split(',');
  const timeCol = header.indexOf('response-time');
  const codeCol = header.indexOf('status-code');
  return lines.slice(1).map((l) => {
    const cols = l.split(',');
    return { seconds: Number(cols[timeCol]), status: Number(cols[codeCol]) };
  });
}

describe('hey against the ingress', () => {
  it('splits 10,000 requests 90/10 within ±2 percentage points, counted by the destination response header', async () => {
    const r = await run('hey', ['-n', '10000', '-c', '50', '-host', 'podinfo.co.uk', `${tapUrl}/`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[200\]\s+10000 responses/);
    const ga = counted.get('ga') ?? 0;
    const canary = counted.get('canary') ?? 0;
    expect(ga + canary).toBe(10_000);
    expect(Math.abs((canary / 10_000) * 100 - 10)).toBeLessThanOrEqual(2);
    expect(Math.abs((ga / 10_000) * 100 - 90)).toBeLessThanOrEqual(2);

    // The destination sidecars' metrics saw the same split.
    const metrics = await (await fetch(plane.metricsUrl)).text();
    const total = (version: string): number =>
      [...metrics.matchAll(/^istio_requests_total\{reporter="destination",([^}]*)\} (\d+)$/gm)]
        .filter((m) => m[1]?.includes(`destination_version="${version}"`))
        .reduce((sum, m) => sum + Number(m[2]), 0);
    expect([total('ga'), total('canary')]).toEqual([ga, canary]);
  });

  for (const version of ['ga', 'canary'] as const) {
    it(`measures ${version}'s configured latency profile (p50 ${PROFILES[version].p50}ms, p99 ${PROFILES[version].p99}ms) in hey's own timings`, async () => {
      // The data plane shares this process: its event-loop delay is latency hey sees on top of the profile.
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const r = await run('hey', [
        '-cpus',
        '1',
        '-n',
        '2000',
        '-c',
        '10',
        '-o',
        'csv',
        '-host',
        'podinfo',
        '-H',
        `${PIN_HEADER}: ${version}`,
        `${plane.ingressUrl}/`,
      ]);
      loop.disable();
      const lagMean = loop.mean / 1e6;
      const lagTail = loop.percentile(99.9) / 1e6;
      expect(r.code, r.stderr).toBe(0);
      const rows = parseHeyCsv(r.stdout);
      expect(rows).toHaveLength(2000);
      expect(rows.every((row) => row.status === 200)).toBe(true);
      const ms = rows.map((row) => row.seconds * 1000).sort((a, b) => a - b);
      const { p50, p99 } = PROFILES[version];
      // Tolerances: sampling error of 2,000 draws (p50 ±~2%, p99 ±~8%), the ingress and loopback
      // overhead (~1 ms), plus the delay this process's event loop measured during the run: on a busy
      // machine stalls add to every latency hey sees (never subtract), on an idle one they are ~1 ms.
      const lag = `event-loop delay mean ${lagMean.toFixed(1)} ms, p99.9 ${lagTail.toFixed(1)} ms`;
      expect(percentile(ms, 0.5), lag).toBeGreaterThan(p50 * 0.9);
      expect(percentile(ms, 0.5), lag).toBeLessThan(p50 * 1.1 + 2 + 2 * lagMean);
      expect(percentile(ms, 0.99), lag).toBeGreaterThan(p99 * 0.85);
      expect(percentile(ms, 0.99), lag).toBeLessThan(p99 * 1.2 + 5 + lagTail);
    });
  }
});
