import { HttpResponse, http } from "msw";
import { describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { TimeoutError } from "../../src/core/errors.js";
import { createRateLimiter } from "../../src/core/rate-limiter.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const read = route("GET", "/items");
const create = route("POST", "/items");
const ok = z.object({ ok: z.boolean() });

/** Records when each request reaches the server; `answer` may fail some. */
function serve(
  method: "get" | "post",
  answer: (n: number) => Response = () => HttpResponse.json({ ok: true }),
) {
  const starts: number[] = [];
  server.use(
    http[method](`${BASE}/items`, () => {
      starts.push(Date.now());
      return answer(starts.length);
    }),
  );
  return starts;
}

/** A client whose limiter slot is taken before each attempt, as createTurbineX wires it. */
function limited(perMinute: number, windowMs: number, options: Parameters<typeof testClient>[1] = {}) {
  const limiter = createRateLimiter({ perMinute, windowMs });
  return testClient(undefined, options, { beforeAttempt: (signal) => limiter.acquire(signal) });
}

describe("a client-side limiter wired through beforeAttempt", () => {
  test("waiting for a slot is not part of the per-attempt timeout: 5 calls at 2 per window all succeed", async () => {
    const starts = serve("get");
    // The window (400 ms) is far longer than the per-attempt timeout (100 ms).
    const client = limited(2, 400, { timeoutMs: 100 });
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 5 }, () => client.json(read, { schema: ok })));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(starts).toHaveLength(5);
    // Two at once, two a window later, the fifth a window after that.
    expect(starts[1]! - t0).toBeLessThan(300);
    expect(starts[2]! - t0).toBeGreaterThanOrEqual(350);
    expect(starts[4]! - t0).toBeGreaterThanOrEqual(750);
  });

  test("a queued POST is sent once and succeeds", async () => {
    const starts = serve("post");
    const client = limited(1, 300, { timeoutMs: 100 });
    const [first, second] = await Promise.all([
      client.json(create, { schema: ok, json: { n: 1 } }),
      client.json(create, { schema: ok, json: { n: 2 } }),
    ]);
    expect([first, second]).toEqual([{ ok: true }, { ok: true }]);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(250);
  });

  test("a retry takes a slot too, and waits for it outside the attempt timeout", async () => {
    const starts = serve("get", (n) =>
      n === 1 ? HttpResponse.json({ detail: "busy" }, { status: 503 }) : HttpResponse.json({ ok: true }),
    );
    const client = limited(1, 300, { timeoutMs: 100 });
    expect(await client.json(read, { schema: ok })).toEqual({ ok: true });
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(250);
  });

  test("totalTimeoutMs still bounds the wait: a TimeoutError, and nothing sent", async () => {
    const starts = serve("get");
    const client = limited(1, 60_000, { totalTimeoutMs: 150 });
    await client.json(read, { schema: ok });
    const started = Date.now();
    const error = await client.json(read, { schema: ok }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("total timeout of 150 ms");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(starts).toHaveLength(1);
  });
});

describe("the limiter never keeps a process alive", () => {
  test("when every waiter has aborted, its timer is cleared; when one still waits, it is kept", async () => {
    vi.useFakeTimers();
    try {
      const limiter = createRateLimiter({ perMinute: 1, windowMs: 60_000 });
      await limiter.acquire();
      const a = new AbortController();
      const b = new AbortController();
      const first = limiter.acquire(a.signal).catch((e: unknown) => e);
      const second = limiter.acquire(b.signal).catch((e: unknown) => e);
      expect(vi.getTimerCount()).toBe(1);
      a.abort(new Error("first left"));
      expect(vi.getTimerCount()).toBe(1); // the second still waits for the window
      b.abort(new Error("second left"));
      expect(vi.getTimerCount()).toBe(0);
      expect(limiter.queued).toBe(0);
      expect(((await first) as Error).message).toBe("first left");
      expect(((await second) as Error).message).toBe("second left");
      // The next caller still waits for the window the first request opened.
      const third = limiter.acquire();
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      await third;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
