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
}

export interface WaitInit<T> extends WaitOptions<T> {
  /** What is being waited for, for messages ("job 42"). */
  what: string;
  /** Reads the current value once (the wait's signal is passed on to the request). */
  poll(signal: AbortSignal | undefined): Promise<T>;
  /** True once the value is final (whatever the outcome). Unknown states must answer false. */
  isDone(value: T): boolean;
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
 * Polls until `isDone`, with growing intervals, a timeout, and an AbortSignal that interrupts
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
      if (init.isDone(last)) return last;
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
