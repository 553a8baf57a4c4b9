import { delay, HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { AbortedError, TimeoutError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const get = route("GET", "/slow");
const post = route("POST", "/slow");
const schema = z.object({ ok: z.boolean() });

/** A handler that never answers until the request is aborted; counts arrivals and aborts. */
function hanging(method: "get" | "post" = "get") {
  const state = { arrived: 0, aborted: 0 };
  server.use(
    http[method](`${BASE}/slow`, async ({ request }) => {
      state.arrived++;
      request.signal.addEventListener("abort", () => state.aborted++);
      await delay("infinite");
      return HttpResponse.json({ ok: true });
    }),
  );
  return state;
}

describe("timeouts and aborts", () => {
  test("the per-attempt timeout cancels the request; idempotent calls retry, then a TimeoutError", async () => {
    const state = hanging();
    const client = testClient(undefined, { timeoutMs: 50, maxRetries: 1 });
    const error = await client.json(get, { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(state.arrived).toBe(2);
    await expect.poll(() => state.aborted).toBe(2);
  });

  test("a timed-out POST is not replayed", async () => {
    const state = hanging("post");
    const error = await testClient(undefined, { timeoutMs: 50 })
      .json(post, { schema, json: {} })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(state.arrived).toBe(1);
  });

  test("the overall deadline stops the whole call, retries included", async () => {
    const state = hanging();
    const client = testClient(undefined, { timeoutMs: 1000, totalTimeoutMs: 80, maxRetries: 5 });
    const error = await client.json(get, { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("total timeout of 80 ms");
    expect(state.arrived).toBe(1);
  });

  test("the caller's signal cancels an in-flight request", async () => {
    const state = hanging();
    const controller = new AbortController();
    const pending = testClient()
      .json(get, { schema, options: { signal: controller.signal } })
      .catch((e) => e);
    await expect.poll(() => state.arrived).toBe(1);
    controller.abort(new Error("user navigated away"));
    const error = await pending;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error.cause as Error).message).toBe("user navigated away");
    await expect.poll(() => state.aborted).toBe(1);
  });

  test("an abort during the retry backoff stops at once, with no further attempt", async () => {
    let arrived = 0;
    server.use(
      http.get(`${BASE}/slow`, () => {
        arrived++;
        return HttpResponse.json({ detail: "busy" }, { status: 503, headers: { "retry-after": "30" } });
      }),
    );
    const controller = new AbortController();
    const started = Date.now();
    const pending = testClient()
      .json(get, { schema, options: { signal: controller.signal } })
      .catch((e) => e);
    await expect.poll(() => arrived).toBe(1);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AbortedError);
    expect(arrived).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000); // did not sit out the 30 s backoff
  });

  test("the total deadline firing during a Retry-After backoff gives a TimeoutError at once", async () => {
    let arrived = 0;
    server.use(
      http.get(`${BASE}/slow`, () => {
        arrived++;
        return HttpResponse.json({ detail: "busy" }, { status: 503, headers: { "retry-after": "30" } });
      }),
    );
    const started = Date.now();
    const error = await testClient(undefined, { totalTimeoutMs: 150, maxRetries: 2 })
      .json(get, { schema })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("total timeout of 150 ms");
    expect(arrived).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000); // did not sit out the 30 s backoff
  });

  test("the total deadline firing during a Retry-After-Ms backoff gives a TimeoutError too", async () => {
    let arrived = 0;
    server.use(
      http.get(`${BASE}/slow`, () => {
        arrived++;
        return HttpResponse.json({ detail: "busy" }, { status: 429, headers: { "retry-after-ms": "30000" } });
      }),
    );
    const error = await testClient(undefined, { totalTimeoutMs: 150 })
      .json(get, { schema })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(arrived).toBe(1);
  });

  test("an already-aborted signal sends nothing", async () => {
    const state = hanging();
    const error = await testClient()
      .json(get, { schema, options: { signal: AbortSignal.abort() } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(state.arrived).toBe(0);
  });
});
