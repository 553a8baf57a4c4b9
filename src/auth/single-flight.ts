import { TimeoutError } from "../core/errors.js";

/**
 * The shared step of a session (a token refresh, a SIWE login) that any number of calls wait on.
 * Built for hostile servers:
 * - each waiter leaves on its own signal (its caller's abort or total deadline), while the step
 *   goes on for the others;
 * - the step itself is bounded (`timeoutMs`): a refresh endpoint that never answers fails every
 *   waiter with a TimeoutError instead of holding them for the client's default timeout;
 * - a refused step is remembered for the requests that were already out when it failed, so 100
 *   concurrent 401s answered by one refused refresh stay one refresh (`refusedFor`).
 */
export class SingleFlight {
  #inflight: Promise<void> | undefined;
  /** Increases with every request the session authorizes. */
  #sequence = 0;
  readonly #sentAt = new WeakMap<Request, number>();
  #refusal: { upTo: number; error: unknown } | undefined;

  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {}

  /** Remember that `request` was authorized now (for `refusedFor`). */
  stamp(request: Request): void {
    this.#sentAt.set(request, ++this.#sequence);
  }

  /** The error of a step that failed after `request` was sent, if any: the same answer applies to it. */
  refusedFor(request: Request): unknown {
    const at = this.#sentAt.get(request);
    const refusal = this.#refusal;
    return refusal && at !== undefined && at <= refusal.upTo ? refusal.error : undefined;
  }

  /** Wait for the step in flight, if one is, leaving early when `signal` aborts. */
  async settled(signal?: AbortSignal | null): Promise<void> {
    if (this.#inflight) await abortable(this.#inflight, signal);
  }

  /** Run `step` (or join the one in flight), waiting at most until `signal` aborts. */
  run(step: (signal: AbortSignal) => Promise<void>, signal?: AbortSignal | null): Promise<void> {
    this.#inflight ??= this.#bounded(step).then(
      () => {
        this.#refusal = undefined;
      },
      (error: unknown) => {
        this.#refusal = { upTo: this.#sequence, error };
        throw error;
      },
    );
    const mine = this.#inflight;
    void mine.then(
      () => this.#clear(mine),
      () => this.#clear(mine),
    );
    return abortable(mine, signal);
  }

  #clear(done: Promise<void>): void {
    if (this.#inflight === done) this.#inflight = undefined;
  }

  /** The step under its own timeout: its signal aborts, and the waiters are released at once. */
  async #bounded(step: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TimeoutError(`${this.what} did not finish within ${this.timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    try {
      await Promise.race([step(controller.signal), expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `promise`, or the signal's reason as soon as it aborts (the promise itself goes on). */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal | null): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
