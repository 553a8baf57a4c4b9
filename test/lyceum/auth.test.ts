import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKey, bearer, jwtSession } from "../../src/auth/index.js";
import {
  AuthenticationError,
  InputValidationError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { LYCEUM_SIM_API_KEY } from "../../src/testing/index.js";
import { DEFAULT_USER } from "../../src/testing/lyceum/index.js";
import { hangPost } from "../helpers/msw.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");
const credentials = { email: DEFAULT_USER.email, password: DEFAULT_USER.password };

afterEach(() => vi.unstubAllEnvs());

describe("auth: API keys", () => {
  it("sends the key as a bearer token; an org key's own org scopes the data even with an orgSlug", async () => {
    const ada = t.client({ auth: apiKey("lk_sim_ada_lab_0001"), orgSlug: "shared-team" });
    await ada.storage.upload("a.txt", new TextEncoder().encode("ada-lab data"));
    const request = t.requests[0]!;
    expect(request.headers.get("authorization")).toBe("Bearer lk_sim_ada_lab_0001");
    // createLyceum({ orgSlug }) is honoured whatever the auth (the server ranks the key's org first).
    expect(request.headers.get("x-org-slug")).toBe("shared-team");
    const shared = t.client({ auth: apiKey("lk_sim_shared_team_0001") });
    expect(await shared.storage.list().toArray()).toEqual([]);
    expect((await ada.storage.list().toArray()).map((f) => f.key)).toEqual(["a.txt"]);
  });

  it("LYCEUM_ORG is sent with an API key; the key's own orgSlug wins over the env, orgSlug over both", async () => {
    vi.stubEnv("LYCEUM_ORG", "shared-team");
    await t.client({ auth: apiKey("lk_sim_ada_lab_0001") }).quotas.get();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("shared-team");
    await t.client({ auth: apiKey("lk_sim_ada_lab_0001", { orgSlug: "ada-lab" }) }).quotas.get();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("ada-lab");
    await t
      .client({ auth: apiKey("lk_sim_ada_lab_0001", { orgSlug: "ada-lab" }), orgSlug: "other-org" })
      .quotas.get();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("other-org");
    vi.stubEnv("LYCEUM_ORG", "");
    await t.client({ auth: apiKey("lk_sim_ada_lab_0001") }).quotas.get();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBeNull();
  });

  it("a bearer token gets the orgSlug too", async () => {
    const client = t.client({ auth: bearer("eyJabc.def.ghi"), orgSlug: "shared-team" });
    await client.quotas.get().catch(() => undefined);
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("shared-team");
  });

  it("reads LYCEUM_API_KEY by default, and fails before sending without credentials", async () => {
    vi.stubEnv("LYCEUM_API_KEY", "lk_sim_ada_lab_0001");
    const fromEnv = createLyceum();
    expect(await fromEnv.quotas.availableHardware()).toContain("cpu");
    vi.stubEnv("LYCEUM_API_KEY", "");
    const none = createLyceum();
    const error = await none.quotas.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toContain("LYCEUM_API_KEY");
  });

  it("maps a bad key to AuthenticationError without leaking it", async () => {
    const client = t.client({ auth: apiKey("lk_wrong_key_123456") });
    const error = (await client.quotas.get().catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(JSON.stringify(error)).not.toContain("lk_wrong_key_123456");
  });
});

describe("auth: JWT sessions", () => {
  it("a login step runs under the session's deadline: a hanging /auth/login is aborted at refreshTimeoutMs", async () => {
    const login = hangPost(t.server, `${BASE}/auth/login`);
    const client = t.client({ auth: jwtSession({ credentials, refreshTimeoutMs: 100 }) });
    await expect(client.quotas.get()).rejects.toThrow();
    await vi.waitFor(() => expect(login.aborted).toBe(true), { timeout: 2_000 });
  });

  it("logs in through /auth/login, then sends the JWT with X-Org-Slug", async () => {
    const client = t.client({ auth: jwtSession({ credentials }), orgSlug: "shared-team" });
    await client.storage.upload("team.txt", new TextEncoder().encode("team"));
    expect(pathsOf(t.requests)).toEqual(["POST /auth/login", "POST /storage/upload"]);
    expect(t.requests[0]!.headers.get("authorization")).toBeNull();
    expect(t.requests[0]!.headers.get("x-org-slug")).toBeNull();
    expect(t.requests[1]!.headers.get("authorization")).toMatch(/^Bearer eyJ/);
    expect(t.requests[1]!.headers.get("x-org-slug")).toBe("shared-team");
    // The file landed in shared-team, which the shared-team API key sees.
    const keyClient = t.client({ auth: apiKey("lk_sim_shared_team_0001") });
    expect((await keyClient.storage.list().toArray()).map((f) => f.key)).toEqual(["team.txt"]);
  });

  it("uses the default org without a slug, and LYCEUM_ORG when set", async () => {
    vi.stubEnv("LYCEUM_ORG", "shared-team");
    const client = t.client({ auth: jwtSession({ credentials }) });
    await client.env.list().toArray();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("shared-team");
    vi.stubEnv("LYCEUM_ORG", "");
    const plain = t.client({ auth: jwtSession({ credentials }) });
    await plain.env.list().toArray();
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBeNull();
  });

  it("rejects a malformed org slug before sending anything", () => {
    expect(() => t.client({ auth: jwtSession({ credentials }), orgSlug: "Evil\r\nX: 1" })).toThrow(
      InputValidationError,
    );
    expect(() => t.client({ auth: bearer("eyJabc.def.ghi"), orgSlug: "UPPER" })).toThrow(/orgSlug/);
    expect(t.requests).toHaveLength(0);
  });

  it("gets 403 for an org the user is not a member of", async () => {
    const client = t.client({ auth: jwtSession({ credentials }), orgSlug: "other-org" });
    const error = await client.quotas.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toContain("Not a member of organization 'other-org'");
  });

  it("refreshes through /auth/refresh after expiry, rotating the refresh token", async () => {
    const seen: string[] = [];
    const client = t.client({
      auth: jwtSession({ credentials, onTokens: (p) => void seen.push(p.refreshToken ?? "") }),
    });
    await client.quotas.get();
    t.sim.clock.advance(16 * 60_000); // past the 15-minute access token
    await client.quotas.get();
    expect(pathsOf(t.requests)).toEqual([
      "POST /auth/login",
      "GET /user/quotas",
      "GET /user/quotas",
      "POST /auth/refresh",
      "GET /user/quotas",
    ]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    const refreshBody = JSON.parse(t.requests[3]!.body);
    expect(refreshBody).toEqual({ refresh_token: seen[0] });
  });

  it("reports wrong credentials as AuthenticationError", async () => {
    const client = t.client({
      auth: jwtSession({ credentials: { email: credentials.email, password: "nope" } }),
    });
    await expect(client.quotas.get()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("errors", () => {
  it("turns FastAPI 422 bodies into UnprocessableEntityError with each {loc, msg}", async () => {
    t.server.use(
      http.get(`${BASE}/user/quotas`, () =>
        HttpResponse.json(
          {
            detail: [
              {
                loc: ["query", "limit"],
                msg: "Input should be less than or equal to 10000",
                type: "less_than_equal",
              },
              { loc: ["body", "code"], msg: "Field required", type: "missing" },
            ],
          },
          { status: 422 },
        ),
      ),
    );
    const error = (await t
      .client()
      .quotas.get()
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.issues.map((i) => [i.loc.join("."), i.msg])).toEqual([
      ["query.limit", "Input should be less than or equal to 10000"],
      ["body.code", "Field required"],
    ]);
  });

  it("the simulator's own 422 for a bad body reaches the caller", async () => {
    await t.client().env.set([{ key: "OK", value: "v" }]);
    const response = await fetch(`${BASE}/vms/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${LYCEUM_SIM_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ hardware_profile: "h100" }),
    });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: string[] }[] };
    // Only user_public_key and hardware_profile are required by the docs.
    expect(detail.map((i) => i.loc.join("."))).toEqual(["body.user_public_key"]);
  });
});
