// Finalize promote-stable, and finishing an interrupted promotion. The stable Deployment gets the
// canary's pod template with its previous template saved in the same write (the annotation
// PREVIOUS_TEMPLATE_ANNOTATION), so an interrupted finalize can be completed or undone: a
// rollback, a cancel or the post step restores that template before the state says
// `rolled-back`; once the canary is scaled down the saved template goes. Every change of a
// Deployment is read-change-replace through replaceWithRetry (a conflict decides again).
// finishInterrupted is the post step's entry. See README.md ("Finalize").
//
// Two checks guard the hand edits a person can make meanwhile: right before the route flips to
// the promoted stable, stable must run exactly the template promoted with all its replicas
// ready (else StableChangedError: traffic stays on the canary); and the canary is not scaled
// down while another route (VirtualService route or HTTPRoute rule) still sends it traffic
// (canaryStillRouted).
import process from 'node:process';
import type { Logger } from '../ports.js';
import type { Settings } from '../settings.js';
import type { PromotionReport, PromotionState } from '../model.js';
import type { KubeObject } from '../kube/client.js';
import { ManifestError, containersOf, imagesOf } from '../kube/manifests.js';
import { replaceWithRetry } from '../kube/replace.js';
import { deploymentView, destinationRuleView } from '../kube/views.js';
import { matchesLabels } from '../kube/containers.js';
import { waitForRollout } from '../kube/rollout.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { acquireLease } from './lease.js';
import { describe, transition } from './machine.js';
import { resolveTarget, type Target } from './target.js';
import { canonical, podTemplateHash } from './template-hash.js';
import { IstioCanaryError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import { sameHost, servedIstioVersion } from './target.js';
import { httpRulesSendingTo, type HttpRouteSelection } from '../strategy/http-route.js';
import { Run, otherWriters, type PromotionDeps } from './run.js';
import { canarySide } from './route-object.js';

/** On the stable Deployment: its pod template from before promote-stable, to restore an unfinished finalize. */
export const PREVIOUS_TEMPLATE_ANNOTATION = 'istio-canary.dev/previous-template';

/**
 * Between promote-stable and the route flip, the stable Deployment stopped running the promoted
 * template with all its replicas ready (a person scaled it, set another image…): the route is
 * not flipped and the canary keeps the traffic.
 */
export class StableChangedError extends IstioCanaryError {}

/** Which promotion a saved stable template belongs to. */
export function promotionId(state: PromotionState): string {
  return `${state.startedAt}|${state.canaryImage ?? ''}`;
}

function parseSaved(raw: string | undefined): { promotion: string; template: unknown } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return isObject(v) && typeof v.promotion === 'string' && isObject(v.template)
      ? { promotion: v.promotion, template: v.template }
      : null;
  } catch {
    return null;
  }
}

/**
 * promote-stable: the stable Deployment gets the canary's pod template (keeping its own
 * labels), with its previous template kept in an annotation in the same write, then rolls
 * out. Idempotent: a rerun of the same promotion keeps the first saved template.
 */
export async function promoteStable(run: Run, state: PromotionState): Promise<void> {
  const { kube } = run.deps;
  const { target, settings } = run;
  const canaryName = target.canaryDeployment;
  const stableName = target.stableDeployment;
  if (!canaryName || !stableName)
    throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
  const id = promotionId(state);
  let promoted: unknown = null;
  await replaceWithRetry(
    kube,
    run.deploymentRef(stableName),
    async (stable) => {
      const canary = await kube.get(run.deploymentRef(canaryName), { signal: run.writes });
      if (!canary || !stable) throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
      // Never promote one image while naming another.
      const canaryImages = imagesOf(canary);
      if (state.canaryImage && !canaryImages.includes(state.canaryImage))
        throw new Error(
          `promote-stable: the canary Deployment ${canaryName} runs ${oneLine(canaryImages.join(', ')) || 'no image'}, not ${oneLine(state.canaryImage)} that this promotion is for; nothing was copied to ${stableName}`,
        );
      const s = deploymentView(stable);
      const template = promotedTemplate(canary, stable, target);
      promoted = template;

      const annotations = { ...(stable.metadata?.annotations ?? {}) };
      const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
      const previous = saved?.promotion === id ? saved.template : s.template;
      const before = containersOf({ spec: { template: previous } }).map((c) => c.name);
      const after = containersOf({ spec: { template } }).map((c) => c.name);
      if (before.join(',') !== after.join(',')) {
        const notice = `promote-stable renames the containers of ${stableName}: ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'} (it copies the canary's pod template)`;
        if (!run.notices.includes(notice)) {
          run.notices.push(notice);
          run.log.warning(notice);
        }
      }
      if (saved?.promotion === id && canonical(s.template) === canonical(template)) {
        run.log.info(`promote-stable: ${stableName} already runs the canary's pod template`);
        return { done: null };
      }
      annotations[PREVIOUS_TEMPLATE_ANNOTATION] = JSON.stringify({ promotion: id, template: previous });
      const next: KubeObject = {
        ...stable,
        metadata: { ...stable.metadata, annotations },
        spec: { ...(stable.spec as object), template },
      };
      return { write: next };
    },
    { signal: run.writes, dryRun: settings.dryRun },
  ).then((r) => {
    if ('written' in r)
      run.log.info(
        `promote-stable: ${stableName} now runs the canary's pod template (${oneLine(imagesOf(r.written).join(', '))}); its previous template is kept in the annotation ${PREVIOUS_TEMPLATE_ANNOTATION} until the promotion ends`,
      );
  });
  if (!settings.dryRun) {
    await waitForRollout(
      kube,
      { name: stableName, namespace: target.namespace },
      { timeoutMs: settings.rolloutTimeoutMs, signal: run.deps.signal },
    );
    run.log.info(`promote-stable: ${stableName} is available`);
    await checkStableBeforeFlip(run, stableName, promoted);
  }
}

/** The canary's pod template as the stable Deployment gets it: with stable's own labels. */
function promotedTemplate(canary: KubeObject, stable: KubeObject, target: Target): unknown {
  const s = deploymentView(stable);
  const template = structuredClone(deploymentView(canary).template ?? {}) as {
    metadata?: { labels?: Record<string, string> };
  };
  const keep = { ...target.stableLabels, ...((s.matchLabels ?? {}) as Record<string, string>) };
  const labels = { ...(template.metadata?.labels ?? {}) };
  for (const k of Object.keys(target.canaryLabels)) if (!(k in keep)) delete labels[k];
  Object.assign(labels, keep);
  for (const k of Object.keys(keep)) if (s.podLabels[k] !== undefined) labels[k] = s.podLabels[k];
  template.metadata = { ...(template.metadata ?? {}), labels };
  return template;
}

/**
 * Right before the route flips to stable: stable (read again) runs the template promote-stable
 * gave it, and all its desired replicas (at least one) are ready. Else StableChangedError
 * naming what changed and who wrote the Deployment.
 */
async function checkStableBeforeFlip(run: Run, stableName: string, promoted: unknown): Promise<void> {
  const ref = `${run.target.namespace}/${stableName}`;
  const stable = await run.deps.kube.get(run.deploymentRef(stableName), { signal: run.writes });
  const problems: string[] = [];
  if (!stable) problems.push('it was deleted');
  else {
    const view = deploymentView(stable);
    const want = podTemplateHash(promoted);
    const live = podTemplateHash(view.template);
    if (live !== want)
      problems.push(
        `its pod template is no longer the canary's (it runs ${oneLine(imagesOf(stable).join(', ')) || 'no image'}; template hash ${live}, promoted ${want})`,
      );
    const status = isObject(stable.status) ? stable.status : {};
    const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
    const desired = typeof view.replicas === 'number' ? view.replicas : 1;
    if (desired === 0) problems.push('it is scaled to 0 replicas');
    else if (ready !== desired) problems.push(`${ready} of its ${desired} replicas are ready`);
  }
  if (!problems.length) return;
  const who = stable ? otherWriters(stable, { ignoreStatus: true }) : [];
  throw new StableChangedError(
    `the stable Deployment ${ref} changed after promote-stable: ${problems.join('; ')}${who.length ? `; changed by ${who.slice(0, 3).join(', ')}` : ''}. The route was not flipped: 100% stays on the canary, which keeps running. Make ${stableName} run the canary's template with ready replicas (e.g. \`kubectl scale deployment/${stableName} -n ${run.target.namespace} --replicas N\`) and run \`promote\` again to finish, or run \`rollback\` to restore its previous template`,
  );
}

/** `name.namespace` of a host as written in an object of `namespace` (short names are relative to it). */
function hostIn(host: string, namespace: string): string {
  const parts = host.split('.');
  return `${parts[0]}.${parts[1] ?? namespace}`;
}

/**
 * The routes of a kind (VirtualService, HTTPRoute) of every namespace (a route in another
 * namespace can send to the canary too); when the credentials may not list them cluster-wide
 * (403/401), those of the promotion's namespace, and the log says what was not checked.
 */
async function routesToCheck(run: Run, apiVersion: string, kind: string): Promise<KubeObject[]> {
  const { namespace } = run.target;
  try {
    return (await run.deps.kube.list(apiVersion, kind, null, { signal: run.writes })).items;
  } catch (err) {
    if (!(err instanceof KubeApiError) || (err.code !== 403 && err.code !== 401)) throw err;
    run.log.info(
      `finalize: may not list ${kind}s in all namespaces (${err.code}); only ${namespace}'s were checked for routes still sending to the canary`,
    );
    return (await run.deps.kube.list(apiVersion, kind, namespace, { signal: run.writes })).items;
  }
}

/**
 * The routes (http, tls, tcp) of the VirtualServices `items` that give weight to destinations
 * `sends` picks, but `skip`: each as `VirtualService ns/name <kind> route <name|index> (<weight>%)`.
 */
function vsRoutesSending(
  items: readonly KubeObject[],
  namespace: string,
  sends: (destination: Record<string, unknown>, vsNamespace: string) => boolean,
  skip: (vsNamespace: string, name: string, kind: string, index: number) => boolean,
): string[] {
  const found: string[] = [];
  for (const vs of items) {
    const name = vs.metadata?.name ?? '?';
    const vsNamespace = vs.metadata?.namespace ?? namespace;
    const spec = isObject(vs.spec) ? vs.spec : {};
    for (const kind of ['http', 'tls', 'tcp']) {
      const routes: unknown[] = Array.isArray(spec[kind]) ? spec[kind] : [];
      routes.forEach((r, i) => {
        if (!isObject(r) || skip(vsNamespace, name, kind, i)) return;
        const dests = (Array.isArray(r.route) ? r.route : []).filter(isObject);
        const weight = dests
          .filter((d) => isObject(d.destination) && sends(d.destination, vsNamespace))
          .reduce(
            (sum, d) => sum + (typeof d.weight === 'number' ? d.weight : dests.length === 1 ? 100 : 0),
            0,
          );
        if (weight > 0)
          found.push(
            `VirtualService ${oneLine(vsNamespace)}/${oneLine(name)} ${kind} route ${typeof r.name === 'string' ? oneLine(r.name) : i} (${weight}%)`,
          );
      });
    }
  }
  return found;
}

/**
 * The other routes that still send traffic to the canary. For a VirtualService, to the canary
 * subset of the canary's host: this VirtualService's other routes (http, tls, tcp) and every
 * other VirtualService. For an HTTPRoute, to the canary Service: the other rules of this
 * HTTPRoute and of every other HTTPRoute (strategy/http-route.ts httpRulesSendingTo), and the
 * VirtualService routes whose destination host is that Service (any subset). All namespaces
 * when the credentials may list them. Each as `VirtualService ns/name <kind> route
 * <name|index> (<weight>%)` or `HTTPRoute ns/name rule <name|index> (<weight>%)`.
 */
export async function canaryStillRouted(run: Run): Promise<string[]> {
  if (run.target.httpSelection) return httpCanaryStillRouted(run, run.target.httpSelection);
  const { namespace, selection, vsApiVersion } = run.target;
  const { host, subset } = selection.canary;
  const canaryHost = hostIn(host, namespace);
  const items = await routesToCheck(run, vsApiVersion, 'VirtualService');
  // The canary's pods may be reached through another subset name too: any subset of a
  // DestinationRule for the same host whose labels are among the canary subset's (it selects
  // every pod the canary subset selects).
  const subsets = new Set([subset]);
  const rules = await run.deps.kube.list(vsApiVersion, 'DestinationRule', namespace, { signal: run.writes });
  for (const dr of rules.items.map(destinationRuleView))
    if (dr.host !== null && sameHost(dr.host, host, namespace))
      for (const s of dr.subsets)
        if (s.labels && Object.keys(s.labels).length && matchesLabels(run.target.canaryLabels, s.labels))
          subsets.add(s.name);
  return vsRoutesSending(
    items,
    namespace,
    (d, vsNamespace) =>
      typeof d.subset === 'string' &&
      subsets.has(d.subset) &&
      typeof d.host === 'string' &&
      hostIn(d.host, vsNamespace) === canaryHost,
    (vsNamespace, name, kind, i) =>
      vsNamespace === namespace &&
      name === selection.virtualService &&
      kind === 'http' &&
      i === selection.routeIndex,
  );
}

/** canaryStillRouted for an HTTPRoute: the canary is the Service of the canary backendRef. */
async function httpCanaryStillRouted(run: Run, sel: HttpRouteSelection): Promise<string[]> {
  const { namespace, vsApiVersion } = run.target;
  const to = { service: sel.canary.service, namespace };
  const routes = await routesToCheck(run, vsApiVersion, 'HTTPRoute');
  const found = httpRulesSendingTo(routes, to, { namespace, selection: sel });
  // A mesh with Istio: its VirtualServices can send to the canary Service too.
  const istio = await servedIstioVersion(run.deps.kube, 'VirtualService', run.writes);
  if (istio) {
    const canaryHost = `${to.service}.${namespace}`;
    const items = await routesToCheck(run, istio, 'VirtualService');
    found.push(
      ...vsRoutesSending(
        items,
        namespace,
        (d, vsNamespace) => typeof d.host === 'string' && hostIn(d.host, vsNamespace) === canaryHost,
        () => false,
      ),
    );
  }
  return found;
}

/** An unfinished finalize rolled back: the stable Deployment gets its template from before promote-stable again. */
export async function restoreStable(run: Run, state: PromotionState): Promise<void> {
  const stableName = run.target.stableDeployment;
  if (!stableName) return;
  const id = promotionId(state);
  const r = await replaceWithRetry(
    run.deps.kube,
    run.deploymentRef(stableName),
    (stable) => {
      if (!stable) return { done: null };
      const annotations = { ...(stable.metadata?.annotations ?? {}) };
      const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
      if (!saved || saved.promotion !== id) {
        run.log.info(`finalize: ${stableName} was not changed by this promotion; nothing to restore`);
        return { done: null };
      }
      delete annotations[PREVIOUS_TEMPLATE_ANNOTATION];
      return {
        write: {
          ...stable,
          metadata: { ...stable.metadata, annotations },
          spec: { ...(stable.spec as object), template: saved.template },
        },
      };
    },
    { signal: run.writes, dryRun: run.settings.dryRun },
  );
  if ('written' in r)
    run.log.warning(
      `finalize interrupted: ${stableName} has its previous pod template again (${oneLine(imagesOf(r.written).join(', '))})`,
    );
}

/** Once the canary is down the finalize cannot be undone: stable's saved template goes (idempotent). */
export async function forgetPreviousTemplate(run: Run): Promise<void> {
  const name = run.target.stableDeployment;
  if (!name) return;
  const stable = await run.deps.kube.get(run.deploymentRef(name), { signal: run.writes });
  if (stable?.metadata?.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION] === undefined) return;
  await run.deps.kube.patch(
    run.deploymentRef(name),
    { metadata: { annotations: { [PREVIOUS_TEMPLATE_ANNOTATION]: null } } },
    { dryRun: run.settings.dryRun, signal: run.writes },
  );
}

/**
 * Why the stable Deployment cannot take the traffic the flip gave it (deleted, scaled to 0, no
 * ready replica: someone changed it after promote-stable checked it), or null when it can.
 * Read again just before the canary's scale-down, the last moment a pod still serves either way.
 */
async function stableNotServing(run: Run): Promise<string | null> {
  const name = run.target.stableDeployment;
  if (!name) return null;
  const stable = await run.deps.kube.get(run.deploymentRef(name), { signal: run.writes });
  const ref = `${run.target.namespace}/${name}`;
  if (!stable) return `the stable Deployment ${ref} was deleted`;
  const view = deploymentView(stable);
  const status = isObject(stable.status) ? stable.status : {};
  const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
  if (view.replicas === 0) return `the stable Deployment ${ref} was scaled to 0 replicas`;
  if (ready === 0) return `the stable Deployment ${ref} has no ready replica`;
  return null;
}

/**
 * The canary goes to 0 replicas, unless another route still sends it traffic (canaryStillRouted):
 * then it keeps running, the warning names those routes and the report carries it. Returns that
 * notice, or null when it was scaled down.
 */
export async function scaleCanaryDown(run: Run): Promise<string | null> {
  const unready = await stableNotServing(run);
  if (unready)
    throw new StableChangedError(
      `${unready} after the route flip, so the canary Deployment ${run.target.canaryDeployment ?? '?'} keeps running (scaling it down would leave no pod of either version); scale ${run.target.stableDeployment ?? 'stable'} up (its pods run the canary's template), then run \`promote\` again to finish`,
    );
  const routes = await canaryStillRouted(run);
  if (routes.length) {
    const notice = `the canary Deployment ${run.target.canaryDeployment ?? run.target.selection.canary.subset} was left running: other routes still send traffic to its ${canarySide(run.target)}: ${routes.join('; ')}. Move them off it, then scale it down`;
    if (!run.notices.includes(notice)) run.notices.push(notice);
    run.log.warning(notice);
    return notice;
  }
  if (run.target.canaryDeployment)
    await run.deps.kube.patch(
      run.deploymentRef(run.target.canaryDeployment),
      { spec: { replicas: 0 } },
      { dryRun: run.settings.dryRun, signal: run.writes },
    );
  run.log.info(`scaled the canary Deployment ${run.target.canaryDeployment ?? '?'} to 0`);
  return null;
}

/**
 * The stable Deployment's images are what promotions made them (promote-stable gives it the
 * canary's): re-applying the manifests must not take it back to the image the manifest was
 * first written with. The manifests set the stable images only when it is created.
 */
export function keepLiveImages(doc: KubeObject, live: KubeObject, logger: Logger): KubeObject {
  const liveImages = new Map(deploymentView(live).containers.map((c) => [c.name, c.image]));
  const copy = structuredClone(doc);
  for (const c of deploymentView(copy).containers) {
    const image = liveImages.get(c.name);
    if (image && image !== c.image) {
      logger.info(
        `keeping the stable ${doc.metadata?.name ?? ''} container ${oneLine(c.name)} at ${oneLine(image)} (the manifest says ${oneLine(c.image || '?')})`,
      );
      c.raw.image = image;
    }
  }
  return copy;
}

/**
 * For the post step: when the main step of this process's job (deps.holder, saved by main)
 * left a rollback unfinished (phase rolling-back), a finalize unfinished (phase finalizing:
 * completed when stable already took the traffic back, else restored), or was cancelled
 * mid-promotion (phase in-progress) with on-cancel rollback, finish it. Returns the report
 * when it did something, else null.
 */
export async function finishInterrupted(
  settings: Settings,
  deps: PromotionDeps,
): Promise<PromotionReport | null> {
  if (!deps.holder) {
    deps.logger.debug('post: the main step saved no holder id; no promotion to finish');
    return null;
  }
  // The live cluster has what main applied: no need to read the manifests again. When main
  // never got as far as a VirtualService, there is nothing to finish.
  let target: Target;
  try {
    target = await resolveTarget(
      { ...settings, command: 'rollback', manifests: [], canaryImage: null },
      deps.kube,
      { cwd: deps.cwd ?? process.cwd() },
    );
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    deps.logger.debug(`post: no promotion to finish (${err.message})`);
    return null;
  }
  const run = new Run({ ...settings, command: 'rollback' }, deps, target);
  await run.readVs();
  const s = run.state;
  if (!s || s.runId !== run.holder) return null;
  const interrupted =
    s.phase === 'rolling-back' ||
    s.phase === 'finalizing' ||
    (s.phase === 'in-progress' && settings.onCancel === 'rollback');
  if (!interrupted) return null;
  const what = run.edited(run.vs, s);
  if (what) {
    deps.logger.warning(`post: ${what}; leaving the route as it is`);
    return null;
  }
  deps.logger.warning(`the promotion was interrupted (${describe(s)}); finishing it`);
  run.lease = await acquireLease(deps.kube, {
    namespace: target.namespace,
    virtualService: target.selection.virtualService,
    holder: run.holder,
    durationMs: deps.lease?.durationMs ?? 15_000,
    waitMs: deps.lease?.waitMs ?? 30_000,
    logger: deps.logger,
  });
  try {
    const reason =
      s.phase === 'rolling-back'
        ? (s.reason ?? 'finishing an interrupted rollback')
        : s.phase === 'finalizing'
          ? `the run stopped during finalize at ${s.weight}% canary (cancelled or killed); finished by the post step`
          : `the run stopped at ${s.weight}% canary without finishing (cancelled or killed); rolled back by the post step`;
    const t = transition(s, { type: 'cancelled', why: reason }, { ...run.ctx(), onCancel: 'rollback' });
    await run.drive(t);
  } finally {
    await run.lease.release();
  }
  const report = run.report(null);
  await deps.reporter.final(report);
  return report;
}
