import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, test, vi } from "vitest";
import { bearer } from "../../src/auth/index.js";
import {
  ApiError,
  AuthenticationError,
  InputValidationError,
  PermissionDeniedError,
  TurbokitError,
} from "../../src/index.js";
import {
  TURBOSTACK_SIM_EXPIRED_TOKEN,
  TURBOSTACK_SIM_OTHER_TOKEN,
  TURBOSTACK_SIM_TOKEN,
} from "../../src/testing/turbostack/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API, BASE } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("auth", () => {
  test("without auth or TURBOSTACK_TOKEN, calls fail before sending with a hint", async () => {
    vi.stubEnv("TURBOSTACK_TOKEN", "");
    const ts = createTurboStack();
    const before = t.requests.length;
    const error = await ts.hosts.get(101).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toContain("TURBOSTACK_TOKEN");
    expect(t.requests.length).toBe(before);
  });

  test("TURBOSTACK_TOKEN is used when no auth is passed", async () => {
    vi.stubEnv("TURBOSTACK_TOKEN", TURBOSTACK_SIM_TOKEN);
    const host = await createTurboStack().hosts.get(101);
    expect(host.id).toBe(101);
  });

  test("the bearer token is sent as Authorization: Bearer, with Accept: application/json", async () => {
    await client().clients.get(1);
    const headers = t.requests.map((r) => r.headers);
    expect(headers[0]?.get("authorization")).toBe(`Bearer ${TURBOSTACK_SIM_TOKEN}`);
    expect(headers[0]?.get("accept")).toBe("application/json");
  });

  test("an unknown token is a 401 AuthenticationError; the token is not in the error", async () => {
    const secret = "ts_pat_wrong_token_value";
    const error = (await createTurboStack({ auth: bearer(secret) })
      .hosts.list()
      .toArray()
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.body).toEqual({ message: "Unauthenticated." });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret);
  });

  test("an expired token is a 401", async () => {
    const error = await createTurboStack({ auth: bearer(TURBOSTACK_SIM_EXPIRED_TOKEN) })
      .clients.get(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  test("another client's token gets 403 on this host, and sees only its own hosts", async () => {
    const other = createTurboStack({ auth: bearer(TURBOSTACK_SIM_OTHER_TOKEN) });
    const error = await other.hosts.get(101).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).body).toEqual({ message: "This action is unauthorized." });
    const hosts = await other.hosts.list().toArray();
    expect(hosts.map((h) => h.id)).toEqual([143, 144, 145, 146, 147, 148]);
    await expect(other.hosts.deploy(101, { type: "deploy" })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(other.hosts.saveConfig(101, { a: 1 })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  test("pageSize is validated at construction", () => {
    expect(() => createTurboStack({ pageSize: 0 })).toThrow(InputValidationError);
  });
});

describe("HTML pages and redirects", () => {
  test("a request not asking for JSON lands on a 302 to /login: an ApiError with the raw HTML, not followed", async () => {
    let loginHits = 0;
    server.use(
      http.get(`${BASE}/login`, () => {
        loginHits += 1;
        return new HttpResponse("<html><title>Login</title></html>", {
          headers: { "content-type": "text/html" },
        });
      }),
    );
    const ts = client({ headers: { Accept: "text/html" } });
    const error = (await ts.hosts.get(101).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(TurbokitError);
    expect(error.status).toBe(302);
    expect(error.headers.get("location")).toBe(`${BASE}/login`);
    expect(error.rawBody).toContain("<!DOCTYPE html>");
    expect(error.rawBody).toContain("Login | TurboStack");
    expect(error.message).toContain("redirect to /login not followed");
    expect(loginHits).toBe(0);
  });

  test("a 200 HTML page where JSON was expected is an ApiError with the raw body", async () => {
    server.use(
      http.get(`${API}/hosts/:id`, () =>
        HttpResponse.html("<!doctype html><html><head><title>Maintenance</title></head></html>"),
      ),
    );
    const error = (await client()
      .hosts.get(101)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(200);
    expect(error.rawBody).toContain("<title>Maintenance</title>");
    expect(error.message).toContain("HTML response");
  });

  test("an HTML page without an HTML content type is still recognised", async () => {
    server.use(
      http.get(
        `${API}/hosts`,
        () =>
          new HttpResponse("<html><body>Sign in</body></html>", {
            headers: { "content-type": "application/json" },
          }),
      ),
    );
    const error = (await client()
      .hosts.list()
      .toArray()
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.rawBody).toBe("<html><body>Sign in</body></html>");
  });

  test("a cross-origin redirect is not followed, so the token never leaves", async () => {
    const evil: string[] = [];
    server.use(
      http.get(
        `${API}/groups/:id`,
        () =>
          new HttpResponse(null, { status: 301, headers: { location: "https://elsewhere.example/steal" } }),
      ),
      http.get("https://elsewhere.example/steal", ({ request }) => {
        evil.push(request.headers.get("authorization") ?? "");
        return HttpResponse.json({});
      }),
    );
    const error = (await client()
      .groups.get(11)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(301);
    expect(evil).toEqual([]);
  });

  test("a GET answering 429 with Retry-After is retried", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/clients/:id`, () => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json(
            { message: "Too Many Attempts." },
            { status: 429, headers: { "retry-after": "0" } },
          );
        return HttpResponse.json({ data: { id: 1, firstname: "A" } });
      }),
    );
    const c = await client().clients.get(1);
    expect(c.firstname).toBe("A");
    expect(calls).toBe(2);
  });
});
