// What the post step needs to find and roll back main's promotion, saved in the action state
// by main before its first write (beside the holder id, PROMOTION_HOLDER in main.ts): the post
// step then never reads the manifests again (they may be gone: a later step moved them, the
// checkout was cleaned) and never guesses the kubeconfig. With finalize: git-pr it also names
// the manifest files main read, so that a post step that completes the finalize opens the pull
// request from exactly those files (or says they are gone), never from whatever the glob matches
// by then.
import path from 'node:path';
import process from 'node:process';
import type { ManifestDoc } from './kube/manifests.js';
import { selectRoute } from './plan.js';
import type { Settings } from './settings.js';
import { isObject } from './util/object.js';

/** core.saveState key of the saved target (JSON, below). */
export const PROMOTION_TARGET = 'promotion-target';

/**
 * Where the kubeconfig came from: the `kubeconfig` input (post reads the same input again; the
 * secret is never written to the state file), a file (the one main read), the cluster this
 * run created (its record in the state), or the embedded mesh (gone with main).
 */
export type KubeconfigSource =
  | { from: 'input'; context: string | null }
  | { from: 'file'; path: string; context: string | null }
  | { from: 'created' }
  | { from: 'sim' };

export interface PostTarget {
  namespace: string;
  /** null: the only VirtualService of `namespace` (the manifests had none). */
  virtualService: string | null;
  route: string | number | null;
  stableSubset: string | null;
  canarySubset: string | null;
  kubeconfig: KubeconfigSource;
  /**
   * finalize: git-pr only: the manifest files (absolute) holding the Deployments main read, the
   * files the pull request edits. Absent in targets saved before it existed: post then reads
   * the manifests input again.
   */
  manifestFiles?: string[];
}

/**
 * The target as the checked manifests decide it (the VirtualService's namespace may differ from
 * the namespace input, a preview retargets it); without a VirtualService in the manifests, the
 * inputs (main then reads it from the cluster in `namespace`).
 */
export function postTarget(
  settings: Settings,
  docs: readonly ManifestDoc[],
  kubeconfig: KubeconfigSource,
  /** The folder the documents' files are relative to (main's run folder). */
  cwd: string = process.cwd(),
): PostTarget {
  const files =
    settings.finalize === 'git-pr'
      ? {
          manifestFiles: [
            ...new Set(
              docs.filter((d) => d.object.kind === 'Deployment').map((d) => path.resolve(cwd, d.file)),
            ),
          ],
        }
      : {};
  return { ...routeTarget(settings, docs), kubeconfig, ...files };
}

function routeTarget(
  settings: Settings,
  docs: readonly ManifestDoc[],
): Omit<PostTarget, 'kubeconfig' | 'manifestFiles'> {
  const want = {
    virtualService: settings.virtualService,
    route: settings.route,
    stableSubset: settings.stableSubset,
    canarySubset: settings.canarySubset,
  };
  const vs = docs.filter((d) => d.object.kind === 'VirtualService').map((d) => d.object);
  if (vs.length === 0) return { namespace: settings.namespace, ...want };
  // checkTargetOffline already selected this route from the same documents: it cannot fail here.
  const s = selectRoute(vs, want);
  return {
    namespace: s.namespace ?? settings.namespace,
    virtualService: s.virtualService,
    route: s.routeName ?? s.routeIndex,
    stableSubset: s.stable.subset,
    canarySubset: s.canary.subset,
  };
}

/** The saved target, or null when main saved none (it stopped before its first write) or it is unreadable. */
export function parsePostTarget(text: string): PostTarget | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(v) || typeof v.namespace !== 'string') return null;
  if (!isObject(v.kubeconfig) || typeof v.kubeconfig.from !== 'string') return null;
  const target = v as unknown as PostTarget;
  // Anything but a list of file names is not the files main read: as if none were saved.
  if (
    v.manifestFiles !== undefined &&
    !(Array.isArray(v.manifestFiles) && v.manifestFiles.every((f) => typeof f === 'string'))
  ) {
    const { manifestFiles: _dropped, ...rest } = target;
    return rest;
  }
  return target;
}

/**
 * The saved targets: one for a single-route run, one per service (in the order of `services`)
 * for a lockstep run, which main saves as a JSON list; [] when main saved none or it is unreadable.
 */
export function parsePostTargets(text: string): PostTarget[] {
  if (!text) return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) {
    const one = parsePostTarget(text);
    return one ? [one] : [];
  }
  const each = v.map((t) => parsePostTarget(JSON.stringify(t)));
  // A list with an unreadable entry cannot be matched to the services: as if none were saved.
  return each.every((t) => t !== null) ? each : [];
}
