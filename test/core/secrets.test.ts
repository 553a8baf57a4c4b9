import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { apiKey } from "../../src/auth/api-key.js";
import { bearer } from "../../src/auth/bearer.js";
import { jwtSession } from "../../src/auth/jwt-session.js";
import { ResponseValidationError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import { route } from "../../src/core/routes.js";
import { secretRecord } from "../../src/core/secret.js";
import { BASE, testClient } from "../helpers/client.js";
import { makeJwt } from "../helpers/jwt.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const get = route("GET", "/echo");

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ""}`);
  const logger: Logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
  return { logger, lines };
}

/** Every way a user or a log could print the error. */
function renderings(error: unknown, lines: string[]): string[] {
  const e = error as Error;
  return [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.stack ?? "", ...lines];
}

describe("secrets never leak", () => {
  test.each([
    ["a PAT", async () => "txp_live_9f8e7d6c5b4a39281706"],
    ["an API key", async () => "lk_0123456789abcdefghijklmnop"],
    ["a JWT", async () => makeJwt("user-1", 900)],
  ])("%s echoed back in an error body and logs", async (_kind, make) => {
    const secret = await make();
    server.use(
      http.get(`${BASE}/echo`, ({ request }) =>
        HttpResponse.json(
          { detail: `Invalid token ${request.headers.get("authorization")} for ${secret}` },
          { status: 403 },
        ),
      ),
    );
    const { logger, lines } = recordingLogger();
    const auth = secret.startsWith("lk_") ? apiKey(secret) : bearer(secret);
    const client = testClient(auth, { logger, logLevel: "debug", maxRetries: 0 });
    const error: any = await client.json(get, { schema: z.unknown() }).catch((e) => e);

    for (const text of renderings(error, lines)) expect(text).not.toContain(secret);
    expect(error.message).toContain("[redacted]");
    expect(lines.some((l) => l.includes("GET /echo"))).toBe(true);
  });

  test.each([
    ["client options", "client"],
    ["per-call options", "call"],
  ])(
    "a request Cookie and X-Api-Key given in %s, echoed in an error body, are scrubbed",
    async (_where, where) => {
      // Opaque values (no Bearer/JWT/lk_ shape for the pattern net to catch), distinct per case:
      // the secret registry is process-wide, so one case must not pre-register the other's values.
      const cookieValue = `s3cr3tcookievalue99-${where}`;
      const csrf = `csrf0pqrs7tuvw${where}`;
      const key = `opaque-key-4f1e9b2c77-${where}`;
      const headers = { Cookie: `session=${cookieValue}; csrf=${csrf}`, "X-Api-Key": key };
      server.use(
        http.get(`${BASE}/echo`, ({ request }) => {
          const cookies = request.headers.get("cookie") ?? "";
          // The server quotes the whole header, and each cookie value on its own.
          const values = cookies.split("; ").map((pair) => pair.split("=")[1]);
          return HttpResponse.json(
            {
              detail: `rejected cookie ${cookies} (values ${values.join(", ")}) and key ${request.headers.get("x-api-key")}`,
            },
            { status: 403 },
          );
        }),
      );
      const { logger, lines } = recordingLogger();
      const client = testClient(undefined, {
        logger,
        logLevel: "debug",
        maxRetries: 0,
        ...(where === "client" && { headers }),
      });
      const error: any = await client
        .json(get, { schema: z.unknown(), ...(where === "call" && { options: { headers } }) })
        .catch((e) => e);

      expect(error.status).toBe(403);
      expect(error.message).toContain("rejected cookie");
      for (const text of [...renderings(error, lines), error.rawBody, JSON.stringify(error.body)]) {
        expect(text).not.toContain(cookieValue);
        expect(text).not.toContain(csrf);
        expect(text).not.toContain(key);
      }
    },
  );

  test("refresh tokens and passwords of a session are scrubbed too", async () => {
    const access = await makeJwt("u", 900);
    const session = jwtSession({
      accessToken: access,
      refreshToken: "rt_c0ffee_1234567890",
      credentials: { email: "me@x.io", password: "correct-horse-battery" },
    });
    server.use(
      http.get(`${BASE}/echo`, () =>
        HttpResponse.json({ detail: "rt_c0ffee_1234567890 / correct-horse-battery" }, { status: 400 }),
      ),
    );
    const error: any = await testClient(session)
      .json(get, { schema: z.unknown() })
      .catch((e) => e);
    for (const text of renderings(error, [])) {
      expect(text).not.toContain("rt_c0ffee_1234567890");
      expect(text).not.toContain("correct-horse-battery");
    }
    expect(inspect(session)).not.toContain(access);
    expect(JSON.stringify({ session })).not.toContain(access);
  });

  test.each([
    [
      "malformed JSON",
      () =>
        new HttpResponse('{"password": "pw-9c2e1f77a', { headers: { "content-type": "application/json" } }),
    ],
    ["an unexpected shape", () => HttpResponse.json([{ type: "ssh", password: "pw-9c2e1f77a" }])],
  ])("a sensitive call whose answer is %s keeps no raw copy of it", async (_kind, answer) => {
    server.use(http.get(`${BASE}/echo`, answer));
    const schema = z.object({ password: z.string() });
    const error: any = await testClient()
      .json(get, { schema, sensitive: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.raw).toBeUndefined();
    expect(error.issues.length).toBeGreaterThan(0);
    // Without the flag the raw value is kept, as ResponseValidationError documents.
    const plain: any = await testClient()
      .json(get, { schema })
      .catch((e) => e);
    expect(plain.raw).toBeDefined();
  });

  test("secret records print redacted but read normally", () => {
    const creds = secretRecord({ username: "root", password: "pa55-w0rd-xyz" }, "host credentials");
    expect(creds.password).toBe("pa55-w0rd-xyz");
    for (const text of [
      String(creds),
      `${creds}`,
      JSON.stringify(creds),
      JSON.stringify({ creds }),
      inspect(creds),
    ]) {
      expect(text).not.toContain("pa55-w0rd-xyz");
      expect(text).toContain("[host credentials: [redacted]]");
    }
    expect(creds.reveal()).toEqual({ username: "root", password: "pa55-w0rd-xyz" });
  });

  test("a secret record can name its secret fields: those are scrubbed later, the rest stay readable", async () => {
    const key = secretRecord(
      { id: "key-name-visible-1", name: "ci-deploy-key", api_key: "lk_live_0ddba11c0ffee123" },
      "API key",
      { secretFields: ["api_key"] },
    );
    expect(String(key)).toBe("[API key: [redacted]]");
    server.use(
      http.get(`${BASE}/echo`, () =>
        HttpResponse.json(
          { detail: `key ci-deploy-key (key-name-visible-1) = lk_live_0ddba11c0ffee123` },
          { status: 400 },
        ),
      ),
    );
    const error: any = await testClient()
      .json(get, { schema: z.unknown() })
      .catch((e) => e);
    expect(error.message).toContain("key ci-deploy-key (key-name-visible-1) = [redacted]");
  });
});
