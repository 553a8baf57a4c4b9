/**
 * The simulator's clock. Provider state (job progress, token expiry, deploy phases) reads time
 * only through this, so tests can jump ahead with `advance()` and the demo can run faster than
 * real time with `speed`.
 */
export interface SimClock {
  /** Simulated now, in epoch milliseconds. */
  now(): number;
  /** Jump simulated time forward. */
  advance(ms: number): void;
}

export interface ClockOptions {
  /** Simulated epoch milliseconds at creation (default: real now). */
  start?: number;
  /**
   * How fast simulated time runs against real time: 0 = frozen (only `advance` moves it; the
   * default inside unit tests), 1 = real time, 60 = one simulated minute per real second.
   */
  speed?: number;
}

export function createClock(options: ClockOptions = {}): SimClock {
  const realStart = Date.now();
  const start = options.start ?? realStart;
  const speed = options.speed ?? 0;
  let offset = 0;
  return {
    now: () => Math.floor(start + (Date.now() - realStart) * speed + offset),
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError("clock.advance takes a non-negative number of ms");
      offset += ms;
    },
  };
}
