// The probe's pure parts: which Service a destination host names, which hosts a gateway serves,
// and the default load-host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultLoadHost,
  destinationHosts,
  gatewayServes,
  serviceOf,
  unprovenMeasurement,
} from '../src/promote/probe.js';

describe('serviceOf', () => {
  it('resolves the Kubernetes forms of a host, relative to the VirtualService namespace', () => {
    expect(serviceOf('podinfo', 'test')).toEqual({ name: 'podinfo', namespace: 'test' });
    expect(serviceOf('podinfo.other', 'test')).toEqual({ name: 'podinfo', namespace: 'other' });
    expect(serviceOf('podinfo.other.svc', 'test')).toEqual({ name: 'podinfo', namespace: 'other' });
    expect(serviceOf('podinfo.other.svc.cluster.local', 'test')).toEqual({
      name: 'podinfo',
      namespace: 'other',
    });
    expect(serviceOf('podinfo.other.svc.corp.internal', 'test')).toEqual({
      name: 'podinfo',
      namespace: 'other',
    });
  });

  it('leaves hosts outside the cluster (ServiceEntry) and malformed ones unchecked', () => {
    expect(serviceOf('api.example.com', 'test')).toBeNull();
    expect(serviceOf('podinfo..svc', 'test')).toBeNull();
    expect(serviceOf('.podinfo', 'test')).toBeNull();
  });

  it('never throws, and a result always names a non-empty Service and namespace (property)', () => {
    fc.assert(
      fc.property(fc.string(), (host) => {
        const r = serviceOf(host, 'ns');
        return r === null || (r.name !== '' && r.namespace !== '');
      }),
    );
  });
});

describe('gatewayServes', () => {
  it('matches exact hosts, wildcards and namespace-scoped hosts', () => {
    expect(gatewayServes('podinfo.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('PODINFO.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('podinfo.co.uk', 'podinfo', 'test')).toBe(false);
    expect(gatewayServes('*', 'anything', 'test')).toBe(true);
    expect(gatewayServes('*.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('*.co.uk', 'co.uk', 'test')).toBe(false);
    expect(gatewayServes('test/podinfo.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('./podinfo.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('*/podinfo.co.uk', 'podinfo.co.uk', 'test')).toBe(true);
    expect(gatewayServes('other/podinfo.co.uk', 'podinfo.co.uk', 'test')).toBe(false);
  });
});

describe('defaultLoadHost', () => {
  it('is the one exact host the gateways serve; none when there are several or none', () => {
    expect(defaultLoadHost(['podinfo.co.uk'])).toBe('podinfo.co.uk');
    expect(defaultLoadHost(['a.example', 'b.example'])).toBeNull();
    expect(defaultLoadHost([])).toBeNull();
    expect(defaultLoadHost(null)).toBeNull();
    expect(defaultLoadHost(['*.example.com'])).toBeNull();
  });

  it('with a gateway serving `*`, the short mesh name does not count against the one domain', () => {
    expect(defaultLoadHost(['podinfo', 'podinfo.co.uk'])).toBe('podinfo.co.uk');
    expect(defaultLoadHost(['podinfo', 'podinfo.co.uk', 'www.podinfo.co.uk'])).toBeNull();
  });
});

describe('destinationHosts', () => {
  it('lists the stepped route’s destination hosts once each, ignoring junk', () => {
    const vs = {
      spec: {
        http: [
          { route: [{ destination: { host: 'a' } }] },
          {
            route: [
              { destination: { host: 'b', subset: 'v1' } },
              { destination: { host: 'b', subset: 'v2' } },
              { destination: { host: 'c' } },
              { destination: {} },
              'oops',
            ],
          },
        ],
      },
    };
    expect(destinationHosts(vs, 1)).toEqual(['b', 'c']);
    expect(destinationHosts(vs, 5)).toEqual([]);
    expect(destinationHosts({ spec: { http: 'oops' } }, 0)).toEqual([]);
  });
});

describe('unprovenMeasurement', () => {
  const logger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  };
  const failingKube = {
    get: () => Promise.reject(new Error('the probe read the cluster')),
    list: () => Promise.reject(new Error('the probe read the cluster')),
  };
  const input = {
    kube: failingKube,
    metrics: {},
    virtualService: { spec: { http: [{ route: [{ destination: { host: 'podinfo' } }] }] } },
    routeIndex: 0,
    namespace: 'test',
    stableWorkload: 'podinfo-primary',
    liveWeight: 0,
    signal: new AbortController().signal,
    logger,
  };

  it('does not probe when nothing moves: a rollback write, a stop, a measure of the current weight', async () => {
    for (const first of [
      { state: { phase: 'rolled-back', weight: 0 }, action: { type: 'write' } },
      { state: { phase: 'in-progress', weight: 10 }, action: { type: 'stop' } },
      { state: { phase: 'in-progress', weight: 10 }, action: { type: 'measure' } },
      { state: { phase: 'promoting', weight: 100 }, action: { type: 'write' } },
    ])
      expect(await unprovenMeasurement(first, { ...input, liveWeight: 10 })).toBeNull();
  });

  it('probes before the first weight, and a cluster it cannot read is named, not a crash', async () => {
    const first = { state: { phase: 'in-progress', weight: 10 }, action: { type: 'write' } };
    expect(await unprovenMeasurement(first, input)).toEqual({
      type: 'error',
      message: 'before any traffic moved, the measurement could not be checked: the probe read the cluster',
    });
  });

  it('a cancellation during the probe is a cancellation (on-cancel applies), not an error', async () => {
    const controller = new AbortController();
    const kube = {
      get: () => {
        controller.abort(new Error('SIGTERM'));
        return Promise.reject(new Error('aborted'));
      },
      list: () => Promise.reject(new Error('aborted')),
    };
    const first = { state: { phase: 'in-progress', weight: 10 }, action: { type: 'write' } };
    expect(await unprovenMeasurement(first, { ...input, kube, signal: controller.signal })).toEqual({
      type: 'cancelled',
      why: 'cancelled before any traffic moved (SIGTERM)',
    });
  });
});
