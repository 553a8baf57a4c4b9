import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { bearer } from "../../src/auth/bearer.js";
import { ConnectionError, InputValidationError, TurbokitError } from "../../src/core/errors.js";
import { type ClientOptions, HttpClient, type RequestOptions } from "../../src/core/http.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { countGets, useMsw } from "../helpers/msw.js";
import { thrown } from "../helpers/thrown.js";

const server = useMsw();
const get = route("GET", "/items");
const ok = z.object({ ok: z.boolean() });

const counting = () => countGets(server, `${BASE}/items`);

function client(options: ClientOptions = {}) {
  return new HttpClient({ name: "Test", defaultBaseUrl: BASE, auth: bearer("tok_abcdef123456") }, options);
}

describe("baseUrl with credentials", () => {
  test("is refused as an InputValidationError on baseUrl, and the password is not echoed", () => {
    const error = thrown(() => client({ baseUrl: "https://admin:hunter2-pass-xyz@staging.example.test" }));
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("baseUrl");
    const rendered = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`;
    expect(rendered).not.toContain("hunter2-pass-xyz");
    expect(rendered).not.toContain("admin");
  });

  test("a user name alone is refused too", () => {
    const error = thrown(() => client({ baseUrl: "https://deploy-bot@staging.example.test" }));
    expect((error as InputValidationError).field).toBe("baseUrl");
  });
});

describe("client options are checked up front", () => {
  test.each<[string, ClientOptions, string]>([
    ["maxRetries NaN", { maxRetries: Number.NaN }, "maxRetries"],
    ["maxRetries -1", { maxRetries: -1 }, "maxRetries"],
    ["maxRetries 1.5", { maxRetries: 1.5 }, "maxRetries"],
    ["maxRetries 11", { maxRetries: 11 }, "maxRetries"],
    ["maxRetries as a string", { maxRetries: "2" as never }, "maxRetries"],
    ["timeoutMs 0", { timeoutMs: 0 }, "timeoutMs"],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, "timeoutMs"],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
    ["timeoutMs negative", { timeoutMs: -5 }, "timeoutMs"],
    ["timeoutMs above setTimeout's range", { timeoutMs: 2 ** 31 }, "timeoutMs"],
    ["totalTimeoutMs a string", { totalTimeoutMs: "300" as never }, "totalTimeoutMs"],
    ["totalTimeoutMs 0", { totalTimeoutMs: 0 }, "totalTimeoutMs"],
    ["retryDelay.baseMs NaN", { retryDelay: { baseMs: Number.NaN } }, "retryDelay.baseMs"],
    ["retryDelay.maxMs negative", { retryDelay: { maxMs: -1 } }, "retryDelay.maxMs"],
    [
      "retryDelay.maxRetryAfterMs Infinity",
      { retryDelay: { maxRetryAfterMs: Number.POSITIVE_INFINITY } },
      "retryDelay.maxRetryAfterMs",
    ],
    ["maxResponseBytes 0", { maxResponseBytes: 0 }, "maxResponseBytes"],
    ["maxResponseBytes 1.5", { maxResponseBytes: 1.5 }, "maxResponseBytes"],
    ["fetch not a function", { fetch: "fetch" as never }, "fetch"],
  ])("%s → InputValidationError naming %s", (_name, options, field) => {
    const error = thrown(() => client(options));
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe(field);
  });

  test("valid edge values are accepted", () => {
    expect(() =>
      client({ maxRetries: 0, timeoutMs: 1, retryDelay: { baseMs: 0, maxMs: 0, maxRetryAfterMs: 0 } }),
    ).not.toThrow();
    expect(() => client({ maxRetries: 10, totalTimeoutMs: 2_147_483_647 })).not.toThrow();
  });

  test("a header value with CR/LF is refused by name, never quoting the value", () => {
    const secret = "sess=abcdef0123456789\r\nX-Injected: 1";
    const error = thrown(() => client({ headers: { Cookie: secret } }));
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("headers.Cookie");
    expect((error as Error).message).not.toContain("abcdef0123456789");
    expect(JSON.stringify(error)).not.toContain("abcdef0123456789");
  });

  test.each([
    ["NUL", "abc\u0000defghij"],
    ["non-Latin-1", "tøken–with–en–dash€"],
  ])("a header value with %s is refused", (_kind, value) => {
    const error = thrown(() => client({ headers: { "X-Api-Key": value } }));
    expect((error as InputValidationError).field).toBe("headers.X-Api-Key");
    expect((error as Error).message).not.toContain(value);
  });

  test("a header name that is not an HTTP token is refused", () => {
    const error = thrown(() => client({ headers: { "X Bad Name": "v" } }));
    expect((error as InputValidationError).field).toBe("headers");
  });
});

describe("per-call options are checked before anything is sent", () => {
  test.each<[string, RequestOptions, string]>([
    ["maxRetries -1", { maxRetries: -1 }, "options.maxRetries"],
    ["maxRetries 99", { maxRetries: 99 }, "options.maxRetries"],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, "options.timeoutMs"],
    ["totalTimeoutMs Infinity", { totalTimeoutMs: Number.POSITIVE_INFINITY }, "options.totalTimeoutMs"],
    ["a header with LF", { headers: { "X-Trace": "a\nb" } }, "options.headers.X-Trace"],
    ["a signal that is not an AbortSignal", { signal: {} as AbortSignal }, "options.signal"],
  ])("%s → InputValidationError naming %s, no request", async (_name, options, field) => {
    const seen = counting();
    const error = await testClient()
      .json(get, { schema: ok, options })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.field).toBe(field);
    expect(seen.count).toBe(0);
  });

  test.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("a %s query value → InputValidationError naming the key, no request", async (_name, value) => {
    const seen = counting();
    const error = await testClient()
      .json(get, { schema: ok, query: { page: value } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.field).toBe("query.page");
    expect(seen.count).toBe(0);
  });

  test("finite numbers, booleans and strings still reach the query string", async () => {
    let url = "";
    server.use(
      http.get(`${BASE}/items`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ ok: true });
      }),
    );
    await testClient().json(get, { schema: ok, query: { page: 2, all: true, q: "x", skip: undefined } });
    expect(new URL(url).search).toBe("?page=2&all=true&q=x");
  });
});

describe("callbacks", () => {
  test("an onResponse callback that throws is a TurbokitError carrying the cause, not a ConnectionError", async () => {
    counting();
    const bug = new TypeError("x is undefined");
    const error = await testClient(undefined, {
      onResponse: () => {
        throw bug;
      },
    })
      .json(get, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TurbokitError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.cause).toBe(bug);
  });
});
