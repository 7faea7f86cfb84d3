// How the scenarios talk to a target: @kubernetes/client-node (its generic object API, its
// Watch, and raw HTTPS with the KubeConfig's credentials for status codes and odd bodies)
// and the kubectl binary. The same Client works for the real server and the mesh.
import { execFile } from 'node:child_process';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { KubeConfig, KubernetesObjectApi, Watch } from '@kubernetes/client-node';

export interface RawResponse {
  status: number;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Sent as is when a string; JSON-encoded otherwise. */
  contentType?: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface WatchEvent {
  type: string;
  object: Record<string, unknown>;
}

export interface Client {
  target: string;
  kc: KubeConfig;
  objects: KubernetesObjectApi;
  raw(req: RawRequest): Promise<RawResponse>;
  kubectl(args: string[], stdin?: string): Promise<KubectlResult>;
  /**
   * Watch `path` from `resourceVersion` with client-node's Watch until `until` (an event count,
   * or a test of the events so far) is met.
   */
  watch(
    path: string,
    resourceVersion: string,
    until: number | ((events: WatchEvent[]) => boolean),
    query?: Record<string, string>,
  ): Promise<WatchEvent[]>;
}

// A fixed User-Agent makes the default field manager ("conformance") the same everywhere.
const USER_AGENT = 'conformance/1.0 (istio-canary)';

export function makeClient(target: string, kubeconfigPath: string, kubectlBin = 'kubectl'): Client {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`${target}: kubeconfig has no current cluster`);
  const base = new URL(cluster.server);

  const raw = async (req: RawRequest): Promise<RawResponse> => {
    const url = new URL(req.path, base);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v));
    const payload =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const opts: RequestOptions = {
      method: req.method,
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' },
    };
    await kc.applyToHTTPSOptions(opts);
    opts.headers = {
      ...(opts.headers as Record<string, string>),
      ...(payload !== undefined
        ? {
            'Content-Type': req.contentType ?? 'application/json',
            'Content-Length': String(Buffer.byteLength(payload)),
          }
        : {}),
    };
    const doRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<RawResponse>((resolve, reject) => {
      const r = doRequest(url, opts, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text) as unknown;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      });
      r.on('error', reject);
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  };

  const kubectl = (args: string[], stdin?: string): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(
        kubectlBin,
        ['--kubeconfig', kubeconfigPath, ...args],
        { timeout: 30_000, maxBuffer: 8 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ exitCode: code, stdout, stderr });
        },
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
      else child.stdin?.end();
    });

  const watch: Client['watch'] = async (path, resourceVersion, until, query = {}) => {
    const events: WatchEvent[] = [];
    const enough = (): boolean => (typeof until === 'number' ? events.length >= until : until(events));
    const w = new Watch(kc);
    let controller: AbortController | undefined;
    let finish: (() => void) | undefined;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      void w
        .watch(
          path,
          { ...query, resourceVersion, allowWatchBookmarks: false },
          (type, object: Record<string, unknown>) => {
            events.push({ type, object });
            if (enough()) resolve();
          },
          (err: unknown) => {
            if (enough()) resolve();
            else
              reject(
                new Error(
                  `${target}: watch ${path} ended early after ${events.length} events: ${String(err)}`,
                ),
              );
          },
        )
        .then((c) => {
          controller = c;
          if (enough()) c.abort();
        }, reject);
    });
    try {
      await done;
    } finally {
      finish?.();
      controller?.abort();
    }
    return events;
  };

  return { target, kc, objects, raw, kubectl, watch };
}
