// The dry-run plan: every VirtualService change the promotion would write, as text (pure).
import { dump } from 'js-yaml';
import { planSteps, selectRoute, type RouteSelection } from './plan.js';
import { oneLine } from './one-line.js';
import type { Settings } from './settings.js';

type Json = Record<string, unknown>;

function routeOf(vs: Json, selection: RouteSelection): unknown {
  const spec = vs.spec as { http?: { route?: unknown }[] } | undefined;
  return spec?.http?.[selection.routeIndex]?.route;
}

/** Renders the plan for the VirtualServices found in the manifests (or read from the cluster). */
export function renderPlan(virtualServices: readonly Json[], settings: Settings, currentWeight = 0): string {
  const selection = selectRoute(virtualServices, settings);
  const vs = virtualServices.find(
    (v) => (v.metadata as { name?: string } | undefined)?.name === selection.virtualService,
  )!;
  const ns = selection.namespace ?? settings.namespace;
  const lines = [
    `Plan: VirtualService ${ns}/${selection.virtualService}, http[${selection.routeIndex}]${selection.routeName ? ` (${oneLine(selection.routeName)})` : ''}: ` +
      `stable subset ${selection.stable.subset}, canary subset ${selection.canary.subset}; steps ${settings.steps.join(', ')}; ` +
      `window ${settings.intervalMs / 1000}s per step; finalize ${settings.finalize}.`,
  ];
  for (const step of planSteps(vs, selection, settings.steps, currentWeight)) {
    lines.push('');
    lines.push(
      `step ${step.step}/${step.total}: ${selection.stable.subset} ${100 - step.weight}%, ${selection.canary.subset} ${step.weight}% — VirtualService ${ns}/${selection.virtualService} http[${selection.routeIndex}].route becomes:`,
    );
    lines.push(
      dump(
        // Every string as one line: a host from the cluster cannot start a line of its own.
        JSON.parse(JSON.stringify(routeOf(step.virtualService, selection) ?? null), (_k, v: unknown) =>
          typeof v === 'string' ? oneLine(v) : v,
        ),
        { lineWidth: 120, noRefs: true },
      )
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}
