// The canary Deployment's pod template as the runner needs it (moved out of runner.ts to keep
// it under 700 lines): the template this command will judge (the server's answer to a dry-run
// apply of the manifests, or the live one), its hashes, canary-image set on a live canary, and
// what `status` says when the live template is not the one the state recorded.
import type { Settings } from '../settings.js';
import type { Kube, KubeObject, ObjectRef } from '../kube/client.js';
import { containersOf, withImage } from '../kube/manifests.js';
import { withDefaultProtocols } from '../kube/manifest-apply.js';
import { KubeApiError } from '../kube/errors.js';
import { replaceWithRetry } from '../kube/replace.js';
import { deploymentView } from '../kube/views.js';
import { oneLine } from '../one-line.js';
import { legacyPodTemplateHash, podTemplateHash } from './template-hash.js';
import type { Target } from './target.js';
import type { Run } from './run.js';

export const templateOf = (d: KubeObject | null | undefined): unknown =>
  deploymentView(d).template ?? undefined;

/** The image of `container` (or of the first container) of a Deployment. */
export function imageOf(d: KubeObject, container: string | null): string | null {
  const cs = containersOf(d);
  const c = container ? cs.find((x) => x.name === container) : cs[0];
  return c?.image || null;
}

/**
 * Sets canary-image on the chosen container of a canary Deployment that is not in the
 * manifests: read, change that container's image, replace with its resourceVersion (a partial
 * server-side apply by our field manager would drop the fields our earlier applies own).
 * Returns whether it changed anything.
 */
export async function setLiveCanaryImage(
  kube: Kube,
  target: Target,
  image: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const ref: ObjectRef = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: target.canaryDeployment!,
    namespace: target.namespace,
  };
  const r = await replaceWithRetry(
    kube,
    ref,
    (live) => {
      if (!live)
        throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
      if (imageOf(live, target.canaryContainer) === image) return { done: false };
      return { write: withImage(live, image, target.canaryContainer) };
    },
    { signal },
  );
  return 'written' in r;
}

/**
 * The canary's pod template as this command will make it, as the API server would store it:
 * run and step apply the manifests (when they hold the canary), and a server-side apply keeps
 * the fields another field manager owns (a `kubectl patch` of an annotation, a `kubectl set
 * env`), so the template is the server's answer to a dry run of that apply, not the manifest's
 * document. promote promotes the live one. Both with canary-image set.
 */
export async function canaryTemplate(run: Run, settings: Settings): Promise<unknown> {
  const t = run.target;
  if (!t.canaryDeployment) return null;
  const doc = t.docs.find(
    (d) => d.object.kind === 'Deployment' && d.object.metadata?.name === t.canaryDeployment,
  );
  if (doc && settings.command !== 'promote') {
    try {
      const merged = await run.deps.kube.apply(withDefaultProtocols(doc.object), {
        force: true,
        dryRun: true,
        signal: run.deps.signal,
      });
      return templateOf(merged) ?? templateOf(doc.object) ?? null;
    } catch (err) {
      // Its namespace is created by the batch: there is nothing live to merge with yet.
      if (err instanceof KubeApiError && err.code === 404) return templateOf(doc.object) ?? null;
      throw err;
    }
  }
  const live = await run.deps.kube.get(run.deploymentRef(t.canaryDeployment), { signal: run.deps.signal });
  if (!live) return null;
  const wanted = settings.canaryImage ? withImage(live, settings.canaryImage, t.canaryContainer) : live;
  return templateOf(wanted) ?? null;
}

/**
 * The live canary Deployment's pod template, read back from the server, and its hashes (the
 * one states record, and the one states written before the whole template counted); null
 * without a canary Deployment.
 */
export async function liveCanaryTemplate(
  run: Run,
  signal?: AbortSignal,
): Promise<{ hash: string; legacy: string; image: string | null } | null> {
  const name = run.target.canaryDeployment;
  if (!name) return null;
  const live = await run.deps.kube.get(run.deploymentRef(name), { signal });
  const template = templateOf(live);
  if (!live || template === undefined) return null;
  return {
    hash: podTemplateHash(template),
    legacy: legacyPodTemplateHash(template),
    image: imageOf(live, run.target.canaryContainer),
  };
}

/**
 * What `status` says when the live canary pod template is not the one the state recorded (a
 * `kubectl set image`, an interrupted image change): the traffic on the canary goes to a
 * template no step judged. Null when they agree, or when nothing is in flight.
 */
export async function templateDrift(run: Run): Promise<string | null> {
  const s = run.state;
  if (!s?.templateHash || !run.target.canaryDeployment) return null;
  const live = await liveCanaryTemplate(run);
  if (!live || live.hash === s.templateHash || live.legacy === s.templateHash) return null;
  const weight = run.liveWeight();
  const inFlight = !['promoted', 'rolled-back'].includes(s.phase);
  if (!inFlight && weight === 0) return null;
  return `the canary Deployment ${run.target.namespace}/${oneLine(run.target.canaryDeployment)} does not run the pod template this promotion recorded (recorded: ${s.canaryImage ? `${oneLine(s.canaryImage)}, ` : ''}template hash ${s.templateHash}; live: ${live.image ? `${oneLine(live.image)}, ` : ''}template hash ${live.hash})${weight > 0 ? `, and it receives ${weight}% of the traffic: that traffic goes to a template no step judged` : ''}. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``;
}
