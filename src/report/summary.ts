// The Reporter run() receives: the sticky PR comment while the promotion runs, and at the end
// the report JSON file, the job summary and the action outputs. The report it is given is
// complete; this module only renders and delivers it. Comment failures are warnings.
import type { PromotionReport } from '../model.js';
import type { Logger, Reporter } from '../ports.js';
import type { Settings } from '../settings.js';
import {
  GithubClient,
  StickyComment,
  commentAction,
  stickyMarker,
  type GithubClientOptions,
} from './github.js';
import { writeReportJson } from './json.js';
import { GITHUB_COMMENT_LIMIT, renderReport } from './markdown.js';

export type ReporterOptions = Pick<Settings, 'comment' | 'githubToken' | 'prNumber' | 'github'> &
  Partial<Pick<Settings, 'proxy'>>;

export interface ReporterDeps {
  logger: Logger;
  /** The job summary: core.summary.addRaw(md).write() in production. */
  summary: { write(markdown: string): Promise<void> };
  /** core.setOutput in production. */
  setOutput(name: string, value: string): void;
  /** fetch, sleep and retry bounds for the GitHub client (tests point it at a local server). */
  client?: Omit<GithubClientOptions, 'apiUrl' | 'token'>;
}

const READ_ONLY_WARNING =
  'The github-token cannot write PR comments (read-only token: fork PR, Dependabot or restricted permissions); ' +
  'the report is in the job summary instead.';

export function createReporter(options: ReporterOptions, deps: ReporterDeps): Reporter {
  const { logger } = deps;
  let sticky: StickyComment | null | undefined;
  let warnedReadOnly = false;
  let lastUrl: string | null = null;

  const stickyFor = (report: PromotionReport): StickyComment | null => {
    if (sticky !== undefined) return sticky;
    if (options.githubToken === null || options.githubToken === '') {
      logger.info('No github-token: the report goes to the job summary only.');
      sticky = null;
      return sticky;
    }
    const client = new GithubClient({
      ...deps.client,
      apiUrl: options.github.apiUrl,
      token: options.githubToken,
      proxy: options.proxy ?? deps.client?.proxy,
    });
    sticky = new StickyComment({
      client,
      github: options.github,
      prNumber: options.prNumber,
      marker: stickyMarker(report.namespace, report.virtualService, options.github.workflow),
      logger,
    });
    return sticky;
  };

  const comment = async (report: PromotionReport, phase: 'progress' | 'final'): Promise<string | null> => {
    const action = commentAction(options.comment, report, phase);
    if (action === 'skip') return lastUrl;
    const target = stickyFor(report);
    if (target === null) return null;
    const markdown = renderReport(report, { maxChars: GITHUB_COMMENT_LIMIT - target.markerText.length - 1 });
    try {
      const result = await target.post(markdown, action);
      switch (result.kind) {
        case 'posted':
          lastUrl = result.url;
          if (result.created) logger.info(`Created the PR comment ${result.url}`);
          break;
        case 'read-only':
          if (!warnedReadOnly) logger.warning(READ_ONLY_WARNING);
          warnedReadOnly = true;
          break;
        case 'skipped':
          logger.info(`PR comment skipped: ${result.why}.`);
          break;
      }
    } catch (error) {
      logger.warning(
        `Could not update the PR comment: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return lastUrl;
  };

  return {
    async progress(report) {
      await comment(report, 'progress');
    },

    async final(report) {
      const commentUrl = await comment(report, 'final');
      let reportJsonPath: string | null = null;
      try {
        reportJsonPath = await writeReportJson(report, options.github.tempDir, options.github);
      } catch (error) {
        logger.warning(
          `Could not write the report JSON: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      try {
        // The summary allows 1 MiB; the comment-sized rendering keeps it readable.
        await deps.summary.write(renderReport(report));
      } catch (error) {
        logger.warning(
          `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      deps.setOutput('status', report.status);
      deps.setOutput('weight', String(report.weight));
      deps.setOutput('step', String(report.step));
      deps.setOutput('report-json', reportJsonPath ?? '');
      deps.setOutput('comment-url', commentUrl ?? '');
      return { commentUrl, reportJsonPath };
    },
  };
}
