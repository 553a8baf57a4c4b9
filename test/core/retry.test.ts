import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { bearer } from "../../src/auth/bearer.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";
import {
  ConnectionError,
  InternalServerError,
  PaymentRequiredError,
  RateLimitError,
  ServiceUnavailable,
} from "./retry-support.js";

const server = useMsw();
const read = route("GET", "/items");
const create = route("POST", "/items");
const put = route("PUT", "/items");
const query = route("POST", "/items/search", { query: true });
const ok = z.object({ ok: z.boolean() });

/** Serves `failures` in order, then success; returns the request log. */
function flaky(method: "get" | "post" | "put", path: string, failures: Array<() => Response>) {
  const log: Array<{ at: number; auth: string | null }> = [];
  server.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      await request.arrayBuffer(); // take the upload, as a server does
      log.push({ at: Date.now(), auth: request.headers.get("authorization") });
      const next = failures.shift();
      return next ? next() : HttpResponse.json({ ok: true });
    }),
  );
  return log;
}

/** A request body that can only be read once (a streamed upload). */
function upload(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("chunk of a large file"));
      controller.close();
    },
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retries", () => {
  test("a GET is retried on 503 and re-authorized on every attempt", async () => {
    let n = 0;
    const log = flaky("get", "/items", [ServiceUnavailable, ServiceUnavailable]);
    const client = testClient(bearer(() => `token-${++n}`));
    expect(await client.json(read, { schema: ok })).toEqual({ ok: true });
    expect(log.map((l) => l.auth)).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-3"]);
  });

  test("a GET is retried after a dropped connection", async () => {
    const log = flaky("get", "/items", [() => HttpResponse.error()]);
    expect(await testClient().json(read, { schema: ok })).toEqual({ ok: true });
    expect(log).toHaveLength(2);
  });

  test("gives up after maxRetries with the typed error", async () => {
    const log = flaky("get", "/items", [
      ServiceUnavailable,
      ServiceUnavailable,
      ServiceUnavailable,
      ServiceUnavailable,
    ]);
    const error = await testClient(undefined, { maxRetries: 2 })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(503);
    expect(log).toHaveLength(3);
  });

  test("a dropped connection that never recovers is a ConnectionError", async () => {
    flaky("get", "/items", [
      () => HttpResponse.error(),
      () => HttpResponse.error(),
      () => HttpResponse.error(),
    ]);
    const error = await testClient()
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  test("a non-idempotent POST is never replayed on 503 or a dropped connection", async () => {
    const log = flaky("post", "/items", [ServiceUnavailable]);
    const error = await testClient()
      .json(create, { schema: ok, json: { a: 1 } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(log).toHaveLength(1);

    const log2 = flaky("post", "/items", [() => HttpResponse.error()]);
    expect(
      await testClient()
        .json(create, { schema: ok, json: {} })
        .catch((e) => e),
    ).toBeInstanceOf(ConnectionError);
    expect(log2).toHaveLength(1);
  });

  test("a POST the route table marks as a read-only query is retried", async () => {
    const log = flaky("post", "/items/search", [ServiceUnavailable]);
    expect(await testClient().json(query, { schema: ok, json: { ids: [1] } })).toEqual({ ok: true });
    expect(log).toHaveLength(2);
  });

  test("402 is never retried", async () => {
    const log = flaky("get", "/items", [
      () => HttpResponse.json({ detail: "Monthly token cap reached" }, { status: 402 }),
    ]);
    const error = await testClient()
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect(error.message).toContain("Monthly token cap reached");
    expect(log).toHaveLength(1);
  });

  test.each([408, 502, 504])("a GET is retried on %i: maxRetries 2 → 3 attempts", async (status) => {
    const fail = () => HttpResponse.json({ detail: "transient" }, { status });
    const log = flaky("get", "/items", [fail, fail, fail, fail]);
    const error = await testClient(undefined, { maxRetries: 2 })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error.status).toBe(status);
    expect(log).toHaveLength(3);
  });

  test.each([408, 502, 504])(
    "a GET that fails once with %i then succeeds takes 2 attempts",
    async (status) => {
      const log = flaky("get", "/items", [() => HttpResponse.json({ detail: "transient" }, { status })]);
      expect(await testClient().json(read, { schema: ok })).toEqual({ ok: true });
      expect(log).toHaveLength(2);
    },
  );

  test("a streaming upload is never retried, even on 503 to an idempotent PUT", async () => {
    const log = flaky("put", "/items", [ServiceUnavailable, ServiceUnavailable]);
    const error = await testClient(undefined, { maxRetries: 2 })
      .json(put, { schema: ok, body: upload() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(503);
    expect(log).toHaveLength(1);
  });

  test("the same PUT with a replayable body (bytes) is retried", async () => {
    const log = flaky("put", "/items", [ServiceUnavailable]);
    const body = new TextEncoder().encode("bytes");
    expect(await testClient().json(put, { schema: ok, body })).toEqual({ ok: true });
    expect(log).toHaveLength(2);
  });

  test("Retry-After-Ms does not override the provider's veto", async () => {
    const log = flaky("get", "/items", [
      () => HttpResponse.json({ detail: "no capacity" }, { status: 503, headers: { "retry-after-ms": "5" } }),
    ]);
    const error = await testClient(undefined, { maxRetries: 2 }, { retryable: () => false })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(log).toHaveLength(1);
  });

  test("without a veto, a Retry-After-Ms 503 is retried", async () => {
    const log = flaky("get", "/items", [
      () => HttpResponse.json({ detail: "busy" }, { status: 503, headers: { "retry-after-ms": "5" } }),
    ]);
    expect(await testClient().json(read, { schema: ok })).toEqual({ ok: true });
    expect(log).toHaveLength(2);
  });

  test("a provider can declare a 500 not transient", async () => {
    const log = flaky("get", "/items", [
      () => HttpResponse.json({ detail: "instance could not be provisioned" }, { status: 500 }),
    ]);
    const client = testClient(
      undefined,
      {},
      { retryable: (e) => !String(e.body && JSON.stringify(e.body)).includes("provisioned") },
    );
    expect(await client.json(read, { schema: ok }).catch((e) => e)).toBeInstanceOf(InternalServerError);
    expect(log).toHaveLength(1);
  });
});

describe("server-requested delays", () => {
  const rateLimited = (headers: Record<string, string>) => () =>
    HttpResponse.json({ detail: "slow down" }, { status: 429, headers });

  async function gapBetweenAttempts(headers: Record<string, string>, maxRetryAfterMs = 60_000) {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const log = flaky("get", "/items", [rateLimited(headers)]);
    const client = testClient(undefined, { retryDelay: { baseMs: 1, maxMs: 5, maxRetryAfterMs } });
    const pending = client.json(read, { schema: ok });
    for (let i = 0; i < 200 && log.length < 2; i++) await vi.advanceTimersByTimeAsync(100);
    await pending;
    expect(log).toHaveLength(2);
    return log[1]!.at - log[0]!.at;
  }

  test("Retry-After in seconds is honoured", async () => {
    const gap = await gapBetweenAttempts({ "retry-after": "3" });
    expect(gap).toBeGreaterThanOrEqual(3000);
    expect(gap).toBeLessThan(3200);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const at = new Date(Date.now() + 5000).toUTCString();
    vi.useRealTimers();
    const gap = await gapBetweenAttempts({ "retry-after": at });
    expect(gap).toBeGreaterThanOrEqual(3900); // the date has one-second resolution
    expect(gap).toBeLessThan(5300);
  });

  test("Retry-After-Ms is honoured", async () => {
    const gap = await gapBetweenAttempts({ "retry-after-ms": "1500" });
    expect(gap).toBeGreaterThanOrEqual(1500);
    expect(gap).toBeLessThan(1700);
  });

  test("a server delay above the cap is cut to the cap", async () => {
    const gap = await gapBetweenAttempts({ "retry-after": "3600" }, 2000);
    expect(gap).toBeGreaterThanOrEqual(2000);
    expect(gap).toBeLessThan(2200);
  });

  test("a Retry-After HTTP date above the cap is cut to the cap", async () => {
    const gap = await gapBetweenAttempts(
      { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() },
      2000,
    );
    expect(gap).toBeGreaterThanOrEqual(2000);
    expect(gap).toBeLessThan(2200);
  });

  test("a Retry-After-Ms above the cap is cut to the cap", async () => {
    const gap = await gapBetweenAttempts({ "retry-after-ms": "3600000" }, 2000);
    expect(gap).toBeGreaterThanOrEqual(2000);
    expect(gap).toBeLessThan(2200);
  });
});

describe("backoff", () => {
  /** Gaps between 5 attempts (4 retries) of a GET that keeps failing with 503, in fake time. */
  async function gaps(random: number) {
    vi.spyOn(Math, "random").mockReturnValue(random);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const log = flaky(
      "get",
      "/items",
      Array.from({ length: 5 }, () => ServiceUnavailable),
    );
    const client = testClient(undefined, { maxRetries: 4, retryDelay: { baseMs: 100, maxMs: 300 } });
    const pending = client.json(read, { schema: ok }).catch((e) => e);
    for (let i = 0; i < 400 && log.length < 5; i++) await vi.advanceTimersByTimeAsync(5);
    expect(await pending).toBeInstanceOf(InternalServerError);
    expect(log).toHaveLength(5);
    return log.slice(1).map((entry, i) => entry.at - log[i]!.at);
  }
  // Nominal delays: 100, 200, then 400 and 800 capped to 300. Equal jitter: each wait is
  // between half the nominal delay (Math.random() = 0) and all of it (Math.random() → 1).
  const nominal = [100, 200, 300, 300];

  test("the shortest waits are half the capped exponential delay", async () => {
    const measured = await gaps(0);
    measured.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(nominal[i]! / 2);
      expect(gap).toBeLessThanOrEqual(nominal[i]! / 2 + 10);
    });
  });

  test("the longest waits are the capped exponential delay itself", async () => {
    const measured = await gaps(0.999);
    measured.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(nominal[i]! * 0.999 - 1);
      expect(gap).toBeLessThanOrEqual(nominal[i]! + 10);
    });
  });

  test("a random value in between lands in between", async () => {
    const measured = await gaps(0.5);
    measured.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(nominal[i]! * 0.75);
      expect(gap).toBeLessThanOrEqual(nominal[i]! * 0.75 + 10);
    });
  });
});

describe("rate-limit headers", () => {
  test("429 → RateLimitError with retryAfterMs, limit, remaining and reset", async () => {
    const reset = Math.floor(Date.now() / 1000) + 42;
    server.use(
      http.get(`${BASE}/items`, () =>
        HttpResponse.json(
          { detail: "Rate limit exceeded" },
          {
            status: 429,
            headers: {
              "retry-after": "7",
              "x-ratelimit-limit": "30",
              "x-ratelimit-remaining": "0",
              "x-ratelimit-reset": String(reset),
            },
          },
        ),
      ),
    );
    const client = testClient(undefined, { maxRetries: 0 });
    const error = await client.json(read, { schema: ok }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.limit).toBe(30);
    expect(error.remaining).toBe(0);
    expect(error.reset).toBe(reset * 1000);
    expect(error.message).toContain("Rate limit exceeded");
  });

  test("rate-limit headers on a success reach the caller", async () => {
    server.use(
      http.get(`${BASE}/items`, () =>
        HttpResponse.json(
          { ok: true },
          { headers: { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299" } },
        ),
      ),
    );
    const seen: unknown[] = [];
    const client = testClient(undefined, { onResponse: (info) => seen.push(info.rateLimit) });
    await client.json(read, { schema: ok });
    expect(client.lastRateLimit).toMatchObject({ limit: 300, remaining: 299 });
    expect(seen).toEqual([expect.objectContaining({ limit: 300, remaining: 299 })]);
  });
});

describe("bodies cut off mid-way", () => {
  /** A 200 whose body stops half-way through, as a dropped connection does. */
  const cutOff = () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error("socket hang up"));
        else {
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"ok": tr'));
        }
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  };

  /**
   * A fetch answering from a script, then `{ok: true}`. Not msw: msw turns a body that errors
   * into a failed fetch, so the response never arrives and the body-read path is not reached.
   * Records each request's method and body as sent.
   */
  function scripted(answers: Array<() => Response>) {
    const sent: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      const request = input as Request;
      sent.push(`${request.method} ${await request.text()}`.trim());
      const next = answers.shift();
      return next ? next() : Response.json({ ok: true });
    }) as typeof globalThis.fetch;
    return { fetch, sent };
  }

  test("an idempotent read is sent again and succeeds", async () => {
    const { fetch, sent } = scripted([cutOff]);
    expect(await testClient(undefined, { fetch }).json(read, { schema: ok })).toEqual({ ok: true });
    expect(sent).toHaveLength(2);
  });

  test("a non-idempotent request is not sent again", async () => {
    const { fetch, sent } = scripted([cutOff]);
    const error = await testClient(undefined, { fetch })
      .json(create, { schema: ok, json: {} })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("Test POST /items: connection lost while reading the response");
    expect(sent).toHaveLength(1);
  });

  test("a GET whose first two bodies are cut off is sent exactly 3 times (default maxRetries 2)", async () => {
    const { fetch, sent } = scripted([cutOff, cutOff]);
    expect(await testClient(undefined, { fetch }).json(read, { schema: ok })).toEqual({ ok: true });
    expect(sent).toEqual(["GET", "GET", "GET"]);
  });

  test("at most maxRetries cut-offs are retried; the next one surfaces as a ConnectionError", async () => {
    const { fetch, sent } = scripted([cutOff, cutOff, cutOff, cutOff]);
    const error = await testClient(undefined, { fetch, maxRetries: 2 })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("Test GET /items: connection lost while reading the response");
    expect(sent).toHaveLength(3);
  });

  test("cut-off bodies and HTTP retries share one budget: a cut-off, then 503s, stop after 3 requests", async () => {
    const { fetch, sent } = scripted([cutOff, ServiceUnavailable, ServiceUnavailable, ServiceUnavailable]);
    const error = await testClient(undefined, { fetch })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(sent).toHaveLength(3);
  });

  test("…and a 503, then cut-offs, stop after 3 requests too, as a ConnectionError", async () => {
    const { fetch, sent } = scripted([ServiceUnavailable, cutOff, cutOff, cutOff]);
    const error = await testClient(undefined, { fetch })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(sent).toHaveLength(3);
  });

  test("with maxRetries 0, a cut-off body is not retried at all", async () => {
    const { fetch, sent } = scripted([cutOff]);
    const error = await testClient(undefined, { fetch, maxRetries: 0 })
      .json(read, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(sent).toHaveLength(1);
  });

  test("a PUT with a streamed body whose response is cut off is sent once: ConnectionError", async () => {
    const { fetch, sent } = scripted([cutOff, cutOff]);
    const error = await testClient(undefined, { fetch })
      .json(put, { schema: ok, body: upload() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    // The real cause, not a failure to re-send the consumed stream.
    expect(error.message).toBe("Test PUT /items: connection lost while reading the response");
    expect(sent).toEqual(["PUT chunk of a large file"]);
  });
});
