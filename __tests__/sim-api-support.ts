// Shared helpers for the embedded API server's tests: a kubeconfig on disk, kubectl as a child
// process (argv only), and raw HTTP requests.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { simKubeconfig, writeKubeconfig } from '../src/sim/kubeconfig.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class KubectlEnv {
  private constructor(
    readonly dir: string,
    readonly kubeconfigPath: string,
  ) {}

  static async create(apiUrl: string): Promise<KubectlEnv> {
    const dir = await mkdtemp(join(tmpdir(), 'sim-kubectl-'));
    const path = join(dir, 'kubeconfig');
    await writeKubeconfig(path, simKubeconfig(apiUrl));
    return new KubectlEnv(dir, path);
  }

  private argv(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfigPath, '--cache-dir', join(this.dir, 'cache'), ...args];
  }

  /** Run kubectl to completion. A missing binary rejects (the test fails loudly). */
  run(args: string[], timeoutMs = 30_000): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      execFile('kubectl', this.argv(args), { timeout: timeoutMs }, (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error('kubectl is not installed (needed by this test): install kubectl 1.32 on PATH'));
          return;
        }
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  spawn(args: string[]): ChildProcessWithoutNullStreams {
    return spawn('kubectl', this.argv(args));
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function kubeConfigFor(apiUrl: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(simKubeconfig(apiUrl));
  return kc;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function raw(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function jsonInit(method: string, body: unknown, contentType = 'application/json'): RequestInit {
  return {
    method,
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Lines of a watch stream as they arrive, consumed with next(). */
export class LineReader {
  private buf = '';
  private readonly lines: string[] = [];
  private waiters: ((l: string) => void)[] = [];
  private ended = false;
  private endWaiters: (() => void)[] = [];

  push(chunk: string): void {
    this.buf += chunk;
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      const w = this.waiters.shift();
      if (w) w(line);
      else this.lines.push(line);
    }
  }

  end(): void {
    this.ended = true;
    for (const w of this.endWaiters) w();
    this.endWaiters = [];
  }

  next(): Promise<string> {
    const l = this.lines.shift();
    if (l !== undefined) return Promise.resolve(l);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Read lines until one satisfies `pred`. */
  async until(pred: (l: string) => boolean): Promise<string> {
    for (;;) {
      const l = await this.next();
      if (pred(l)) return l;
    }
  }

  closed(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }
}

/** Open a raw watch over fetch; lines are JSON events. */
export async function openWatch(url: string, signal: AbortSignal): Promise<LineReader> {
  const res = await fetch(url, { signal });
  const reader = new LineReader();
  const body = res.body;
  if (!body) throw new Error('watch has no body');
  void (async () => {
    const dec = new TextDecoder();
    try {
      for await (const chunk of body) reader.push(dec.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // aborted by the test
    }
    reader.end();
  })();
  return reader;
}
