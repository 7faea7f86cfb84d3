// The bad combinations of a strategy (issue 15) with the route it would change, named before
// anything is written (run and step, dry run included): strategy/validate.ts's checks on the
// VirtualService or HTTPRoute as the manifests give it and as it is live, plus the engine's
// own (mirror needs Prometheus). Each service of a lockstep run is checked on its own route
// (its settings carry no services; main.ts and lockstep.ts check them together). The route kind itself
// was decided (and an ambiguous one refused) by resolveTarget. One StrategyError lists them all.
import type { KubeObject } from '../kube/client.js';
import { StrategyError } from '../strategy/errors.js';
import { validateStrategy } from '../strategy/validate.js';
import type { RouteTarget } from '../strategy/stages.js';
import { routeKindName } from './route-object.js';
import { engineStrategyErrors } from './strategy-state.js';
import type { Run } from './run.js';

/** Throws one StrategyError naming every problem of the strategy inputs with the target route; writes nothing. */
export async function refuseStrategy(run: Run): Promise<void> {
  const { settings, target } = run;
  const spec = settings.strategy;
  if (spec.strategy === 'canary' && spec.services.length === 0) return;
  const errors: StrategyError[] = [...engineStrategyErrors(spec, settings.metrics)];
  const docs = target.docs.map((d) => d.object);
  const kindName = routeKindName(target);
  const doc = docs.find((o) => o.kind === kindName && o.metadata?.name === target.selection.virtualService);
  await run.readVs(run.deps.signal);
  const objects = [doc, run.vs].filter((o): o is KubeObject => !!o);
  for (const object of objects) {
    const t: RouteTarget = target.httpSelection
      ? { kind: 'http-route', object, selection: target.httpSelection }
      : { kind: 'virtual-service', object, selection: target.selection };
    errors.push(
      ...validateStrategy(spec, [t], {
        namespace: target.namespace,
        objects: docs,
        liveHost: settings.loadHost,
        virtualService: settings.virtualService,
      }),
    );
  }
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.message) && seen.add(e.message));
  if (unique.length === 0) return;
  throw new StrategyError(
    unique[0]!.code,
    `strategy ${spec.strategy}: ${unique.map((e) => e.message).join('; ')}. Nothing was written`,
    unique.flatMap((e) => e.objects),
  );
}
