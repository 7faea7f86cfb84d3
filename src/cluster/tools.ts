// kind, minikube, istioctl (the whole Istio release: bin/istioctl and samples/addons) and
// kubectl at pinned versions. Order: a binary of the same version on PATH, then the runner's
// tool cache, then a download checked against a SHA-256 pinned here before it is cached or
// executed. The pins are the trust anchor: a version without a pin is refused.
// The download is ours, not @actions/tool-cache's downloadTool: that one has its own retry
// (3 tries, 10-20 s waits, neither configurable nor cancellable) which, nested in any retry of
// ours, made up to 9 downloads. Ours goes through the one retry loop (src/retry.ts) with the
// project's rules, its waits injectable and cancellable, and through the same proxy decision
// as every other client (src/http/transport.ts). tool-cache keeps what it does well: the cache
// folders (find, cacheFile, cacheDir) and extracting the Istio tarball.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import * as tc from '@actions/tool-cache';
import { ProxyConfigError, processProxyEnv, type ProxyEnv } from '../http/proxy.js';
import { fetchFor } from '../http/transport.js';
import type { CommandRunner, Logger } from '../ports.js';
import { parseRetryAfter, retry, type RetryPolicy, type RetryVerdict, type Sleep } from '../retry.js';
import { CommandStartError } from './exec.js';
import { IstioCanaryError } from '../errors.js';

export type ToolName = 'kind' | 'minikube' | 'istio' | 'kubectl';
export type Arch = 'amd64' | 'arm64';

/** tool → version (as in the release URL) → arch → SHA-256 of the release file. */
export type PinTable = Record<ToolName, Record<string, Partial<Record<Arch, string>>>>;

/**
 * Real SHA-256 values of the real release artifacts (linux). Sources, cross-checked where
 * possible: kind's and kubectl's from cert-manager/makefile-modules tools.mk (kind v0.32.0,
 * kubectl v1.36.3) and other repositories pinning the same values; minikube's from the
 * v1.38.1 release notes' "Binary Checksums"; Istio's is the release tarball
 * istio-1.30.3-linux-<arch>.tar.gz (makefile-modules, and a toolchain lock pinning the same).
 */
export const PINS: PinTable = {
  kind: {
    'v0.32.0': {
      amd64: '50030de23cf40a18505f20426f6a8506bedf13c6e509244bd1fa9463721b0f54',
      arm64: 'b92cd615e97585de8ddade28ed5cd7feb4248d717c233eea5b03c37298900f5d',
    },
  },
  minikube: {
    'v1.38.1': {
      amd64: '099477eaf248bcb5bcea8ce78a2898e93ac01461c35189da1848c3de82ecd22e',
      arm64: 'a0b8a1ebfc8c07a247271d8df98ac0ddd7c8c855b601d402463e2e50c08c6bab',
    },
  },
  istio: {
    '1.30.3': {
      amd64: '55ada076ba1b37af49e8a24e5e539b4abccabdb33894c923279edd293eea3993',
      arm64: '926d265818e8ab69de9f81bfe78447c3bc8f4ae32a356a39545b790bfcfd63e5',
    },
  },
  kubectl: {
    'v1.36.3': {
      amd64: 'ebbd080e7c2e275093b55915722043257eb24004363e20acb3c4d71919f88336',
      arm64: '3d86f24401c41ae5a46ac50eef8865fe891d3647d324a0836f6c63757a126e62',
    },
  },
};

/** kubectl for the clusters we create (kind v0.32.0's default node is Kubernetes 1.36.1). */
export const KUBECTL_VERSION = 'v1.36.3';

export const DEFAULT_BASE_URLS: Record<ToolName, string> = {
  kind: 'https://github.com/kubernetes-sigs/kind/releases/download',
  minikube: 'https://storage.googleapis.com/minikube/releases',
  istio: 'https://github.com/istio/istio/releases/download',
  kubectl: 'https://dl.k8s.io/release',
};

/** Download attempts in all (each is one request), and the backoff between them. */
export const DEFAULT_DOWNLOAD_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000 };

export interface ToolOptions {
  /** Download base URLs (a mirror, or a local server in tests); defaults are the real ones. */
  baseUrls?: Partial<Record<ToolName, string>>;
  /** Only tests replace the pins. */
  pins?: PinTable;
  arch?: Arch;
  /** Where downloads land before they are verified (default: the OS temp dir). */
  downloadDir?: string;
  /** Default: DEFAULT_DOWNLOAD_RETRY. */
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts; tests pass a fast one. */
  sleep?: Sleep;
  /** Ends a download and a wait between attempts at once, with the signal's reason. */
  signal?: AbortSignal;
  /** Proxy variables; default: this process's (https_proxy, no_proxy, upper or lower case). */
  proxy?: ProxyEnv;
}

export interface ToolContext {
  runner: CommandRunner;
  logger: Logger;
  options?: ToolOptions;
}

export interface ResolvedTool {
  tool: ToolName;
  version: string;
  /** What to execute: a bare name when reused from PATH, else an absolute path. */
  bin: string;
  source: 'path' | 'cache' | 'download';
  /** The Istio release folder (samples/addons/prometheus.yaml), when resolved from a release. */
  releaseDir: string | null;
}

export class ChecksumMismatchError extends IstioCanaryError {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`SHA-256 mismatch for ${url}: expected ${expected}, got ${actual}. Refusing to cache or run it.`);
  }
}

/** The release server answered something other than 200. */
export class DownloadHttpError extends IstioCanaryError {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
    /** The server's Retry-After (ms), if it sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${url} answered ${status}${statusText === '' ? '' : ` ${statusText}`}`);
  }
}

export class UnpinnedVersionError extends IstioCanaryError {
  constructor(tool: ToolName, version: string, arch: Arch, pinned: string[]) {
    super(
      `no pinned SHA-256 for ${tool} ${version} (linux-${arch}); this version of istio-canary pins ${pinned.join(', ') || 'none'} for ${tool}. Use a pinned version.`,
    );
  }
}

export function hostArch(nodeArch: string = process.arch): Arch {
  if (nodeArch === 'x64') return 'amd64';
  if (nodeArch === 'arm64') return 'arm64';
  throw new Error(
    `unsupported CPU architecture ${nodeArch}: kind, minikube and Istio are downloaded for amd64 or arm64`,
  );
}

/** The release file's URL for a tool (pure). */
export function artifactUrl(
  tool: ToolName,
  version: string,
  arch: Arch,
  base: string = DEFAULT_BASE_URLS[tool],
): string {
  const b = base.replace(/\/+$/, '');
  switch (tool) {
    case 'kind':
      return `${b}/${version}/kind-linux-${arch}`;
    case 'minikube':
      return `${b}/${version}/minikube-linux-${arch}`;
    case 'istio':
      return `${b}/${version}/istio-${version}-linux-${arch}.tar.gz`;
    case 'kubectl':
      return `${b}/${version}/bin/linux/${arch}/kubectl`;
  }
}

const BIN: Record<ToolName, string> = {
  kind: 'kind',
  minikube: 'minikube',
  istio: 'istioctl',
  kubectl: 'kubectl',
};
const VERSION_ARGS: Record<ToolName, string[]> = {
  kind: ['version'],
  minikube: ['version', '--short'],
  istio: ['version', '--remote=false'],
  kubectl: ['version', '--client'],
};

/** The first x.y.z in a `<tool> version` output, without a leading v; null when none. */
export function parseVersion(output: string): string | null {
  return /\bv?(\d+\.\d+\.\d+)\b/.exec(output)?.[1] ?? null;
}

const bare = (v: string): string => v.replace(/^v/, '');

/** Whether a binary's version is acceptable: exact, except kubectl within the supported ±1 minor skew. */
export function versionAcceptable(tool: ToolName, wanted: string, found: string): boolean {
  if (tool !== 'kubectl') return bare(wanted) === bare(found);
  const [wMaj, wMin] = bare(wanted).split('.').map(Number);
  const [fMaj, fMin] = bare(found).split('.').map(Number);
  return wMaj === fMaj && wMin !== undefined && fMin !== undefined && Math.abs(wMin - fMin) <= 1;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function onPath(ctx: ToolContext, tool: ToolName, version: string): Promise<string | null> {
  const bin = BIN[tool];
  try {
    const r = await ctx.runner.run(bin, VERSION_ARGS[tool], { silent: true });
    const found = parseVersion(`${r.stdout}\n${r.stderr}`);
    if (r.exitCode === 0 && found && versionAcceptable(tool, version, found)) return found;
    ctx.logger.debug(`${bin} on PATH is ${found ?? 'of unknown version'}, want ${version}`);
    return null;
  } catch (err) {
    if (err instanceof CommandStartError) return null;
    throw err;
  }
}

/**
 * Whether a failed download is worth another attempt (pure): network errors and a body cut
 * short are; of HTTP answers only 5xx, 408 and 429 (after its Retry-After, capped), as
 * tool-cache decided; a checksum mismatch or an unusable proxy setting never is.
 */
export function downloadRetryVerdict(err: unknown): RetryVerdict {
  if (err instanceof ChecksumMismatchError || err instanceof ProxyConfigError) return false;
  if (!(err instanceof DownloadHttpError)) return true;
  if (err.status >= 500 || err.status === 408 || err.status === 429)
    return { retry: true, afterMs: err.retryAfterMs };
  return false;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/**
 * GET url, following redirects (release hosts redirect to a CDN) with the proxy decided per
 * host, as @actions/http-client did; an https → http redirect is refused.
 */
async function fetchFollowing(url: string, proxy: ProxyEnv, signal?: AbortSignal): Promise<Response> {
  let current = new URL(url);
  for (let hops = 0; ; hops++) {
    const response = await fetchFor(current, proxy).fetch(current, {
      redirect: 'manual',
      headers: { 'user-agent': 'istio-canary' },
      ...(signal === undefined ? {} : { signal }),
    });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, current);
    if (current.protocol === 'https:' && next.protocol !== 'https:')
      throw new DownloadHttpError(
        url,
        response.status,
        `redirected from https to ${next.protocol} (refused)`,
      );
    if (hops >= MAX_REDIRECTS) throw new DownloadHttpError(url, response.status, 'too many redirects');
    current = next;
  }
}

/** One attempt: the whole body into a fresh file under dir (removed again when anything fails). */
async function downloadOnce(
  url: string,
  dir: string,
  proxy: ProxyEnv,
  signal?: AbortSignal,
): Promise<string> {
  const response = await fetchFollowing(url, proxy, signal);
  if (response.status !== 200 || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadHttpError(
      url,
      response.status,
      response.statusText,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  const dest = path.join(dir, randomUUID());
  try {
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      createWriteStream(dest, { flags: 'wx' }),
      ...(signal === undefined ? [] : [{ signal }]),
    );
    return dest;
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  }
}

/** An error's message with its cause's (fetch says only "fetch failed"; the cause says why). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== '' && !err.message.includes(cause.message)
    ? `${err.message}: ${cause.message}`
    : err.message;
}

/** Downloads url to a fresh file in dir through the one retry loop; the last failure, named, when it gives up. */
async function downloadWithRetry(ctx: ToolContext, url: string, dir: string): Promise<string> {
  const policy: RetryPolicy = { ...DEFAULT_DOWNLOAD_RETRY, ...ctx.options?.retry };
  const signal = ctx.options?.signal;
  const proxy = ctx.options?.proxy ?? processProxyEnv();
  try {
    return await retry(() => downloadOnce(url, dir, proxy, signal), policy, {
      retryable: downloadRetryVerdict,
      ...(ctx.options?.sleep === undefined ? {} : { sleep: ctx.options.sleep }),
      ...(signal === undefined ? {} : { signal }),
      onRetry: (err, attempt, waitMs) =>
        ctx.logger.warning(
          `download of ${url} failed (${describe(err)}); retrying in ${waitMs} ms (${attempt}/${policy.attempts})`,
        ),
    });
  } catch (err) {
    if (signal?.aborted === true) throw err;
    throw new Error(`could not download ${url}: ${describe(err)}`, {
      cause: err,
    });
  }
}

/**
 * Resolves a tool at a version: PATH (same version), tool cache, or a verified download.
 * For `istio` the whole release is cached and `bin` is its bin/istioctl; PATH reuse is
 * skipped when the release's samples are needed (allowPath: false).
 */
export async function ensureTool(
  ctx: ToolContext,
  tool: ToolName,
  version: string,
  opts: { allowPath?: boolean } = {},
): Promise<ResolvedTool> {
  const arch = ctx.options?.arch ?? hostArch();
  if (opts.allowPath !== false) {
    const found = await onPath(ctx, tool, version);
    if (found) {
      ctx.logger.info(`Using ${BIN[tool]} ${found} from PATH`);
      return { tool, version, bin: BIN[tool], source: 'path', releaseDir: null };
    }
  }

  const pins = ctx.options?.pins ?? PINS;
  const expected = pins[tool][version]?.[arch];
  if (!expected) throw new UnpinnedVersionError(tool, version, arch, Object.keys(pins[tool]));

  const cacheVersion = bare(version);
  let cached: string;
  try {
    cached = tc.find(tool, cacheVersion, arch);
  } catch (err) {
    // tool-cache needs RUNNER_TOOL_CACHE (set on every Actions runner); the CLI must set it too.
    throw new Error(
      `the tool cache is not configured (${err instanceof Error ? err.message : String(err)}): set RUNNER_TOOL_CACHE to a folder for downloaded tools`,
      {
        cause: err,
      },
    );
  }
  if (cached) {
    ctx.logger.info(`Using ${tool} ${version} from the tool cache`);
    return resolved(tool, version, cached, 'cache');
  }

  const url = artifactUrl(tool, version, arch, ctx.options?.baseUrls?.[tool]);
  const dir = ctx.options?.downloadDir ?? tmpdir();
  await mkdir(dir, { recursive: true });
  ctx.logger.info(`Downloading ${tool} ${version} from ${url}`);
  const file = await downloadWithRetry(ctx, url, dir);
  try {
    const actual = await sha256File(file);
    if (actual !== expected.toLowerCase()) throw new ChecksumMismatchError(url, expected, actual);
    let cacheDir: string;
    if (tool === 'istio') {
      const extractTo = path.join(dir, `${randomUUID()}-extract`);
      try {
        await tc.extractTar(file, extractTo);
        cacheDir = await tc.cacheDir(path.join(extractTo, `istio-${cacheVersion}`), tool, cacheVersion, arch);
      } finally {
        await rm(extractTo, { recursive: true, force: true });
      }
    } else {
      await chmod(file, 0o755);
      cacheDir = await tc.cacheFile(file, BIN[tool], tool, cacheVersion, arch);
    }
    ctx.logger.info(`Verified SHA-256 of ${tool} ${version} and cached it`);
    return resolved(tool, version, cacheDir, 'download');
  } finally {
    await rm(file, { force: true });
  }
}

function resolved(tool: ToolName, version: string, dir: string, source: 'cache' | 'download'): ResolvedTool {
  if (tool === 'istio')
    return { tool, version, bin: path.join(dir, 'bin', 'istioctl'), source, releaseDir: dir };
  return { tool, version, bin: path.join(dir, BIN[tool]), source, releaseDir: null };
}
