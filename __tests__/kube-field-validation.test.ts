// Unknown fields are never dropped in silence: every write of the Kubernetes client asks for
// strict field validation (a misspelled field is refused, naming it), and every `Warning`
// header an API server sends is logged as a warning naming the object. Driven through the real
// client against the embedded mesh and a loopback server that warns.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, KubeApiError } from '../src/kube/client.js';
import { parseWarnings } from '../src/kube/transport.js';
import { simKubeconfig } from '../src/sim/kubeconfig.js';
import { RecordingLogger, type TestCluster, startTestCluster } from './support/promote-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 3 });
});
afterAll(() => cluster.close());

const deployment = (name: string, container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'x:1', ...container }] },
    },
  },
});

describe('strict field validation on every write', () => {
  it('create and merge patch of a misspelled field are refused naming it; nothing is stored', async () => {
    cluster.api.clearRequests();
    const err = await cluster.kube.create(deployment('typo', { readinesProbe: {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].readinesProbe"',
    );
    expect(cluster.api.object('apps', 'deployments', 'default', 'typo')).toBeUndefined();
    await cluster.kube.create(deployment('ok', {}));
    const patched = await cluster.kube
      .patch(
        { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'ok' },
        { spec: { replica: 2 } },
      )
      .catch((e: unknown) => e);
    expect((patched as Error).message).toContain('unknown field "spec.replica"');
    expect(
      cluster.api.requests
        .filter((e) => ['create', 'patch', 'update'].includes(e.verb))
        .map((e) => e.query.fieldValidation),
    ).toEqual(['Strict', 'Strict', 'Strict']);
  });
});

describe('Warning headers', () => {
  it('parses the RFC 7234 form, several per header, escapes and dates', () => {
    expect(
      parseWarnings('299 - "unknown field \\"spec.x\\"", 299 - "b" "Sat, 01 Jan 2000 00:00:00 GMT"'),
    ).toEqual(['unknown field "spec.x"', 'b']);
    expect(parseWarnings(['299 - "a"', 'not rfc'])).toEqual(['a', 'not rfc']);
    expect(parseWarnings(undefined)).toEqual([]);
  });

  it('each warning is logged once, naming the object', async () => {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/apis/apps/v1')
        return res.end(
          JSON.stringify({ resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }] }),
        );
      res.setHeader('warning', [
        '299 - "apps/v1 Deployment is deprecated"',
        '299 - "unknown field \\"spec.x\\""',
      ]);
      res.end(JSON.stringify(deployment('web', {})));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const logger = new RecordingLogger();
      const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const kube = await createKubeClient({ kubeconfig: simKubeconfig(url), logger });
      await kube.apply(deployment('web', {}));
      await kube.apply(deployment('web', {}));
      expect(logger.lines.filter((l) => l.startsWith('warning'))).toEqual([
        'warning: the Kubernetes API server warns about Deployment default/web: apps/v1 Deployment is deprecated',
        'warning: the Kubernetes API server warns about Deployment default/web: unknown field "spec.x"',
      ]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
