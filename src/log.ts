// Helpers over the Logger port shared by every module that logs: groups in the job log.
import type { Logger } from './ports.js';

/** Runs fn inside a collapsible log group when the logger has groups (the action), else with a title line. */
export function withGroup<T>(logger: Logger, title: string, fn: () => Promise<T>): Promise<T> {
  if (logger.group) return logger.group(title, fn);
  logger.info(title);
  return fn();
}
