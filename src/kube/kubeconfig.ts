// Named errors for a kubeconfig that cannot give credentials for its context: a current-context
// that is not defined (with the contexts that are), a context whose cluster is missing, and an
// exec credential plugin that failed (its command, args and stderr, secrets redacted), where
// @kubernetes/client-node says only `Error("")` or "no cluster".
import type { KubeConfig } from '@kubernetes/client-node';
import { IstioCanaryError } from '../errors.js';
import { kubeconfigSecrets } from '../redact.js';

/** The kubeconfig cannot authenticate to any cluster as written; the message says what is missing. */
export class KubeconfigError extends IstioCanaryError {}

const quoted = (names: readonly string[]): string =>
  names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';

/**
 * Why the kubeconfig's current context (after the context input was applied) has no cluster,
 * or null when it has one.
 */
export function missingCluster(kc: KubeConfig): string | null {
  if (kc.getCurrentCluster()) return null;
  const name = kc.getCurrentContext();
  const contexts = kc.getContexts().map((c) => c.name);
  if (!name)
    return `the kubeconfig sets no current-context (its contexts: ${quoted(contexts)}); set current-context or the context input to one of them`;
  const context = kc.getContextObject(name);
  if (!context)
    return `the kubeconfig's current-context "${name}" is not one of its contexts (${quoted(contexts)}); set current-context or the context input to one of them`;
  const clusters = kc.getClusters().map((c) => c.name);
  return `context "${name}" names cluster "${context.cluster}", which the kubeconfig does not define (its clusters: ${quoted(clusters)})`;
}

/** `text` with every secret of the kubeconfig (tokens, keys, secret plugin args) replaced by ***. */
function redacted(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join('***');
  return out;
}

/**
 * The credentials of the current user could not be obtained: when the user has an exec
 * plugin, an error naming its command line and what it printed on stderr (client-node keeps
 * only the stderr, often empty); otherwise `err` itself.
 */
export function credentialError(kc: KubeConfig, kubeconfig: string, err: unknown): unknown {
  const user = kc.getCurrentUser();
  const exec = user?.exec as { command?: unknown; args?: unknown } | undefined;
  // Only a failure to obtain credentials is the plugin's (not a server URL that is not a URL).
  if (!user || !exec || (err as { code?: unknown } | null)?.code === 'ERR_INVALID_URL') return err;
  const secrets = kubeconfigSecrets(kubeconfig);
  const argv = [exec.command, ...(Array.isArray(exec.args) ? (exec.args as unknown[]) : [])].map(String);
  const commandLine = redacted(
    argv.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' '),
    secrets,
  );
  const raw = err instanceof Error ? err.message.trim() : String(err).trim();
  const code = (err as { code?: unknown } | null)?.code;
  const what =
    code === 'ENOENT'
      ? 'could not be started: the command was not found'
      : typeof code === 'string'
        ? `could not be started (${code}): ${redacted(raw, secrets)}`
        : raw
          ? `failed (it exited non-zero); its stderr: ${redacted(raw, secrets).slice(0, 2000)}`
          : 'failed: it exited non-zero and printed nothing on stderr';
  return new KubeconfigError(
    `the exec credential plugin of kubeconfig user "${user.name}" (${commandLine}) ${what}. Run it by hand to see why, or give a kubeconfig with a token or client certificate`,
    { cause: err },
  );
}
