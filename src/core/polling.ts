import { AbortedError, InputValidationError, TimeoutError } from "./errors.js";
import { sleep } from "./sleep.js";

/** Options of every `waitFor…`: polling interval, timeout, abort signal, progress callback. */
export interface WaitOptions<T> {
  /** Told about every observed value (status changes, progress). */
  onProgress?: (value: T) => void;
  /** Give up after this long, ms (default 30 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** First delay between polls, ms (default 1000); grows by `backoff` up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  backoff?: number;
  /**
   * More statuses that end the wait (compared case-insensitively), besides the documented ones and
   * the common final words (`COMMON_FINAL_STATUSES`). For a server that says `archived`, say.
   */
  finalStates?: readonly string[];
  /**
   * The caller's "is it done" predicate: ends the wait as soon as it answers true (besides the
   * final statuses). Named `until` rather than `isDone` because providers pass these options
   * through (`{ ...options, isDone: … }`) and set their own `isDone`, which would overwrite it.
   */
  until?: (value: T) => boolean;
}

export interface WaitInit<T> extends WaitOptions<T> {
  /** What is being waited for, for messages ("job 42"). */
  what: string;
  /** Reads the current value once (the wait's signal is passed on to the request). */
  poll(signal: AbortSignal | undefined): Promise<T>;
  /** True once the value is final (whatever the outcome). Unknown states must answer false. */
  isDone(value: T): boolean;
  /**
   * The status text of a value, so the common final words and `finalStates` end the wait.
   * Default: the value itself when it is a string, else its `status` field. `null`: the provider
   * decides alone (it reads final words itself, as TurboStack's deploy wait does).
   */
  statusOf?: ((value: T) => unknown) | null;
}

/**
 * Words servers commonly use for "this is over", recognised by every wait whatever the provider
 * documents: a real server that says `completed` where the docs say `succeeded` must not be
 * waited on until the timeout.
 */
export const COMMON_FINAL_STATUSES: readonly string[] = [
  "succeeded",
  "success",
  "successful",
  "completed",
  "complete",
  "done",
  "finished",
  "failed",
  "failure",
  "error",
  "errored",
  "cancelled",
  "canceled",
];

const FAILED_WORDS = new Set(["failed", "failure", "error", "errored"]);
const CANCELLED_WORDS = new Set(["cancelled", "canceled"]);

/**
 * How a final status ended: `failed` for failed/failure/error/errored, `cancelled` for either
 * spelling, `succeeded` for any other common final word; undefined when the status is not one.
 */
export function finalOutcome(status: unknown): "succeeded" | "failed" | "cancelled" | undefined {
  if (typeof status !== "string") return undefined;
  const key = status.trim().toLowerCase();
  if (FAILED_WORDS.has(key)) return "failed";
  if (CANCELLED_WORDS.has(key)) return "cancelled";
  return COMMON_FINAL_STATUSES.includes(key) ? "succeeded" : undefined;
}

/** The wait's whole "is it over" test: the caller's `until`, the provider's, then the status words. */
function doneTest<T>(init: WaitInit<T>): (value: T) => boolean {
  const extra = finalStatesOf(init.finalStates);
  const until = init.until;
  if (until !== undefined && typeof until !== "function")
    throw new InputValidationError("until", "must be a function");
  const statusOf = init.statusOf === undefined ? defaultStatusOf : init.statusOf;
  return (value) => {
    if (until?.(value) === true || init.isDone(value)) return true;
    if (statusOf === null) return false;
    const status = statusOf(value);
    if (typeof status !== "string") return false;
    const key = status.trim().toLowerCase();
    return COMMON_FINAL_STATUSES.includes(key) || extra.has(key);
  };
}

function defaultStatusOf(value: unknown): unknown {
  if (typeof value === "string") return value;
  return typeof value === "object" && value !== null ? (value as { status?: unknown }).status : undefined;
}

/**
 * A wait's `finalStates` option, checked (`InputValidationError`) and normalised (trimmed, lower
 * case) — for a provider whose own final-status logic weighs the caller's words too.
 */
export function finalStatesOf(given: unknown): Set<string> {
  if (given === undefined) return new Set();
  if (!Array.isArray(given) || given.length > 100 || !given.every((s) => typeof s === "string" && s !== ""))
    throw new InputValidationError("finalStates", "must be an array of at most 100 non-empty strings");
  return new Set(given.map((s: string) => s.trim().toLowerCase()));
}

/** Thrown by `waitFor` when time runs out; carries the last value seen. */
export class WaitTimeoutError<T = unknown> extends TimeoutError {
  static override readonly brandName: string = "WaitTimeoutError";
  readonly lastValue: T | undefined;
  constructor(message: string, lastValue: T | undefined) {
    super(message);
    this.lastValue = lastValue;
  }
}

/**
 * Polls until `isDone` (or the caller's `until`, or a final status word), with growing intervals, a timeout, and an AbortSignal that interrupts
 * the wait between polls as well as the poll itself. The timeout bounds the whole wait: a poll
 * still in flight when it passes is aborted, so a hung request cannot outlive `timeoutMs`.
 */
export async function waitFor<T>(init: WaitInit<T>): Promise<T> {
  // Checked before the first poll: a NaN timeout would never fire and a zero interval would poll
  // the API in a tight loop.
  const timeoutMs = waitNumber(init.timeoutMs, "timeoutMs", 30 * 60_000, 1);
  let interval = waitNumber(init.intervalMs, "intervalMs", 1_000, 1);
  const maxInterval = waitNumber(init.maxIntervalMs, "maxIntervalMs", Math.max(15_000, interval), interval);
  const backoff = waitNumber(init.backoff, "backoff", 1.5, 1);
  const isDone = doneTest(init);
  const timeUp = new AbortController();
  const timer = setTimeout(() => timeUp.abort(), timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeUp.signal]) : timeUp.signal;
  let last: T | undefined;
  // What ended the wait early: the caller's signal, else the timeout.
  const stopped = (cause: unknown) =>
    init.signal?.aborted
      ? new AbortedError(`waiting for ${init.what} was aborted`, { cause: init.signal.reason })
      : timeUp.signal.aborted
        ? new WaitTimeoutError(`${init.what} did not finish within ${timeoutMs} ms`, last)
        : cause;
  try {
    for (;;) {
      if (signal.aborted) throw stopped(undefined);
      try {
        last = await init.poll(signal);
      } catch (error) {
        throw stopped(error);
      }
      init.onProgress?.(last);
      if (isDone(last)) return last;
      try {
        await sleep(interval, signal);
      } catch (reason) {
        throw stopped(reason);
      }
      interval = Math.min(maxInterval, interval * backoff);
    }
  } finally {
    clearTimeout(timer);
  }
}

function waitNumber(value: unknown, field: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min)
    throw new InputValidationError(field, `must be a finite number ≥ ${min}`);
  return value;
}
