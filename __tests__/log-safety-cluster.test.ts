// A readable job log when the action creates the cluster (issue 13 item 5): the tools and the
// cluster creation are one collapsible group, the Istio install the next one, each with its
// tools' output inside, never nested. Stub kind/minikube/istioctl/kubectl executables come from
// the local artifact server as in cluster-create.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import { prepareCluster } from '../src/cluster/index.js';
import { safeLogger } from '../src/log.js';
import type { StateStore } from '../src/ports.js';
import { parseSettings } from '../src/settings.js';
import { startArtifactServer, type ArtifactServer } from './support/artifact-server.js';
import { VERSIONS, baseUrls, buildRelease, type Release } from './fixtures/cluster/stubs.js';

let root: string;
let server: ArtifactServer;
let release: Release;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'log-groups-'));
  release = buildRelease(path.join(root, 'release'), path.join(root, 'argv.log'));
  server = await startArtifactServer(release.files);
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('cluster creation in the job log', () => {
  for (const provider of ['kind', 'minikube'] as const)
    it(`${provider}: creation and the Istio install are two groups, in order, never nested`, async () => {
      const work = mkdtempSync(path.join(root, 'work-'));
      process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(root, 'cache-'));
      process.env.RUNNER_TEMP = work;
      const lines: string[] = [];
      // The action's logger over a recording core: groups are real start/end calls.
      const logger = safeLogger({
        info: (m) => void lines.push(m),
        warning: (m) => void lines.push(`warning: ${m}`),
        error: (m) => void lines.push(`error: ${m}`),
        debug: () => undefined,
        startGroup: (t) => void lines.push(`::group::${t}`),
        endGroup: () => void lines.push('::endgroup::'),
      });
      const values = new Map<string, string>();
      const state: StateStore = { save: (k, v) => void values.set(k, v), get: (k) => values.get(k) ?? '' };
      const parsed = parseSettings(
        (n) =>
          ({ cluster: provider, 'cluster-name': 'ci', namespace: 'test', 'istio-version': VERSIONS.istio })[
            n
          ] ?? '',
        { RUNNER_TEMP: work },
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const conn = await prepareCluster(parsed.settings, {
        runner: createCommandRunner({
          baseEnv: { PATH: path.join(root, 'nothing-here') },
          echo: (line) => logger.info(line),
        }),
        state,
        logger,
        toolOptions: {
          baseUrls: baseUrls(server.url),
          pins: release.pins,
          arch: 'amd64',
          downloadDir: work,
          retry: { baseDelayMs: 1 },
        },
        clusterOptions: { readyTimeoutSeconds: 120 },
      });
      await conn.close();
      const groups = lines.filter((l) => l.startsWith('::group::') || l === '::endgroup::');
      expect(groups).toEqual([
        `::group::Creating ${provider} cluster ci (tools, then the cluster; a few minutes)`,
        '::endgroup::',
        '::group::Installing Istio (profile demo) with istioctl',
        '::endgroup::',
      ]);
      const inside = (title: RegExp, text: RegExp): boolean => {
        const start = lines.findIndex((l) => title.test(l));
        const end = lines.indexOf('::endgroup::', start);
        return lines.slice(start, end).some((l) => text.test(l));
      };
      expect(
        inside(
          /^::group::Creating/,
          provider === 'kind' ? /^Creating kind cluster ci$/ : /^Starting minikube/,
        ),
      ).toBe(true);
      expect(inside(/^::group::Installing Istio/, /^Waiting for istiod$/)).toBe(true);
      // The cluster was recorded for the post step inside the creation group (before creating).
      expect(values.get('created-cluster')).toContain(`"provider":"${provider}"`);
      // Nothing is logged outside a group between the two (the overlay is written silently).
      const firstEnd = lines.indexOf('::endgroup::');
      expect(lines[firstEnd + 1]).toBe('::group::Installing Istio (profile demo) with istioctl');
    });
});
