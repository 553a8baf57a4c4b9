import { redactText } from "./redact.js";

/** The least severe level that is logged (`silent`: nothing). */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Anything with console-like methods: `console`, pino, winston, a test spy. */
export interface Logger {
  /** Request/response traces. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Notable events (a retry, a refresh). */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something recovered from. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Something failed. */
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Wraps the caller's logger: drops lines under `level` and scrubs secrets from the message and
 * from every field (fields are serialised, scrubbed and parsed back, so nested values are covered).
 */
export function createLogger(target: Logger | undefined, level: LogLevel = "warn"): Logger {
  const threshold = ORDER[level];
  const emit = (at: Exclude<LogLevel, "silent">) => (message: string, fields?: Record<string, unknown>) => {
    if (!target || ORDER[at] < threshold) return;
    const safeFields = fields === undefined ? undefined : scrubFields(fields);
    if (safeFields === undefined) target[at](redactText(message));
    else target[at](redactText(message), safeFields);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(redactText(JSON.stringify(fields)));
  } catch {
    return { note: "fields could not be serialised" };
  }
}
