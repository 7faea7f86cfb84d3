// RBAC for a promotion on a Gateway API HTTPRoute (issue 15): the preflight's access reviews
// include httproutes exactly when an HTTPRoute is stepped or written, and examples/rbac/role.yaml
// grants exactly that in its Role istio-canary-gateway-api (the first Role stays the base set).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { HTTP_ROUTE_PERMISSION, rbacChecks, requiredPermissions } from '../src/kube/preflight.js';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const roles = loadAll(
  readFileSync(path.join(import.meta.dirname, '..', 'examples', 'rbac', 'role.yaml'), 'utf8'),
) as { kind: string; metadata: { name: string }; rules?: Rule[] }[];
const grants = (rules: Rule[]): string[] =>
  rules
    .flatMap((r) =>
      r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${g} ${res}`))),
    )
    .sort();

describe('RBAC for HTTPRoute promotions', () => {
  it('the Role istio-canary-gateway-api grants exactly what requiredPermissions adds for an HTTPRoute', () => {
    const role = roles.find((d) => d.kind === 'Role' && d.metadata.name === 'istio-canary-gateway-api')!;
    const base = requiredPermissions(false).flatMap((p) =>
      p.verbs.map((v) => `${v} ${p.group} ${p.resource}`),
    );
    const withRoute = requiredPermissions(false, true).flatMap((p) =>
      p.verbs.map((v) => `${v} ${p.group} ${p.resource}`),
    );
    expect(grants(role.rules!)).toEqual(withRoute.filter((g) => !base.includes(g)).sort());
    expect(
      roles.some((d) => d.kind === 'RoleBinding' && d.metadata.name === 'istio-canary-gateway-api'),
    ).toBe(true);
  });

  it('access reviews include httproutes only when an HTTPRoute is stepped or written', () => {
    const has = (checks: ReturnType<typeof rbacChecks>) =>
      checks
        .filter((c) => c.resource === 'httproutes')
        .map((c) => c.verb)
        .sort();
    expect(has(rbacChecks('shop', false, []))).toEqual([]);
    expect(has(rbacChecks('shop', false, [], true))).toEqual([...HTTP_ROUTE_PERMISSION.verbs].sort());
    expect(
      has(
        rbacChecks('shop', false, [
          { group: 'gateway.networking.k8s.io', resource: 'httproutes', namespace: 'shop' },
        ]),
      ),
    ).toEqual([...HTTP_ROUTE_PERMISSION.verbs].sort());
  });
});
