// The latency/error profile annotations and the pure pieces of routing (no sockets needed here).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LATENCY,
  SLOW_TAG_LATENCY,
  imageTag,
  parseDurationMs,
  parseLatency,
  parseRate,
  profileFor,
  sampleLatency,
} from '../src/sim/dataplane/profile.js';
import { createRng } from '../src/sim/dataplane/rng.js';
import { hostAliases, normalizeHost, serviceFqdnCandidates } from '../src/sim/dataplane/routes.js';
import { percentile } from './sim-dataplane-fixtures.js';

describe('latency annotation', () => {
  it('parses p50/p99 into a log-normal and a single duration into a constant', () => {
    expect(parseLatency('p50=20ms,p99=80ms')).toMatchObject({ kind: 'lognormal', p50: 20, p99: 80 });
    expect(parseLatency(' p99=1s , p50=250ms ')).toMatchObject({ kind: 'lognormal', p50: 250, p99: 1000 });
    expect(parseLatency('15ms')).toEqual({ kind: 'constant', ms: 15 });
    expect(parseLatency('p50=7')).toEqual({ kind: 'constant', ms: 7 });
    expect(parseLatency('0')).toEqual({ kind: 'constant', ms: 0 });
  });

  it('rejects malformed values and a p99 below the p50', () => {
    for (const bad of [
      '',
      'fast',
      'p50=20ms,p99=10ms',
      'p95=20ms',
      'p50=20ms,p50=30ms',
      'p50=x',
      'p99=80ms',
      'p50=-1ms',
    ]) {
      expect(parseLatency(bad), bad).toBeUndefined();
    }
  });

  it('draws samples whose p50 and p99 are the configured ones (200,000 seeded draws, ±3%)', () => {
    const model = parseLatency('p50=20ms,p99=80ms');
    if (!model) throw new Error('unparsed');
    const rng = createRng(1);
    const draws = Array.from({ length: 200_000 }, () => sampleLatency(model, rng)).sort((a, b) => a - b);
    expect(Math.abs(percentile(draws, 0.5) / 20 - 1)).toBeLessThan(0.03);
    expect(Math.abs(percentile(draws, 0.99) / 80 - 1)).toBeLessThan(0.03);
  });

  it('is reproducible for a seed', () => {
    const model = SLOW_TAG_LATENCY;
    const a = createRng(9);
    const b = createRng(9);
    const xs = Array.from({ length: 5 }, () => sampleLatency(model, a));
    expect(Array.from({ length: 5 }, () => sampleLatency(model, b))).toEqual(xs);
  });
});

describe('durations, rates, image tags', () => {
  it('reads Go-style durations in milliseconds', () => {
    expect([
      parseDurationMs('500us'),
      parseDurationMs('20ms'),
      parseDurationMs('1.5s'),
      parseDurationMs('2m'),
    ]).toEqual([0.5, 20, 1500, 120_000]);
    expect(parseDurationMs('2h')).toBeUndefined();
  });

  it('reads percentages and fractions, rejecting values outside [0, 1]', () => {
    expect([parseRate('5%'), parseRate('0.05'), parseRate('100%'), parseRate('0')]).toEqual([
      0.05, 0.05, 1, 0,
    ]);
    for (const bad of ['', '%', '150%', '-1%', 'lots']) expect(parseRate(bad), bad).toBeUndefined();
  });

  it('finds the image tag, ignoring registry ports and digests', () => {
    expect(imageTag('stefanprodan/podinfo:6.0.0')).toBe('6.0.0');
    expect(imageTag('localhost:5000/podinfo')).toBeUndefined();
    expect(imageTag('localhost:5000/podinfo:slow-1')).toBe('slow-1');
    expect(imageTag('podinfo:1.2@sha256:abc')).toBe('1.2');
  });
});

describe('profile of a Deployment', () => {
  it('uses the annotations, else the image tag shortcuts, else the default', () => {
    const annotated = profileFor(
      {
        'sim.istio-canary.dev/latency': '30ms',
        'sim.istio-canary.dev/error-rate': '2%',
        'sim.istio-canary.dev/error-code': '503',
      },
      'podinfo:slow',
    );
    expect(annotated).toMatchObject({
      latency: { kind: 'constant', ms: 30 },
      errorRate: 0.02,
      errorCode: 503,
      problems: [],
    });
    expect(profileFor({}, 'podinfo:6.1.0-slow-fail')).toMatchObject({
      latency: SLOW_TAG_LATENCY,
      errorRate: 0.2,
    });
    expect(profileFor({}, 'podinfo:6.1.0')).toMatchObject({
      latency: DEFAULT_LATENCY,
      errorRate: 0,
      errorCode: 500,
    });
  });

  it('reports malformed annotations and keeps the default for them', () => {
    const p = profileFor(
      { 'sim.istio-canary.dev/latency': 'soon', 'sim.istio-canary.dev/error-rate': 'many' },
      undefined,
    );
    expect(p.latency).toEqual(DEFAULT_LATENCY);
    expect(p.errorRate).toBe(0);
    expect(p.problems).toHaveLength(2);
    expect(p.problems[0]).toContain('"soon"');
  });
});

describe('host names', () => {
  it('strips the port and trailing dot, and keeps IPv6 literals whole', () => {
    expect(normalizeHost('Podinfo.Test:9898')).toBe('podinfo.test');
    expect(normalizeHost('example.com.')).toBe('example.com');
    expect(normalizeHost('[::1]:8080')).toBe('[::1]');
    expect(normalizeHost(undefined)).toBe('');
  });

  it('gives a short VirtualService host the aliases of its namespace, and leaves external hosts alone', () => {
    expect(hostAliases('podinfo', 'test')).toEqual([
      'podinfo',
      'podinfo.test',
      'podinfo.test.svc',
      'podinfo.test.svc.cluster.local',
    ]);
    expect(hostAliases('podinfo.test.svc.cluster.local', 'other')).toContain('podinfo.test');
    expect(hostAliases('podinfo.co.uk', 'test')).toEqual(['podinfo.co.uk']);
  });

  it('resolves destination hosts relative to the VirtualService namespace', () => {
    expect(serviceFqdnCandidates('podinfo', 'test')).toEqual(['podinfo.test.svc.cluster.local']);
    expect(serviceFqdnCandidates('podinfo.prod', 'test')).toContain('podinfo.prod.svc.cluster.local');
    expect(serviceFqdnCandidates('podinfo.prod.svc', 'test')).toEqual(['podinfo.prod.svc.cluster.local']);
  });
});
