// Helpers over the Logger port shared by every module that logs: groups in the job log, and
// the one logger wrapper that makes every line safe to emit (secrets redacted, no workflow
// commands, control characters escaped, every line after a message's first marked as its
// continuation so that no line break can forge a line of ours; src/redact.ts).
import type { Logger } from './ports.js';
import { safeLogText } from './redact.js';

/**
 * Runs fn inside a collapsible log group when the logger has groups (the action), else with a
 * title line (the CLI). Nested or concurrent groups become title lines inside the open group:
 * the job log has one level of groups.
 */
export function withGroup<T>(logger: Logger, title: string, fn: () => Promise<T>): Promise<T> {
  if (logger.group) return logger.group(title, fn);
  logger.info(title);
  return fn();
}

/** Where a safe logger writes: @actions/core in the action, stderr in the CLI. */
export interface LogSink {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** core.startGroup / core.endGroup; without them a group is a title line. */
  startGroup?(title: string): void;
  endGroup?(): void;
}

/**
 * A Logger whose every message (and group title) is redacted and neutralised before it reaches
 * the sink, whatever module logs it and wherever the text came from (cluster objects, error
 * bodies, API responses). A message that still holds a line break is written with every later
 * line starting with `  | ` (CONTINUATION): only a message's first line starts at column 0.
 */
export function safeLogger(sink: LogSink): Logger {
  let open = false;
  const logger: Logger = {
    info: (m) => sink.info(safeLogText(m)),
    warning: (m) => sink.warning(safeLogText(m)),
    error: (m) => sink.error(safeLogText(m)),
    debug: (m) => sink.debug(safeLogText(m)),
  };
  const startGroup = sink.startGroup && ((title: string) => sink.startGroup?.(title));
  const endGroup = sink.endGroup && (() => sink.endGroup?.());
  if (startGroup && endGroup) {
    logger.group = async <T>(title: string, fn: () => Promise<T>): Promise<T> => {
      if (open) {
        logger.info(title);
        return fn();
      }
      open = true;
      startGroup(safeLogText(title));
      try {
        return await fn();
      } finally {
        open = false;
        endGroup();
      }
    };
  }
  return logger;
}

/**
 * A logger whose every line starts with `[name] ` (a service of a lockstep run): the services
 * log at the same time, so their lines interleave; without groups, which cannot interleave.
 */
export function prefixedLogger(logger: Logger, name: string): Logger {
  const p = `[${name}] `;
  return {
    info: (m) => logger.info(p + m),
    warning: (m) => logger.warning(p + m),
    error: (m) => logger.error(p + m),
    debug: (m) => logger.debug(p + m),
  };
}
