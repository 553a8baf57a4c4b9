import { HttpResponse, http } from "msw";
import { describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { jwtSession } from "../../src/auth/jwt-session.js";
import { bindSessionEndpoints } from "../../src/auth/types.js";
import { AuthenticationError, InputValidationError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { makeJwt } from "../helpers/jwt.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const whoami = route("GET", "/whoami");
const submit = route("POST", "/things");
const schema = z.object({ token: z.string() });

/** The API: accepts only tokens in `valid`, echoes the token it saw. */
function api(valid: Set<string>, seen: string[] = []) {
  const handler = ({ request }: { request: Request }) => {
    const token = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
    seen.push(token);
    if (!valid.has(token)) return HttpResponse.json({ detail: "Token expired" }, { status: 401 });
    return HttpResponse.json({ token });
  };
  server.use(http.get(`${BASE}/whoami`, handler), http.post(`${BASE}/things`, handler));
  return seen;
}

describe("jwtSession", () => {
  test("50 concurrent calls on an expired token share exactly one refresh", async () => {
    const expired = await makeJwt("u1", -60);
    const fresh = await makeJwt("u1", 900);
    api(new Set([fresh]));
    const refresh = vi.fn(async (rt: string) => {
      expect(rt).toBe("refresh-1");
      await new Promise((r) => setTimeout(r, 20));
      return { accessToken: fresh, refreshToken: "refresh-2" };
    });
    const onTokens = vi.fn();
    const client = testClient(
      jwtSession({ accessToken: expired, refreshToken: "refresh-1", refresh, onTokens }),
    );

    const results = await Promise.all(Array.from({ length: 50 }, () => client.json(whoami, { schema })));

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.token === fresh)).toBe(true);
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(onTokens.mock.calls[0]?.[0]).toMatchObject({ accessToken: fresh, refreshToken: "refresh-2" });
  });

  test("refreshes proactively inside the skew window, not before", async () => {
    const soon = await makeJwt("u1", 30); // expires in 30 s, inside the default 60 s skew
    const fresh = await makeJwt("u1", 900);
    api(new Set([soon, fresh]));
    const refresh = vi.fn(async () => ({ accessToken: fresh }));
    const client = testClient(jwtSession({ accessToken: soon, refreshToken: "r", refresh }));
    expect((await client.json(whoami, { schema })).token).toBe(fresh);
    expect((await client.json(whoami, { schema })).token).toBe(fresh);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  test.each([
    ["GET", whoami],
    ["POST", submit],
  ] as const)("a 401 mid-flight on %s → one refresh and one replay", async (_method, r) => {
    const revoked = await makeJwt("u1", 900); // looks valid locally, server rejects it
    const fresh = await makeJwt("u1", 901);
    const seen = api(new Set([fresh]));
    const refresh = vi.fn(async () => ({ accessToken: fresh, refreshToken: "r2" }));
    const client = testClient(jwtSession({ accessToken: revoked, refreshToken: "r1", refresh }));

    const result = await client.json(r, { schema, json: r.method === "POST" ? { a: 1 } : undefined });

    expect(result.token).toBe(fresh);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([revoked, fresh]);
  });

  test("a second 401 after the replay is an AuthenticationError, with no loop", async () => {
    const t1 = await makeJwt("u1", 900);
    const t2 = await makeJwt("u1", 901);
    const seen = api(new Set()); // rejects everything
    const refresh = vi.fn(async () => ({ accessToken: t2 }));
    const client = testClient(jwtSession({ accessToken: t1, refreshToken: "r", refresh }));

    const error = await client.json(whoami, { schema }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([t1, t2]);
  });

  test("a stale 401 (request carried an older token) replays without refreshing again", async () => {
    const old = await makeJwt("u1", 900);
    const fresh = await makeJwt("u1", 901);
    const refresh = vi.fn(async () => ({ accessToken: fresh }));
    const session = jwtSession({ accessToken: old, refreshToken: "r", refresh });
    // First, a request with `old` gets its 401 and refreshes to `fresh`.
    api(new Set([fresh]));
    const client = testClient(session);
    await client.json(whoami, { schema });
    expect(session.tokens()?.accessToken).toBe(fresh);
    expect(refresh).toHaveBeenCalledTimes(1);

    // Now a 401 arrives for a request that carried `old`: the session already has a newer token.
    const stale = new Request(`${BASE}/whoami`, { headers: { authorization: `Bearer ${old}` } });
    const replay = await session.onUnauthorized?.(stale, new Response(null, { status: 401 }));
    expect(replay).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session.tokens()?.accessToken).toBe(fresh);
  });

  test("a failed refresh reaches every waiter with the same error, and the next call tries again", async () => {
    const expired = await makeJwt("u1", -60);
    const fresh = await makeJwt("u1", 900);
    api(new Set([fresh]));
    let calls = 0;
    const refresh = vi.fn(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      if (calls === 1)
        throw new AuthenticationError({
          status: 401,
          headers: new Headers(),
          body: {},
          rawBody: "",
          message: "refresh token revoked",
          method: "POST",
          url: "",
        });
      return { accessToken: fresh };
    });
    const client = testClient(jwtSession({ accessToken: expired, refreshToken: "r", refresh }));

    const errors = await Promise.all(
      Array.from({ length: 5 }, () => client.json(whoami, { schema }).catch((e) => e)),
    );
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(refresh).toHaveBeenCalledTimes(1);

    expect((await client.json(whoami, { schema })).token).toBe(fresh);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  test("logs in through the provider's bound endpoints when there is nothing to refresh", async () => {
    const fresh = await makeJwt("u1", 900);
    api(new Set([fresh]));
    const session = jwtSession({ credentials: { email: "a@b.c", password: "hunter2-secret" } });
    const login = vi.fn(async (c: { email: string }) => {
      expect(c.email).toBe("a@b.c");
      return { accessToken: fresh, refreshToken: "rt-1" };
    });
    bindSessionEndpoints(session, { login, refresh: async () => ({ accessToken: fresh }) });
    const client = testClient(session);
    expect((await client.json(whoami, { schema })).token).toBe(fresh);
    expect(login).toHaveBeenCalledTimes(1);
    expect(session.tokens()?.refreshToken).toBe("rt-1");
  });

  test("with no token, refresh token or login it fails before sending", async () => {
    const seen = api(new Set());
    const client = testClient(jwtSession({}));
    const error = await client.json(whoami, { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("auth");
    expect(seen).toEqual([]);
  });
});

describe("custom login and refresh", () => {
  test("receive the step's signal, aborted once refreshTimeoutMs passes (a hung refresh can be dropped)", async () => {
    const signals: AbortSignal[] = [];
    const session = jwtSession({
      refreshToken: "rt_custom_hung_0001",
      refreshTimeoutMs: 50,
      refresh: (token, { signal }) => {
        expect(token).toBe("rt_custom_hung_0001");
        if (signal) signals.push(signal);
        return new Promise(() => {});
      },
    });
    const error = await testClient(session)
      .json(whoami, { schema })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  test("a custom login gets the signal too", async () => {
    const access = await makeJwt("u_custom", 3600);
    let given: AbortSignal | undefined;
    const session = jwtSession({
      login: async ({ signal }) => {
        given = signal;
        return { accessToken: access };
      },
    });
    server.use(
      http.get(`${BASE}/whoami`, ({ request }) =>
        HttpResponse.json({ token: request.headers.get("authorization") }),
      ),
    );
    expect(await testClient(session).json(whoami, { schema })).toEqual({ token: `Bearer ${access}` });
    expect(given).toBeInstanceOf(AbortSignal);
    expect(given!.aborted).toBe(false);
  });
});
