// The one attempt loop (issue 13): one Retry-After reader whose value is the wait taken, provider
// rules declared to the core (replay-once refusals), bodies rebuilt per attempt, validation per
// call, and writes the server accepted but whose answer cannot be read (issue 17 §1, §7).
import { inspect } from "node:util";
import { delay, HttpResponse, http } from "msw";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { apiKey } from "../../src/auth/api-key.js";
import { bearer } from "../../src/auth/bearer.js";
import {
  AcceptedWriteError,
  type ApiError,
  ConflictError,
  InputValidationError,
  RateLimitError,
  ResponseValidationError,
} from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const read = route("GET", "/items");
const create = route("POST", "/items");
const signedQuery = route("POST", "/items/query", { query: true });
const ok = z.object({ ok: z.boolean() });

afterEach(() => {
  vi.useRealTimers();
});

/** Serves `answers` in order (the last one repeats), logging each arrival time and JSON body. */
function scripted(method: "get" | "post", path: string, answers: Array<() => Response>) {
  const log: Array<{ at: number; body: unknown; type: string | null }> = [];
  server.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      const text = await request.text();
      log.push({
        at: Date.now(),
        body: text ? JSON.parse(text) : undefined,
        type: request.headers.get("content-type"),
      });
      const next = answers.length > 1 ? answers.shift() : answers[0];
      return (next as () => Response)();
    }),
  );
  return log;
}

describe("one Retry-After reader: RateLimitError.retryAfterMs is the wait taken", () => {
  async function waitTaken(headers: Record<string, string>) {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const log = scripted("get", "/items", [
      () => HttpResponse.json({ detail: "slow down" }, { status: 429, headers }),
    ]);
    const pending = testClient(undefined, { maxRetries: 1 })
      .json(read, { schema: ok })
      .catch((e: unknown) => e);
    for (let i = 0; i < 100 && log.length < 2; i++) await vi.advanceTimersByTimeAsync(100);
    const error = (await pending) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(log).toHaveLength(2);
    return { gap: (log[1]?.at ?? 0) - (log[0]?.at ?? 0), retryAfterMs: error.retryAfterMs };
  }

  test("Retry-After: 1.5 (fractional seconds) is waited for, 1500 ms, and reported as such", async () => {
    const { gap, retryAfterMs } = await waitTaken({ "retry-after": "1.5" });
    expect(retryAfterMs).toBe(1500);
    expect(gap).toBeGreaterThanOrEqual(1500);
    expect(gap).toBeLessThan(1600);
  });

  test("a 429 with only X-RateLimit-Reset waits until the reset, and says so", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 0, 1, 12, 0, 0) });
    const reset = String(Date.UTC(2026, 0, 1, 12, 0, 3) / 1000); // epoch seconds, 3 s ahead
    const { gap, retryAfterMs } = await waitTaken({ "x-ratelimit-reset": reset });
    // The error is built when the second 429 arrives, 3 s later: the reset is then due.
    expect(retryAfterMs).toBe(0);
    expect(gap).toBeGreaterThanOrEqual(3000);
    expect(gap).toBeLessThan(3100);
  });
});

describe("waits before a retry", () => {
  test("after a timed-out attempt, the retry's rate-limit and credential waits get a live signal", async () => {
    let arrivals = 0;
    server.use(
      http.get(`${BASE}/items`, async () => {
        if (++arrivals === 1) await delay("infinite");
        return HttpResponse.json({ ok: true });
      }),
    );
    const seen: boolean[] = [];
    const waited: boolean[] = [];
    const auth = {
      kind: "probe",
      authorize: (request: Request) => {
        waited.push(request.signal.aborted);
        request.headers.set("authorization", "Bearer probe-token-0001");
      },
    };
    const client = testClient(
      auth,
      { timeoutMs: 100, maxRetries: 1 },
      {
        beforeAttempt: (signal) => {
          seen.push(signal.aborted);
        },
      },
    );
    expect(await client.json(read, { schema: ok })).toEqual({ ok: true });
    expect(arrivals).toBe(2);
    expect(seen).toEqual([false, false]);
    expect(waited).toEqual([false, false]);
  });
});

describe("provider rules declared to the core", () => {
  const nonceUsed = () =>
    HttpResponse.json({ code: "NONCE_ALREADY_USED", message: "nonce already used" }, { status: 409 });
  const replayOnce = (error: ApiError) => error.status === 409 && error.code === "NONCE_ALREADY_USED";

  test("a replay-once refusal sends a write exactly once more, then surfaces", async () => {
    const log = scripted("post", "/items", [nonceUsed]);
    const error = await testClient(undefined, {}, { replayOnce })
      .json(create, { schema: ok, json: { n: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(log.map((l) => l.body)).toEqual([{ n: 1 }, { n: 1 }]);
  });

  test("…and succeeds when the replay is accepted; a 503 to the same write is still never replayed", async () => {
    const log = scripted("post", "/items", [nonceUsed, () => HttpResponse.json({ ok: true })]);
    const client = testClient(undefined, {}, { replayOnce });
    expect(await client.json(create, { schema: ok, json: { n: 2 } })).toEqual({ ok: true });
    expect(log).toHaveLength(2);
    const busy = scripted("post", "/items", [() => HttpResponse.json({ detail: "busy" }, { status: 503 })]);
    await client.json(create, { schema: ok, json: { n: 3 } }).catch(() => undefined);
    expect(busy).toHaveLength(1);
  });
});

describe("a body built per attempt (signed envelopes)", () => {
  test("a read-only query is retried with a body rebuilt for each attempt", async () => {
    const log = scripted("post", "/items/query", [
      () => HttpResponse.json({ detail: "busy" }, { status: 503 }),
      () => HttpResponse.json({ ok: true }),
    ]);
    const built: number[] = [];
    const result = await testClient().json(signedQuery, {
      schema: ok,
      perAttemptJson: (attempt) => {
        built.push(attempt);
        return { payload: { q: "open" }, auth: { nonce: `n-${attempt}` } };
      },
    });
    expect(result).toEqual({ ok: true });
    expect(built).toEqual([1, 2]);
    expect(log.map((l) => l.body)).toEqual([
      { payload: { q: "open" }, auth: { nonce: "n-1" } },
      { payload: { q: "open" }, auth: { nonce: "n-2" } },
    ]);
    expect(log.map((l) => l.type)).toEqual(["application/json", "application/json"]);
  });

  test("a write with a per-attempt body is still sent once on a transient failure", async () => {
    const log = scripted("post", "/items", [() => HttpResponse.json({ detail: "busy" }, { status: 503 })]);
    await testClient()
      .json(create, { schema: ok, perAttemptJson: (attempt) => ({ attempt }) })
      .catch(() => undefined);
    expect(log.map((l) => l.body)).toEqual([{ attempt: 1 }]);
  });
});

describe("validate per call and per client", () => {
  const wrongShape = () => HttpResponse.json({ ok: "yes" });

  test("default: a mismatch throws; false returns the value; 'warn' logs the mismatch and returns it", async () => {
    scripted("get", "/items", [wrongShape]);
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const client = testClient(undefined, { logger });
    await expect(client.json(read, { schema: ok })).rejects.toBeInstanceOf(ResponseValidationError);
    expect(await client.json(read, { schema: ok, options: { validate: false } })).toEqual({ ok: "yes" });
    expect(warn).not.toHaveBeenCalled();
    expect(await client.json(read, { schema: ok, options: { validate: "warn" } })).toEqual({ ok: "yes" });
    expect(warn).toHaveBeenCalledWith(
      "Unexpected response from Test GET /items (returned unvalidated): ok: expected boolean",
    );
  });

  test("a client-wide 'warn' is overridden by a call's true; a bad level is refused before sending", async () => {
    const log = scripted("get", "/items", [wrongShape]);
    const client = testClient(undefined, { validate: "warn" });
    expect(await client.json(read, { schema: ok })).toEqual({ ok: "yes" });
    await expect(client.json(read, { schema: ok, options: { validate: true } })).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
    const sent = log.length;
    const error = await client
      .json(read, { schema: ok, options: { validate: "sometimes" as never } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("options.validate");
    expect(log).toHaveLength(sent);
  });
});

describe("a write the server accepted whose answer cannot be read", () => {
  test("malformed JSON on a 201: the error says it was accepted, with the status and the raw body", async () => {
    scripted("post", "/items", [() => new HttpResponse('{"id": 7, "ok": tr', { status: 201 })]);
    const error = (await testClient()
      .json(create, { schema: ok, json: {} })
      .catch((e: unknown) => e)) as AcceptedWriteError;
    expect(error).toBeInstanceOf(AcceptedWriteError);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toBe(
      "Test POST /items: the server accepted the request (201), but its answer could not be read (not valid JSON). The write took effect: do not send it again blindly.",
    );
    expect(error.status).toBe(201);
    expect(error.accepted).toBe(true);
    expect(error.raw).toBe('{"id": 7, "ok": tr');
    expect(error.toJSON()).toMatchObject({ status: 201, accepted: true });
  });

  test("the same answer to a read stays a plain ResponseValidationError", async () => {
    scripted("get", "/items", [() => new HttpResponse('{"ok": tr', { status: 200 })]);
    const error = await testClient()
      .json(read, { schema: ok })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).not.toBeInstanceOf(AcceptedWriteError);
  });

  test("a sensitive write keeps no raw copy, yet reveal() hands the answer to the caller", async () => {
    scripted("post", "/items", [
      () => HttpResponse.json({ key: { secret: "zz-created-once-9981" } }, { status: 201 }),
    ]);
    const error = (await testClient()
      .json(create, { schema: ok, json: {}, sensitive: true })
      .catch((e: unknown) => e)) as AcceptedWriteError;
    expect(error).toBeInstanceOf(AcceptedWriteError);
    expect(error.raw).toBeUndefined();
    expect(error.reveal()).toEqual({ key: { secret: "zz-created-once-9981" } });
    expect(inspect(error, { depth: 8 })).not.toContain("zz-created-once-9981");
    expect(JSON.stringify(error)).not.toContain("zz-created-once-9981");
  });
});

describe("TurbineX PAT create: the token created once is never lost", () => {
  const TOKEN = "txp_created_once_4f2a9c81d7e6";
  const tx = () => createTurbineX({ baseUrl: BASE, auth: bearer("tx_pat_caller_0001"), maxRetries: 0 });

  test("an answer of another shape: AcceptedWriteError whose reveal() holds the token, printed nowhere", async () => {
    const log = scripted("post", "/auth/pats", [
      () => HttpResponse.json({ data: { id: 41, name: "ci", token: TOKEN } }, { status: 201 }),
    ]);
    const error = (await tx()
      .auth.pats.create({ name: "ci" })
      .catch((e: unknown) => e)) as AcceptedWriteError;
    expect(error).toBeInstanceOf(AcceptedWriteError);
    expect(log.map((l) => l.body)).toEqual([{ name: "ci", expires_at: null }]); // sent once
    expect(error.status).toBe(201);
    expect(error.message).toContain("TurbineX POST /auth/pats: the server accepted the request (201)");
    expect((error.reveal() as { data: { token: string } }).data.token).toBe(TOKEN);
    expect(error.raw).toEqual({ data: { id: 41, name: "ci", token: "[redacted]" } });
    for (const printed of [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), error.stack]) {
      expect(printed).not.toContain(TOKEN);
    }
  });

  test("an answer that is not JSON at all: the text, token included, still reaches the caller", async () => {
    const body = `{"id": 42, "name": "ci", "token": "${TOKEN}"}<!-- cached by edge -->`;
    scripted("post", "/auth/pats", [
      () => new HttpResponse(body, { status: 201, headers: { "content-type": "application/json" } }),
    ]);
    const error = (await tx()
      .auth.pats.create({ name: "ci" })
      .catch((e: unknown) => e)) as AcceptedWriteError;
    expect(error).toBeInstanceOf(AcceptedWriteError);
    expect(error.reveal()).toBe(body);
    expect(error.raw).toBe('{"id": 42, "name": "ci", "token": "[redacted]"}<!-- cached by edge -->');
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
  });
});

describe("Lyceum API key create (a sensitive call): the key shown once is never lost", () => {
  test("an answer without key_name: no raw copy, reveal() holds api_key, printed nowhere", async () => {
    const KEY = "lk_created_once_a81f9c0d2e7b";
    const log = scripted("post", "/auth/api-keys/", [
      () => HttpResponse.json({ key: { id: 9, api_key: KEY } }, { status: 201 }),
    ]);
    const lyceum = createLyceum({ baseUrl: BASE, auth: apiKey("lk_caller_key_000001") });
    const error = (await lyceum.apiKeys
      .create({ name: "ci" })
      .catch((e: unknown) => e)) as AcceptedWriteError;
    expect(error).toBeInstanceOf(AcceptedWriteError);
    expect(log).toHaveLength(1);
    expect(error.status).toBe(201);
    expect(error.raw).toBeUndefined();
    expect(error.reveal()).toEqual({ key: { id: 9, api_key: KEY } });
    for (const printed of [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), error.stack]) {
      expect(printed).not.toContain(KEY);
    }
  });
});

describe("a URL the server hands over (streamUrl)", () => {
  const seenAt = (url: string) => {
    const seen: Array<Record<string, string | null>> = [];
    server.use(
      http.get(url, ({ request }) => {
        seen.push({
          authorization: request.headers.get("authorization"),
          apiKey: request.headers.get("x-api-key"),
          orgSlug: request.headers.get("x-org-slug"),
          trace: request.headers.get("x-trace"),
        });
        return new HttpResponse("data: {}\n\n", { headers: { "content-type": "text/event-stream" } });
      }),
    );
    return seen;
  };
  const client = () =>
    testClient(bearer("tok_stream_0001"), {
      headers: { "X-Api-Key": "k_stream_0001", "X-Org-Slug": "acme", "X-Trace": "t1" },
    });

  test("on another origin, carries none of the client's credentials, auth or header", async () => {
    const seen = seenAt("https://stream.elsewhere.example/s/1");
    const response = await client().streamUrl("https://stream.elsewhere.example/s/1", {});
    await response.body?.cancel();
    expect(seen).toEqual([{ authorization: null, apiKey: null, orgSlug: null, trace: "t1" }]);
  });

  test("on the API's origin, carries them as any call does", async () => {
    const seen = seenAt(`${BASE}/stream/1`);
    const response = await client().streamUrl(`${BASE}/stream/1`, {});
    await response.body?.cancel();
    expect(seen).toEqual([
      { authorization: "Bearer tok_stream_0001", apiKey: "k_stream_0001", orgSlug: "acme", trace: "t1" },
    ]);
  });
});
