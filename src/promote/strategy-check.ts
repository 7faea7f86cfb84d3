// The bad combinations of a strategy (issue 15) with the route it would change, named before
// anything is written (run and step, dry run included): strategy/validate.ts's checks on the
// VirtualService as the manifests give it and as it is live (without the strategy's own
// routes), plus the engine's own (mirror needs Prometheus; route kinds and lockstep this engine
// does not step). One StrategyError lists them all.
import type { KubeObject } from '../kube/client.js';
import { StrategyError } from '../strategy/errors.js';
import { detectRouteKind } from '../strategy/route-kind.js';
import { validateStrategy } from '../strategy/validate.js';
import { engineStrategyErrors } from './strategy-state.js';
import type { Run } from './run.js';

/** Throws one StrategyError naming every problem of the strategy inputs with the target route; writes nothing. */
export async function refuseStrategy(run: Run): Promise<void> {
  const { settings, target } = run;
  const spec = settings.strategy;
  if (spec.strategy === 'canary' && spec.services.length === 0 && spec.routeKind !== 'http-route') return;
  const errors: StrategyError[] = [...engineStrategyErrors(spec, settings.metrics)];
  const docs = target.docs.map((d) => d.object);
  let kind: string = spec.routeKind;
  try {
    kind = detectRouteKind(spec, docs, { virtualService: settings.virtualService });
  } catch (err) {
    if (!(err instanceof StrategyError)) throw err;
    errors.push(err);
  }
  if (kind === 'http-route')
    errors.push(
      new StrategyError(
        'route-kind-unsupported',
        `route-kind: http-route (an HTTPRoute${spec.httpRoute ? ` ${spec.httpRoute}` : ''}) is not stepped by this version of the promotion engine; step the Istio VirtualService (route-kind: virtual-service)`,
      ),
    );
  const doc = docs.find(
    (o) => o.kind === 'VirtualService' && o.metadata?.name === target.selection.virtualService,
  );
  await run.readVs(run.deps.signal);
  const objects = [doc, run.vs].filter((o): o is KubeObject => !!o);
  for (const object of objects)
    errors.push(
      ...validateStrategy(spec, [{ kind: 'virtual-service', object, selection: target.selection }], {
        namespace: target.namespace,
        objects: docs,
        liveHost: settings.loadHost,
        virtualService: settings.virtualService,
      }),
    );
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.message) && seen.add(e.message));
  if (unique.length === 0) return;
  throw new StrategyError(
    unique[0]!.code,
    `strategy ${spec.strategy}: ${unique.map((e) => e.message).join('; ')}. Nothing was written`,
    unique.flatMap((e) => e.objects),
  );
}
