// When a PR closes, the preview's sticky comments say the environment is gone (they are
// updated in place; none is created for a preview that never had one).
import type { Logger } from '../ports.js';
import { escapeMarkdown } from './escape.js';
import { GithubClient, StickyComment, stickyMarker, type GithubClientOptions } from './github.js';
import type { ReporterOptions } from './summary.js';

export function previewDeletedMarkdown(namespace: string, virtualService: string, at: Date): string {
  return [
    `## 🧹 Preview environment deleted: ${escapeMarkdown(namespace, 80)}/${escapeMarkdown(virtualService, 80)}`,
    '',
    `The namespace ${escapeMarkdown(namespace, 80)} and everything in it were deleted at ${at.toISOString()} when the pull request closed.`,
  ].join('\n');
}

/** Updates the sticky comment of each VirtualService the preview had; returns the comment URLs. */
export async function reportPreviewDeleted(
  options: ReporterOptions,
  namespace: string,
  virtualServices: readonly string[],
  deps: {
    logger: Logger;
    summary: { write(markdown: string): Promise<void> };
    client?: Omit<GithubClientOptions, 'apiUrl' | 'token'>;
    now?: () => Date;
  },
): Promise<string[]> {
  const at = deps.now?.() ?? new Date();
  const urls: string[] = [];
  // One client (one Octokit, one proxy agent) for every comment of the preview.
  let client: GithubClient | undefined;
  for (const vs of virtualServices.length ? virtualServices : ['(none)']) {
    const markdown = previewDeletedMarkdown(namespace, vs, at);
    await deps.summary.write(markdown);
    if (options.comment === 'never' || !options.githubToken || virtualServices.length === 0) continue;
    client ??= new GithubClient({
      ...deps.client,
      apiUrl: options.github.apiUrl,
      token: options.githubToken,
      proxy: options.proxy ?? deps.client?.proxy,
    });
    const sticky = new StickyComment({
      client,
      github: options.github,
      prNumber: options.prNumber,
      marker: stickyMarker(namespace, vs, options.github.workflow),
      logger: deps.logger,
    });
    try {
      const result = await sticky.post(markdown, 'update-only');
      if (result.kind === 'posted') urls.push(result.url);
    } catch (e) {
      deps.logger.warning(
        `preview: could not update the PR comment: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return urls;
}
