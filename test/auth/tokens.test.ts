import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { apiKey } from "../../src/auth/api-key.js";
import { bearer } from "../../src/auth/bearer.js";
import { CredentialsError } from "../../src/auth/errors.js";
import { jwtSession } from "../../src/auth/jwt-session.js";
import { ConnectionError, InputValidationError, TurbokitError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { countGets, useMsw } from "../helpers/msw.js";
import { thrown } from "../helpers/thrown.js";

const server = useMsw();
const get = route("GET", "/items");
const ok = z.object({ ok: z.boolean() });

const counting = () => countGets(server, `${BASE}/items`);

describe("tokens", () => {
  test.each([
    ["bearer", () => bearer("tok-with-euro-€-sign")],
    ["apiKey", () => apiKey("key\u2028with-line-separator")],
    ["jwtSession accessToken", () => jwtSession({ accessToken: "jwt-“smart-quoted”" })],
  ])("%s: a non-Latin-1 token is refused up front, without quoting it", (_kind, make) => {
    const error = thrown(make);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).not.toMatch(/€|“|\u2028/);
  });

  test("a token function returning a non-Latin-1 token fails as InputValidationError, nothing sent", async () => {
    const seen = counting();
    const error = await testClient(bearer(() => "tøken-from-vault-€"))
      .json(get, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(seen.count).toBe(0);
  });

  test("a token function that throws is a CredentialsError with the cause, not a ConnectionError", async () => {
    const seen = counting();
    const vault = new Error("vault unavailable");
    const error = await testClient(
      bearer(() => {
        throw vault;
      }),
    )
      .json(get, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toBeInstanceOf(TurbokitError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.name).toBe("CredentialsError");
    expect(error.cause).toBe(vault);
    expect(error.message).toContain("vault unavailable");
    expect(seen.count).toBe(0);
  });

  test("a custom jwtSession refresh that throws is a CredentialsError too", async () => {
    const seen = counting();
    const session = jwtSession({
      refreshToken: "rt_0123456789abcdef",
      refresh: async () => {
        throw new Error("token store offline");
      },
    });
    const error = await testClient(session)
      .json(get, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain("token store offline");
    expect(seen.count).toBe(0);
  });

  test("a custom auth strategy that throws a plain error is a CredentialsError", async () => {
    const error = await testClient({
      kind: "custom",
      authorize() {
        throw new TypeError("cannot read properties of undefined");
      },
    })
      .json(get, { schema: ok })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).not.toBeInstanceOf(ConnectionError);
  });
});
