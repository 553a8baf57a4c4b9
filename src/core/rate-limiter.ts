import { InputValidationError } from "./errors.js";

/** Settings of the client-side rate limiter (`rateLimit` option). */
export interface RateLimiterOptions {
  /** Most requests started in any window (a sliding window of `windowMs`). */
  perMinute: number;
  /** Window length, ms (default 60 000; tests shorten it). */
  windowMs?: number;
}

export interface RateLimiter {
  /** Resolves when a request may start (FIFO); rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal | null): Promise<void>;
  /** Requests waiting for a slot right now. */
  readonly queued: number;
}

/**
 * A client-side, queueing rate limiter: at most `perMinute` requests start in any sliding window;
 * extra requests wait in order instead of collecting 429s. Provider-neutral.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limit = options.perMinute;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InputValidationError("rateLimit.perMinute", "must be a positive integer");
  }
  const windowMs = options.windowMs ?? 60_000;
  if (typeof windowMs !== "number" || !(windowMs > 0)) {
    throw new InputValidationError("rateLimit.windowMs", "must be a positive number");
  }
  const starts: number[] = [];
  const waiters: { resolve: () => void; reject: (reason: unknown) => void; signal?: AbortSignal | null }[] =
    [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function prune(now: number) {
    while (starts.length > 0 && (starts[0] as number) <= now - windowMs) starts.shift();
  }

  function drain() {
    const now = Date.now();
    prune(now);
    while (waiters.length > 0 && starts.length < limit) {
      const waiter = waiters.shift()!;
      if (waiter.signal?.aborted) continue;
      starts.push(now);
      waiter.resolve();
    }
    if (waiters.length > 0 && timer === undefined) {
      const wait = Math.max(1, (starts[0] as number) + windowMs - now);
      timer = setTimeout(() => {
        timer = undefined;
        drain();
      }, wait);
      // Not unref'd while someone waits: a script awaiting a queued request must stay alive until
      // it is sent. Cleared as soon as nobody waits (see `stopIfIdle`).
    }
    stopIfIdle();
  }

  /** No waiter left (all served or all aborted): no timer may keep the process alive. */
  function stopIfIdle() {
    if (waiters.length > 0 || timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
  }

  return {
    get queued() {
      return waiters.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
          reject,
          signal,
        };
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          stopIfIdle();
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(waiter);
        drain();
      });
    },
  };
}

/**
 * Wraps a fetch so every request first takes a slot from a queueing rate limiter
 * (`limitFetch(fetch, { perMinute: 30 })`). Retries made through the wrapped fetch queue too.
 * Given to a client as `fetch`, the wait happens inside each attempt's timeout (`timeoutMs`),
 * so a long queue turns into TimeoutErrors: providers wire `createRateLimiter` through
 * `ProviderConfig.beforeAttempt` instead, which waits before that timeout starts.
 */
export function limitFetch(
  fetchImpl: typeof fetch,
  options: RateLimiterOptions | RateLimiter,
): typeof fetch & { limiter: RateLimiter } {
  const limiter = "acquire" in options ? options : createRateLimiter(options);
  const limited = async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    await limiter.acquire(signal);
    return fetchImpl(input, init);
  };
  return Object.assign(limited, { limiter }) as typeof fetch & { limiter: RateLimiter };
}
