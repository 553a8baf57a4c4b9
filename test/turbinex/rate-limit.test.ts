import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { jwtSession } from "../../src/auth/index.js";
import { AbortedError, RateLimitError } from "../../src/core/errors.js";
import { createRateLimiter, limitFetch } from "../../src/core/rate-limiter.js";
import { TURBINEX_SIM_PASSWORD } from "../../src/testing/turbinex/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { answerInstead, clientAs, zip } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX rate limits", () => {
  it("sends X-RateLimit-* headers and a 429 with Retry-After past the plan's per-user limit", async () => {
    t.sim.clock.advance(60_000 - (t.sim.clock.now() % 60_000)); // start of a fresh window
    const tx = clientAs(t, "free", { maxRetries: 0 });
    await tx.auth.me();
    expect(tx.lastRateLimit).toMatchObject({ limit: 30, remaining: 29 });
    for (let i = 1; i < 30; i++) await tx.auth.me();
    expect(tx.lastRateLimit?.remaining).toBe(0);
    const error = await tx.auth.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const limited = error as RateLimitError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfterMs).toBe(60_000);
    expect(limited.limit).toBe(30);
    expect(limited.remaining).toBe(0);
    expect(limited.message).toContain("30 requests per minute per user on the free plan");
    t.sim.clock.advance(60_000);
    expect((await tx.auth.me()).plan).toBe("free");
  });

  it("limits per org too", async () => {
    t.sim.clock.advance(60_000 - (t.sim.clock.now() % 60_000));
    const emails = ["a@solo.test", "b@solo.test", "c@solo.test"];
    for (const email of emails)
      t.provider.state.addUser({ email, org_id: "org_solo", role: "member", verified: true });
    const clients = emails.map((email) =>
      createTurbineX({
        auth: jwtSession({ credentials: { email, password: TURBINEX_SIM_PASSWORD } }),
        maxRetries: 0,
      }),
    );
    for (let i = 0; i < 30; i++) await clients[0]!.auth.me();
    for (let i = 0; i < 30; i++) await clients[1]!.auth.me();
    const error = await clients[2]!.auth.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toContain("60 requests per minute per org");
    t.sim.clock.advance(60_000);
  });

  it("honours Retry-After on a 429 for idempotent calls", async () => {
    // The client's own backoff is 1–5 ms here, so a call that takes a second can only have waited
    // for the header. Only a lower bound is asserted: a slow machine makes it longer, never shorter.
    // The 429 is answered once instead of the simulator; the retry reaches the simulator.
    const tx = clientAs(t, "owner");
    await tx.auth.me();
    answerInstead(
      t,
      "get",
      "/org",
      () => HttpResponse.json({ detail: "slow down" }, { status: 429, headers: { "Retry-After": "1" } }),
      { once: true },
    );
    const started = performance.now();
    const org = await tx.org.get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(org.id).toBe("org_acme");
    expect(t.requests.paths()).toEqual(["POST /auth/login", "GET /auth/me", "GET /org", "GET /org"]);
  });

  it("never retries a 429 on a job submit", async () => {
    const tx = clientAs(t, "owner", { maxRetries: 3 });
    await tx.auth.me();
    answerInstead(t, "post", "/jobs", () =>
      HttpResponse.json({ detail: "slow down" }, { status: 429, headers: { "Retry-After": "0" } }),
    );
    await expect(tx.jobs.submit({ file: zip("limited") })).rejects.toBeInstanceOf(RateLimitError);
    expect(t.requests.paths()).toEqual(["POST /auth/login", "GET /auth/me", "POST /jobs"]);
  });

  it("the opt-in client limiter queues requests instead of collecting 429s", async () => {
    const tx = clientAs(t, "owner", { rateLimit: { perMinute: 2, windowMs: 300 } });
    await tx.auth.me(); // login + me use the first two slots
    const t0 = Date.now();
    const done = await Promise.all(
      [tx.org.get(), tx.org.get(), tx.org.get()].map((call) => call.then((org) => ({ org, at: Date.now() }))),
    );
    expect(done.map((d) => d.org.id)).toEqual(["org_acme", "org_acme", "org_acme"]);
    expect(t.requests.paths()).toEqual([
      "POST /auth/login",
      "GET /auth/me",
      "GET /org",
      "GET /org",
      "GET /org",
    ]);
    // The window was full: the first /org waited for it (≥ 200 ms), the third for the next one
    // (another 250 ms at least): an answer comes no sooner than its request was let out.
    expect(done[0]!.at - t0).toBeGreaterThanOrEqual(200);
    expect(done[2]!.at - t0).toBeGreaterThanOrEqual(450);
  });
});

describe("core limitFetch / createRateLimiter", () => {
  it("lets perMinute requests through at once, then queues in order", async () => {
    const limiter = createRateLimiter({ perMinute: 2, windowMs: 100 });
    const order: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
  });

  it("drops a queued request whose signal aborts, and validates options", async () => {
    const limiter = createRateLimiter({ perMinute: 1, windowMs: 10_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.queued).toBe(1);
    controller.abort(new AbortedError("stop"));
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(limiter.queued).toBe(0);
    expect(() => createRateLimiter({ perMinute: 0 })).toThrow(/perMinute/);
  });

  it("wraps fetch", async () => {
    const seen: string[] = [];
    const fake = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response("ok");
    }) as typeof fetch;
    const limited = limitFetch(fake, { perMinute: 5 });
    const response = await limited("https://example.test/a");
    expect(await response.text()).toBe("ok");
    expect(seen).toEqual(["https://example.test/a"]);
    expect(limited.limiter.queued).toBe(0);
  });
});
