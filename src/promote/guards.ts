// Checks of the live cluster before a command writes, shared by the runner's commands: the
// promotion is on the route (VirtualService) or rule (HTTPRoute) it recorded (onRoute records
// it), a new promotion's declared
// stable subset has the traffic, and the live DestinationRules' subsets select the stable and
// canary pods. Each throws a named error; none writes.
import type { Settings } from '../settings.js';
import type { PromotionState } from '../model.js';
import { ManifestError } from '../kube/manifests.js';
import { virtualServiceView } from '../kube/views.js';
import { oneLine } from '../one-line.js';
import { StartRefused, stableNotCarrying } from './start.js';
import { liveSubsetProblem, recordedRouteProblem, routeIdentity } from './target.js';
import type { Run } from './run.js';
import { userRoutes } from './route-object.js';
import { recordOf } from './strategy-state.js';
import { httpRuleIdentity, recordedHttpRuleProblem } from '../strategy/http-route.js';

/**
 * A new promotion (no recorded state, no take-over) sets stable 100%: the declared stable
 * subset must be the one with the traffic (the manifests' weights when they hold the
 * VirtualService, else the live ones), or the subsets are swapped. Refused before any write.
 */
export function refuseSwappedStart(run: Run, settings: Settings): void {
  if (run.state || settings.takeOver) return;
  const facts = run.startFacts();
  const sel = run.target.selection;
  const doc = run.target.docs.find(
    (d) => d.object.kind === 'VirtualService' && d.object.metadata?.name === sel.virtualService,
  )?.object;
  // Live canary traffic with nothing recorded is unrecordedTraffic's (it names the live weights).
  if (!doc && facts.liveWeight > 0) return;
  const source = doc ?? (run.vs && userRoutes(run.vs));
  const route = source ? virtualServiceView(source).http[sel.routeIndex] : undefined;
  if (route) {
    const dests = route.destinations;
    const weights = dests.map((d) => ({
      subset: oneLine(d.subset ?? '?'),
      weight: d.weight ?? (dests.length === 1 ? 100 : 0),
    }));
    const refused = stableNotCarrying(
      {
        ...facts,
        stableSubset: oneLine(sel.stable.subset),
        route: `http[${sel.routeIndex}]${sel.routeName ? ` (${oneLine(sel.routeName)})` : ''}`,
        source: doc ? 'in the manifests' : 'live',
      },
      weights,
    );
    if (refused) throw new StartRefused(refused);
  }
}

/** `s` recording the route it steps (the live selected route or HTTPRoute rule), so that a later run can tell it is on another one. */
export function onRoute(run: Run, s: PromotionState): PromotionState {
  const http = run.target.httpSelection;
  const route = !run.vs
    ? null
    : http
      ? httpRuleIdentity(run.vs, http)
      : routeIdentity(userRoutes(run.vs), run.target.selection);
  // A new promotion of run or step records its strategy (none for strategy canary).
  const walking = run.settings.command === 'run' || run.settings.command === 'step';
  const rec = s.strategy ?? (walking ? recordOf(run.settings.strategy) : null);
  const withStrategy = rec ? { ...s, strategy: rec } : s;
  return route ? { ...withStrategy, route } : withStrategy;
}

/** The recorded promotion is on another route (or HTTPRoute rule) than the one selected: refused, naming both. */
export function refuseOtherRoute(run: Run): void {
  const http = run.target.httpSelection;
  if (http) {
    const problem = recordedHttpRuleProblem(run.vs, http, run.state, run.vsName);
    if (problem) throw new StartRefused(problem);
    return;
  }
  const problem = recordedRouteProblem(
    run.vs && userRoutes(run.vs),
    run.target.selection,
    run.state,
    run.vsName,
  );
  if (problem) throw new StartRefused(problem);
}

/** The live subsets select the wrong pods (see liveSubsetProblem): refused before any weight moves. */
export async function refuseLiveSubsets(run: Run, applied: boolean): Promise<void> {
  // An HTTPRoute's sides are its Services (resolveTarget checked their selectors): no subsets.
  if (run.target.httpSelection) return;
  const problem = await liveSubsetProblem(run.deps.kube, run.target, run.deps.signal);
  if (!problem) return;
  throw new ManifestError([
    `${problem.replace(/\. Nothing was written$/, '')}. ${applied ? 'No weight was written (the manifests were applied)' : 'Nothing was written'}`,
  ]);
}
