// Two things the real kube-apiserver taught us (see __tests__/real-server-promotion.test.ts):
// server-side apply needs ports' protocol filled in, and a body the server cannot merge is a
// request error to report at once, not an outage to retry.
import { describe, expect, it } from 'vitest';
import { isRequestFault } from '../src/kube/client.js';
import { withDefaultProtocols } from '../src/kube/manifests.js';

describe('withDefaultProtocols', () => {
  it('fills TCP into Service ports and pod template container ports, keeps given protocols, leaves the input alone', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] },
    };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 9898 }] }] } },
      },
    };
    const before = JSON.stringify([service, deployment]);
    expect((withDefaultProtocols(service).spec as typeof service.spec).ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
    const d = withDefaultProtocols(deployment) as typeof deployment;
    expect(d.spec.template.spec.containers[0]!.ports).toEqual([{ containerPort: 9898, protocol: 'TCP' }]);
    expect(JSON.stringify([service, deployment])).toBe(before);
  });
});

describe('isRequestFault', () => {
  it('treats the server-side apply merge failure as the request’s fault and other 5xx as retryable', () => {
    expect(
      isRequestFault(
        500,
        'failed to create typed patch object: .spec.ports: element 0: associative list with keys has an element that omits key field "protocol"',
      ),
    ).toBe(true);
    expect(isRequestFault(500, 'etcdserver: request timed out')).toBe(false);
    expect(isRequestFault(503, 'failed to create typed patch object')).toBe(false);
  });
});
