import { describe, expect, it, vi } from "vitest";
import { bearer, jwtSession, type TokenPair } from "../../src/auth/index.js";
import { AuthenticationError, InputValidationError } from "../../src/core/errors.js";
import { TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { hangPost } from "../helpers/msw.js";
import { useSim } from "../helpers/sim.js";
import { BASE, clientAs } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX auth", () => {
  it("logs in with email + password through jwtSession and reads /auth/me", async () => {
    const seen: TokenPair[] = [];
    const tx = createTurbineX({
      auth: jwtSession({
        credentials: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD },
        onTokens: (t) => void seen.push(t),
      }),
    });
    const me = await tx.auth.me();
    expect(me).toMatchObject({
      email: "owner@acme.test",
      role: "owner",
      verified: true,
      plan: "pro",
      org_id: "org_acme",
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.refreshToken).toMatch(/^txr_/);
    expect(seen[0]?.expiresAt).toBe(Math.floor(t.sim.clock.now() / 1000) * 1000 + 900_000);
  });

  it("refreshes after the 15-minute access token expires and rotates the refresh token", async () => {
    const seen: TokenPair[] = [];
    const session = jwtSession({
      credentials: { email: TURBINEX_SIM_USERS.admin, password: TURBINEX_SIM_PASSWORD },
      onTokens: (t) => void seen.push({ ...t }),
    });
    const tx = createTurbineX({ auth: session });
    expect((await tx.auth.me()).role).toBe("admin");
    t.sim.clock.advance(16 * 60_000); // the server now rejects the token: 401 → refresh → replay
    expect((await tx.auth.me()).role).toBe("admin");
    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    expect(second?.refreshToken).not.toBe(first?.refreshToken);
    // The old refresh token was used once and is now dead.
    await expect(tx.auth.refresh(first!.refreshToken!)).rejects.toBeInstanceOf(AuthenticationError);
    // The newest one still works.
    const pair = await tx.auth.refresh(second!.refreshToken!);
    expect(pair.reveal().accessToken.split(".")).toHaveLength(3);
    expect(JSON.stringify(session)).not.toContain(second!.refreshToken!);
  });

  it("auth.login returns a pair that prints redacted", async () => {
    const tx = createTurbineX({ auth: bearer("unused-token-value") });
    const pair = await tx.auth.login(TURBINEX_SIM_USERS.member, TURBINEX_SIM_PASSWORD);
    const { accessToken, refreshToken } = pair.reveal();
    expect(accessToken).toMatch(/^eyJ/);
    expect(String(pair)).not.toContain(accessToken);
    expect(JSON.stringify(pair)).not.toContain(refreshToken ?? "x");
    const me = await createTurbineX({ auth: jwtSession({ accessToken, refreshToken }) }).auth.me();
    expect(me.email).toBe(TURBINEX_SIM_USERS.member);
  });

  it("a wrong password is a typed 401 with the server's detail", async () => {
    const tx = createTurbineX({ auth: bearer("unused-token-value") });
    const error = await tx.auth.login(TURBINEX_SIM_USERS.owner, "nope-nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).message).toContain("Incorrect email or password");
  });

  it("login and refresh are sent without credentials", async () => {
    const tx = createTurbineX({ auth: bearer("some-static-token") });
    const pair = await tx.auth.login(TURBINEX_SIM_USERS.owner, TURBINEX_SIM_PASSWORD);
    await tx.auth.refresh(pair.reveal().refreshToken!);
    expect(t.requests.paths()).toEqual(["POST /auth/login", "POST /auth/refresh"]);
    expect(t.requests.map((r) => r.headers.get("authorization"))).toEqual([null, null]);
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      email: TURBINEX_SIM_USERS.owner,
      password: TURBINEX_SIM_PASSWORD,
    });
  });

  it("an invalid bearer token is an AuthenticationError (no refresh possible)", async () => {
    const tx = createTurbineX({ auth: bearer("not-a-real-token") });
    const error = await tx.auth.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain("Could not validate credentials");
  });

  it("a login step runs under the session's deadline: a hanging /auth/login is aborted at refreshTimeoutMs", async () => {
    const login = hangPost(t.server, `${BASE}/auth/login`);
    const tx = t.client({
      auth: jwtSession({
        credentials: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD },
        refreshTimeoutMs: 100,
      }),
    });
    await expect(tx.auth.me()).rejects.toThrow();
    await vi.waitFor(() => expect(login.aborted).toBe(true), { timeout: 2_000 });
  });

  it("manages PATs: create (shown once), use as bearer, list, revoke", async () => {
    const tx = clientAs(t, "owner");
    const pat = await tx.auth.pats.create({ name: "ci", expiresAt: null });
    expect(pat.token).toMatch(/^txp_[0-9a-f]{48}$/);
    expect(JSON.stringify(pat)).not.toContain(pat.token);
    expect(JSON.stringify(pat)).toContain('"name":"ci"');

    const viaPat = createTurbineX({ auth: bearer(pat.token) });
    expect((await viaPat.auth.me()).email).toBe(TURBINEX_SIM_USERS.owner);

    const listed = await tx.auth.pats.list().toArray();
    expect(listed.map((p) => p.name)).toContain("ci");
    expect(listed.find((p) => p.id === pat.id)).not.toHaveProperty("token");

    await tx.auth.pats.revoke(pat.id);
    await expect(viaPat.auth.me()).rejects.toBeInstanceOf(AuthenticationError);
    expect([...t.provider.state.pats.values()].some((p) => p.id === pat.id)).toBe(false);
  });

  it("a PAT with a past expiry stops working", async () => {
    const tx = clientAs(t, "owner");
    const pat = await tx.auth.pats.create({ name: "short", expiresAt: new Date(t.sim.clock.now() + 60_000) });
    const viaPat = createTurbineX({ auth: bearer(pat.token) });
    expect((await viaPat.auth.me()).role).toBe("owner");
    t.sim.clock.advance(61_000);
    const error = await viaPat.auth.me().catch((e: unknown) => e);
    expect((error as Error).message).toContain("Personal access token has expired");
  });

  it("refuses bad PAT input before sending", async () => {
    const tx = clientAs(t, "owner");
    await expect(tx.auth.pats.create({ name: "" })).rejects.toMatchObject({ field: "name" });
    await expect(tx.auth.pats.create({ name: "x", expiresAt: "not a date" })).rejects.toMatchObject({
      field: "expiresAt",
    });
    await expect(tx.auth.pats.revoke("")).rejects.toBeInstanceOf(InputValidationError);
  });

  it("defaults to TURBINEX_TOKEN, else fails before sending", async () => {
    const pat = await clientAs(t, "member").auth.pats.create({ name: "env" });
    vi.stubEnv("TURBINEX_TOKEN", pat.token);
    try {
      expect((await createTurbineX().auth.me()).email).toBe(TURBINEX_SIM_USERS.member);
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv("TURBINEX_TOKEN", "");
    const before = t.requests.length;
    const error = await createTurbineX()
      .auth.me()
      .catch((e: unknown) => e);
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).message).toContain("TURBINEX_TOKEN");
    expect(t.requests.length).toBe(before);
  });
});
