import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import {
  ApiError,
  BadRequestError,
  ConflictError,
  isTurbokitError,
  NotFoundError,
  PermissionDeniedError,
  TurbokitError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const get = route("GET", "/thing");

async function failWith(response: () => Response) {
  server.use(http.get(`${BASE}/thing`, response));
  return testClient(undefined, { maxRetries: 0 })
    .json(get, { schema: z.unknown() })
    .then(
      (): never => {
        throw new Error("expected the call to fail");
      },
      (e: unknown) => e as ApiError,
    );
}

describe("error bodies", () => {
  test("FastAPI {detail: string}", async () => {
    const e = await failWith(() => HttpResponse.json({ detail: "Job not found" }, { status: 404 }));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe("Test GET /thing failed: 404 Not Found: Job not found");
    expect(e.body).toEqual({ detail: "Job not found" });
    expect(e.rawBody).toBe('{"detail":"Job not found"}');
  });

  test("FastAPI {detail: [{loc, msg, type}]} lists every issue", async () => {
    const detail = [
      {
        loc: ["body", "timeout"],
        msg: "ensure this value is less than or equal to 600",
        type: "value_error",
      },
      { loc: ["body", "code"], msg: "field required", type: "missing" },
    ];
    const e = (await failWith(() =>
      HttpResponse.json({ detail }, { status: 422 }),
    )) as UnprocessableEntityError;
    expect(e).toBeInstanceOf(UnprocessableEntityError);
    expect(e.issues).toEqual([
      {
        loc: ["body", "timeout"],
        msg: "ensure this value is less than or equal to 600",
        type: "value_error",
      },
      { loc: ["body", "code"], msg: "field required", type: "missing" },
    ]);
    expect(e.message).toContain(
      "body.timeout: ensure this value is less than or equal to 600; body.code: field required",
    );
  });

  test("FastAPI {detail: object}", async () => {
    const e = await failWith(() =>
      HttpResponse.json(
        { detail: { code: "NOT_VERIFIED", message: "Verify your account first" } },
        { status: 403 },
      ),
    );
    expect(e).toBeInstanceOf(PermissionDeniedError);
    expect(e.code).toBe("NOT_VERIFIED");
    expect(e.message).toContain("Verify your account first");
  });

  test("exchange {code, message, inner}", async () => {
    const e = await failWith(() =>
      HttpResponse.json(
        {
          code: "VALIDATION_ERRORS",
          message: "Order rejected",
          inner: [
            {
              code: "INPUT_VALIDATION_ERROR",
              message: "Sell amount is worth ~$19.97 which is less than $30",
            },
          ],
        },
        { status: 400 },
      ),
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.code).toBe("VALIDATION_ERRORS");
    expect(e.message).toContain(
      "VALIDATION_ERRORS: Order rejected (INPUT_VALIDATION_ERROR: Sell amount is worth ~$19.97",
    );
  });

  test("Laravel {message, errors}", async () => {
    const e = (await failWith(() =>
      HttpResponse.json(
        { message: "The given data was invalid.", errors: { "json.name": ["The name field is required."] } },
        { status: 422 },
      ),
    )) as UnprocessableEntityError;
    expect(e.issues).toEqual([{ loc: ["json", "name"], msg: "The name field is required." }]);
    expect(e.message).toContain("The given data was invalid. (json.name: The name field is required.)");
  });

  test("plain text (the exchange's deserialisation 422)", async () => {
    const text = 'Failed to deserialize the JSON body: invalid type: string "0x0", expected a boolean';
    const e = await failWith(
      () => new HttpResponse(text, { status: 422, headers: { "content-type": "text/plain" } }),
    );
    expect(e).toBeInstanceOf(UnprocessableEntityError);
    expect(e.message).toContain('invalid type: string "0x0", expected a boolean');
    expect(e.rawBody).toBe(text);
  });

  test("HTML is kept raw and the message says so", async () => {
    const html = "<!DOCTYPE html><html><head><title>Login | TurboStack</title></head><body>…</body></html>";
    const e = await failWith(() => HttpResponse.html(html, { status: 500 }));
    expect(e.message).toContain('HTML response ("Login | TurboStack")');
    expect(e.rawBody).toBe(html);
    expect(e.body).toBe(html);
  });

  test("an HTML page with status 200 where JSON was expected is an ApiError, not a parse crash", async () => {
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.html("<html><title>Sign in</title></html>")));
    const e: any = await testClient()
      .json(get, { schema: z.unknown() })
      .catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(200);
    expect(e.message).toContain("HTML response where JSON was expected");
  });

  test("an empty body and a 409 still give a useful message", async () => {
    const e = await failWith(() => new HttpResponse(null, { status: 409 }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe("Test GET /thing failed: 409 Conflict: (empty body)");
  });

  test("a body labelled JSON that does not parse keeps its text: rawBody, body and message", async () => {
    const truncated = '{"detail": "upstream broke while';
    const e = await failWith(
      () => new HttpResponse(truncated, { status: 400, headers: { "content-type": "application/json" } }),
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.rawBody).toBe(truncated);
    expect(e.body).toBe(truncated);
    expect(e.message).toBe(`Test GET /thing failed: 400 Bad Request: ${truncated}`);
    expect(e.message).not.toContain("(empty body)");
  });

  test("rawBody is the text received, not JSON re-serialised", async () => {
    const raw = '{\n  "detail" : "Job not found",\n  "n": 1.50\n}';
    const e = await failWith(
      () => new HttpResponse(raw, { status: 404, headers: { "content-type": "application/problem+json" } }),
    );
    expect(e.rawBody).toBe(raw);
    expect(e.body).toEqual({ detail: "Job not found", n: 1.5 });
    expect(e.message).toContain("Job not found");
  });

  test("a provider's retryable/mapError still see the parsed body of a JSON error", async () => {
    let seenBody: unknown;
    let seenRaw: unknown;
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.json({ detail: "capacity" }, { status: 500 })));
    const e: any = await testClient(
      undefined,
      {},
      {
        retryable: (error) => {
          seenBody = error.body;
          seenRaw = error.rawBody;
          return false;
        },
      },
    )
      .json(get, { schema: z.unknown() })
      .catch((x) => x);
    expect(e.status).toBe(500);
    expect(seenBody).toEqual({ detail: "capacity" });
    expect(seenRaw).toBe('{"detail":"capacity"}');
  });

  test("errors carry the brand: instanceof across copies, and isTurbokitError", async () => {
    const e = await failWith(() => HttpResponse.json({ detail: "x" }, { status: 404 }));
    const foreign = Object.create(null);
    foreign[Symbol.for("turbokit.error")] = ["NotFoundError", "ApiError", "TurbokitError"];
    expect(foreign instanceof NotFoundError).toBe(true);
    expect(foreign instanceof TurbokitError).toBe(true);
    expect(foreign instanceof ConflictError).toBe(false);
    expect(isTurbokitError(e)).toBe(true);
    expect(isTurbokitError(new Error("plain"))).toBe(false);
    expect(e.name).toBe("NotFoundError");
  });

  test("request ids are read from the response", async () => {
    const e = await failWith(() =>
      HttpResponse.json({ detail: "x" }, { status: 500, headers: { "x-request-id": "req_123" } }),
    );
    expect(e.requestId).toBe("req_123");
  });

  test("a 100,000-deep JSON error body is an ApiError whose body is the text (never a RangeError)", async () => {
    const deep = `${'{"detail":'.repeat(100_000)}"x"${"}".repeat(100_000)}`;
    const e = await failWith(
      () => new HttpResponse(deep, { status: 400, headers: { "content-type": "application/json" } }),
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.body).toBe(deep);
    expect(e.message).toBe(`Test GET /thing failed: 400 Bad Request: ${deep.slice(0, 500)}…`);
    expect(JSON.stringify(e).length).toBeGreaterThan(deep.length);
  });

  test("an HTML page of endless `<title` candidates is summarised in bounded work", async () => {
    const page = `<html><head>${"<title".repeat(400_000)}</head></html>`;
    const started = performance.now();
    const e = await failWith(
      () => new HttpResponse(page, { status: 502, headers: { "content-type": "text/html" } }),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(e.message).toBe("Test GET /thing failed: 502 Bad Gateway: HTML response");
    const titled = await failWith(
      () =>
        new HttpResponse("<html><title>Sign in</title></html>", {
          status: 403,
          headers: { "content-type": "text/html" },
        }),
    );
    expect(titled.message).toBe('Test GET /thing failed: 403 Forbidden: HTML response ("Sign in")');
  });

  test("a 422 listing 100,000 problems keeps the first 100", async () => {
    const detail = Array.from({ length: 100_000 }, (_, i) => ({
      loc: ["body", `f${i}`],
      msg: "bad",
      type: "x",
    }));
    const e = await failWith(() => HttpResponse.json({ detail }, { status: 422 }));
    expect(e).toBeInstanceOf(UnprocessableEntityError);
    const issues = (e as UnprocessableEntityError).issues;
    expect(issues).toHaveLength(100);
    expect(issues[99]).toEqual({ loc: ["body", "f99"], msg: "bad", type: "x" });
  });
});
