// Tool downloads against a local artifact server: pinned SHA-256 checked before anything is
// cached, retries on a flaky server (one request per attempt, counted by the server), reuse
// from the tool cache and from PATH.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import {
  ChecksumMismatchError,
  DEFAULT_BASE_URLS,
  PINS,
  UnpinnedVersionError,
  artifactUrl,
  ensureTool,
  parseVersion,
  versionAcceptable,
  type ToolContext,
} from '../src/cluster/tools.js';
import type { Logger } from '../src/ports.js';
import { startArtifactServer, type ArtifactServer } from './support/artifact-server.js';
import {
  VERSIONS,
  baseUrls,
  buildRelease,
  readLog,
  writeStubs,
  type Release,
} from './fixtures/cluster/stubs.js';

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    debug: (m) => void lines.push(`debug ${m}`),
  };
}

let work: string;
let server: ArtifactServer;
let release: Release;
let log: string;
let emptyPath: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'cluster-tools-'));
  log = path.join(work, 'argv.log');
  release = buildRelease(work, log);
  server = await startArtifactServer(release.files);
  emptyPath = path.join(work, 'empty-path');
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

let cacheDir: string;
let downloadDir: string;
beforeEach(() => {
  // tool-cache reads RUNNER_TOOL_CACHE when called, so a fresh cache per test.
  cacheDir = mkdtempSync(path.join(work, 'cache-'));
  downloadDir = mkdtempSync(path.join(work, 'dl-'));
  process.env.RUNNER_TOOL_CACHE = cacheDir;
  process.env.RUNNER_TEMP = downloadDir;
});
afterEach(() => {
  delete process.env.RUNNER_TOOL_CACHE;
  delete process.env.RUNNER_TEMP;
});

function ctx(
  pathDirs: string[] = [emptyPath],
  pins = release.pins,
): ToolContext & { logger: ReturnType<typeof memoryLogger>; waits: number[] } {
  const waits: number[] = [];
  return {
    runner: createCommandRunner({ baseEnv: { PATH: pathDirs.join(':') } }),
    logger: memoryLogger(),
    waits,
    options: {
      baseUrls: baseUrls(server.url),
      pins,
      arch: 'amd64',
      downloadDir,
      // Waits are recorded, not slept: the test sees the backoff chosen.
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      // No proxy from the environment running the tests.
      proxy: {},
    },
  };
}

const KIND_PATH = `/kind/${VERSIONS.kind}/kind-linux-amd64`;
const ISTIO_PATH = `/istio/${VERSIONS.istio}/istio-${VERSIONS.istio}-linux-amd64.tar.gz`;

describe('release URLs and pins', () => {
  it('builds the real upstream URLs by default', () => {
    expect(artifactUrl('kind', 'v0.32.0', 'amd64')).toBe(
      'https://github.com/kubernetes-sigs/kind/releases/download/v0.32.0/kind-linux-amd64',
    );
    expect(artifactUrl('minikube', 'v1.38.1', 'arm64')).toBe(
      'https://storage.googleapis.com/minikube/releases/v1.38.1/minikube-linux-arm64',
    );
    expect(artifactUrl('istio', '1.30.3', 'amd64')).toBe(
      'https://github.com/istio/istio/releases/download/1.30.3/istio-1.30.3-linux-amd64.tar.gz',
    );
    expect(artifactUrl('kubectl', 'v1.36.3', 'amd64')).toBe(
      'https://dl.k8s.io/release/v1.36.3/bin/linux/amd64/kubectl',
    );
    expect(DEFAULT_BASE_URLS.kind).toMatch(/^https:\/\/github\.com\//);
  });

  it('pins a 64-hex SHA-256 for amd64 and arm64 of every tool', () => {
    for (const [tool, versions] of Object.entries(PINS)) {
      const entries = Object.values(versions);
      expect(entries.length, tool).toBeGreaterThan(0);
      for (const archs of entries) {
        expect(archs.amd64, tool).toMatch(/^[0-9a-f]{64}$/);
        expect(archs.arm64, tool).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('reads versions from `<tool> version` output and accepts kubectl within one minor', () => {
    expect(parseVersion('kind v0.32.0 go1.25.5 linux/amd64')).toBe('0.32.0');
    expect(parseVersion('client version: 1.30.3')).toBe('1.30.3');
    expect(parseVersion('Client Version: v1.36.3\nKustomize Version: v5.7.1')).toBe('1.36.3');
    expect(versionAcceptable('kind', 'v0.32.0', '0.32.0')).toBe(true);
    expect(versionAcceptable('kind', 'v0.32.0', '0.31.0')).toBe(false);
    expect(versionAcceptable('kubectl', 'v1.36.3', '1.35.9')).toBe(true);
    expect(versionAcceptable('kubectl', 'v1.36.3', '1.34.0')).toBe(false);
  });
});

describe('ensureTool', () => {
  it('downloads a missing tool, verifies its pin, caches it, and runs it', async () => {
    const c = ctx();
    const kind = await ensureTool(c, 'kind', VERSIONS.kind);
    expect(kind.source).toBe('download');
    expect(kind.bin).toBe(path.join(cacheDir, 'kind', '0.32.0', 'amd64', 'kind'));
    expect(server.count(KIND_PATH)).toBe(1);
    const r = await c.runner.run(kind.bin, ['version']);
    expect(r.stdout).toContain('kind v0.32.0');
    expect(readdirSync(downloadDir)).toEqual([]); // the download itself is not left behind
  });

  it('reuses the tool cache without a second download', async () => {
    const first = await ensureTool(ctx(), 'kind', VERSIONS.kind);
    const before = server.count(KIND_PATH);
    const c = ctx();
    const second = await ensureTool(c, 'kind', VERSIONS.kind);
    expect(second.source).toBe('cache');
    expect(second.bin).toBe(first.bin);
    expect(server.count(KIND_PATH)).toBe(before);
  });

  it('refuses a file whose SHA-256 differs from the pin and caches nothing', async () => {
    const wrong = { ...release.pins, kind: { [VERSIONS.kind]: { amd64: '0'.repeat(64) } } };
    const c = ctx([emptyPath], wrong);
    const err = await ensureTool(c, 'kind', VERSIONS.kind).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as Error).message).toContain(
      `expected ${'0'.repeat(64)}, got ${release.pins.kind[VERSIONS.kind]!.amd64}`,
    );
    expect(tc.find('kind', '0.32.0', 'amd64')).toBe('');
    expect(existsSync(path.join(cacheDir, 'kind'))).toBe(false);
    expect(readdirSync(downloadDir)).toEqual([]);
  });

  it('retries a 503 and a reset connection, one request per attempt, then succeeds', async () => {
    const before = server.count(KIND_PATH);
    server.failNext(503, 'reset');
    const c = ctx();
    const kind = await ensureTool(c, 'kind', VERSIONS.kind);
    expect(kind.source).toBe('download');
    expect(server.count(KIND_PATH) - before).toBe(3);
    expect(c.waits).toEqual([2000, 4000]);
    expect(c.logger.lines.some((l) => l.startsWith('warning download of') && l.includes('retrying'))).toBe(
      true,
    );
    expect((await c.runner.run(kind.bin, ['version'])).stdout).toContain('v0.32.0');
    expect(readdirSync(downloadDir)).toEqual([]); // the cut-off body is not left behind
  });

  it('a server failing twice with 503 is downloaded on the 3rd attempt with exactly 3 requests', async () => {
    const before = server.count(KIND_PATH);
    server.failNext(503, 503);
    const c = ctx();
    const kind = await ensureTool(c, 'kind', VERSIONS.kind);
    expect(kind.source).toBe('download');
    expect(server.count(KIND_PATH) - before).toBe(3);
    expect(c.waits).toEqual([2000, 4000]);
  });

  it('gives up after the bounded number of attempts (3 requests, not 9) and caches nothing', async () => {
    const before = server.count(KIND_PATH);
    server.failNext(503, 503, 503);
    const c = ctx();
    const err = await ensureTool(c, 'kind', VERSIONS.kind).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/could not download .*kind-linux-amd64.*answered 503/);
    expect(server.count(KIND_PATH) - before).toBe(3);
    expect(c.waits).toEqual([2000, 4000]);
    expect(existsSync(path.join(cacheDir, 'kind'))).toBe(false);
    expect(readdirSync(downloadDir)).toEqual([]);
  });

  it('does not retry a 404: fetched once', async () => {
    const missing = { ...release.pins, kind: { 'v9.9.9': { amd64: 'a'.repeat(64) } } };
    const c = ctx([emptyPath], missing);
    const err = await ensureTool(c, 'kind', 'v9.9.9').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/could not download .*answered 404/);
    expect(server.count('/kind/v9.9.9/kind-linux-amd64')).toBe(1);
    expect(c.waits).toEqual([]);
  });

  it('does not download again after a checksum mismatch: fetched once', async () => {
    const before = server.count(KIND_PATH);
    const wrong = { ...release.pins, kind: { [VERSIONS.kind]: { amd64: 'f'.repeat(64) } } };
    const c = ctx([emptyPath], wrong);
    await expect(ensureTool(c, 'kind', VERSIONS.kind)).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect(server.count(KIND_PATH) - before).toBe(1);
    expect(c.waits).toEqual([]);
  });

  it('a cancel during the wait between attempts ends the download with its reason, nothing more fetched', async () => {
    const before = server.count(KIND_PATH);
    server.failNext(503);
    const cancel = new AbortController();
    const reason = new Error('run cancelled');
    const c = ctx();
    c.options = {
      ...c.options,
      signal: cancel.signal,
      // The cancel arrives while the download waits for its next attempt.
      sleep: () => {
        cancel.abort(reason);
        return Promise.resolve();
      },
    };
    await expect(ensureTool(c, 'kind', VERSIONS.kind)).rejects.toBe(reason);
    expect(server.count(KIND_PATH) - before).toBe(1);
    expect(existsSync(path.join(cacheDir, 'kind'))).toBe(false);
  });

  it('refuses a version without a pinned checksum, naming the pinned ones', async () => {
    const err = await ensureTool(ctx(), 'kind', 'v0.31.0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnpinnedVersionError);
    expect((err as Error).message).toContain('pins v0.32.0 for kind');
  });

  it('reuses a binary of the same version on PATH without downloading', async () => {
    const binDir = path.join(work, 'path-same');
    writeStubs(binDir, path.join(work, 'path-same.log'));
    const before = server.total();
    const c = ctx([binDir]);
    const kind = await ensureTool(c, 'kind', VERSIONS.kind);
    expect(kind).toMatchObject({ source: 'path', bin: 'kind' });
    const kubectl = await ensureTool(c, 'kubectl', VERSIONS.kubectl);
    expect(kubectl).toMatchObject({ source: 'path', bin: 'kubectl' });
    expect(server.total()).toBe(before);
    expect(readLog(path.join(work, 'path-same.log'))).toEqual(['kind version', 'kubectl version --client']);
  });

  it('downloads when the binary on PATH has another version', async () => {
    const binDir = path.join(work, 'path-old');
    writeStubs(binDir, path.join(work, 'path-old.log'), { versions: { kind: 'v0.29.0' } });
    const kind = await ensureTool(ctx([binDir]), 'kind', VERSIONS.kind);
    expect(kind.source).toBe('download');
  });

  it('says how to configure the tool cache when RUNNER_TOOL_CACHE is not set', async () => {
    delete process.env.RUNNER_TOOL_CACHE;
    await expect(ensureTool(ctx(), 'kind', VERSIONS.kind)).rejects.toThrow(
      /set RUNNER_TOOL_CACHE to a folder for downloaded tools/,
    );
  });

  it('caches the whole Istio release: bin/istioctl and samples/addons/prometheus.yaml', async () => {
    const before = server.count(ISTIO_PATH);
    const istio = await ensureTool(ctx(), 'istio', VERSIONS.istio, { allowPath: false });
    expect(istio.source).toBe('download');
    expect(server.count(ISTIO_PATH) - before).toBe(1);
    expect(istio.releaseDir).toBe(path.join(cacheDir, 'istio', '1.30.3', 'amd64'));
    expect(existsSync(path.join(istio.releaseDir!, 'samples', 'addons', 'prometheus.yaml'))).toBe(true);
    const r = await createCommandRunner().run(istio.bin, ['version', '--remote=false']);
    expect(r.stdout.trim()).toBe('client version: 1.30.3');
  });
});
