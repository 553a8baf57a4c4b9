import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { apiKey } from "../../src/auth/api-key.js";
import { bearer } from "../../src/auth/bearer.js";
import { jwtSession } from "../../src/auth/jwt-session.js";
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
  ])("%s echoed back in an error body, headers and logs", async (_kind, make) => {
    const secret = await make();
    const cookie = "id=sess_7c1f4b9e2d8a6035; Path=/; HttpOnly";
    server.use(
      http.get(`${BASE}/echo`, ({ request }) =>
        HttpResponse.json(
          { detail: `Invalid token ${request.headers.get("authorization")} for ${secret}` },
          { status: 403, headers: { "set-cookie": cookie } },
        ),
      ),
    );
    const { logger, lines } = recordingLogger();
    const auth = secret.startsWith("lk_") ? apiKey(secret) : bearer(secret);
    const client = testClient(auth, { logger, logLevel: "debug", maxRetries: 0 });
    const error: any = await client.json(get, { schema: z.unknown() }).catch((e) => e);

    for (const text of renderings(error, lines)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("sess_7c1f4b9e2d8a6035");
    }
    expect(error.message).toContain("[redacted]");
    expect(lines.some((l) => l.includes("GET /echo"))).toBe(true);
  });

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
