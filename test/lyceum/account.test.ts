import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { apiKey, jwtSession } from "../../src/auth/index.js";
import { AuthenticationError, BadRequestError, ConflictError, NotFoundError } from "../../src/core/errors.js";
import { MfaRequiredError } from "../../src/lyceum/index.js";
import { DEFAULT_USER, MFA_USER, MFA_USER_SECRET, totpCode } from "../../src/testing/lyceum/index.js";
import { base32Decode, base32Encode } from "../../src/testing/lyceum/totp.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");
const ada = { email: DEFAULT_USER.email, password: DEFAULT_USER.password };
const alan = { email: MFA_USER.email, password: MFA_USER.password };
const now = () => t.sim.clock.now();

describe("created keys are never lost to an answer of another shape", () => {
  it("a create answered with only the plaintext (numeric or absent ids, nulls) still returns the key", async () => {
    t.server.use(
      http.post(`${BASE}/auth/api-keys/`, () =>
        HttpResponse.json({ api_key: "lk_created_only_plaintext_01", id: null, key_name: null, extra: 1 }),
      ),
      http.post(`${BASE}/orgs/:slug/api-keys`, () =>
        HttpResponse.json({ plaintext_key: "lk_org_created_plaintext_02", id: 42 }),
      ),
    );
    const user = await t.client().apiKeys.create({ name: "ci" });
    expect(user.reveal().api_key).toBe("lk_created_only_plaintext_01");
    expect(user.id).toBeNull();
    const org = await t.client().orgs.apiKeys.create("ada-lab", { name: "ci" });
    expect(org.reveal().plaintext_key).toBe("lk_org_created_plaintext_02");
    expect(org.id).toBe("42");
    expect(JSON.stringify([user, org])).not.toContain("lk_");
  });
});

describe("apiKeys (user level)", () => {
  it("creates a key (plaintext once, redacted), lists, toggles, validates and deletes it", async () => {
    const created = await t.client().apiKeys.create({ name: "laptop" });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({ key_name: "laptop", expires_at: null });
    expect(created.api_key).toMatch(/^lk_/);
    expect(created.key_prefix).toBe(created.api_key.slice(0, 10));
    expect(String(created)).toBe("[API key: [redacted]]");
    expect(inspect(created)).not.toContain(created.api_key);

    const listed = await t.client().apiKeys.list().toArray();
    expect(listed.map((k) => [k.key_name, k.is_active])).toEqual([["laptop", true]]);
    expect(JSON.stringify(listed)).not.toContain(created.api_key);

    expect(await t.client().apiKeys.validate(created.api_key)).toMatchObject({ valid: true, org_slug: null });
    const off = await t.client().apiKeys.toggle(created.id!);
    expect(off.is_active).toBe(false);
    expect(t.requests.at(-1)!.method).toBe("PATCH");
    expect((await t.client().apiKeys.validate(created.api_key)).valid).toBe(false);
    const userClient = t.client({ auth: apiKey(created.api_key) });
    await expect(userClient.quotas.get()).rejects.toBeInstanceOf(AuthenticationError);
    expect((await t.client().apiKeys.toggle(created.id!)).is_active).toBe(true);

    // A user key carries no org: the default org (or an explicit X-Org-Slug) applies.
    expect((await userClient.quotas.get()).org_slug).toBe("ada-lab");
    const pinned = t.client({ auth: apiKey(created.api_key, { orgSlug: "shared-team" }) });
    expect((await pinned.quotas.get()).org_slug).toBe("shared-team");

    await t.client().apiKeys.delete(created.id!);
    expect(await t.client().apiKeys.list().toArray()).toEqual([]);
    await expect(t.client().apiKeys.delete(created.id!)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.client().apiKeys.validate("lk_unknown_key_000")).toMatchObject({ valid: false });
  });

  it("the route table marks validate as a replayable read; create and checkout are not", async () => {
    const { routes } = await import("../../src/lyceum/routes.js");
    expect(routes.apiKeys.validate.idempotent).toBe(true);
    expect(routes.apiKeys.create.idempotent).toBe(false);
    expect(routes.billing.checkout.idempotent).toBe(false);
  });

  it("checks inputs first", async () => {
    await expect(t.client().apiKeys.create({ name: " " })).rejects.toMatchObject({ field: "name" });
    await expect(t.client().apiKeys.create({ name: "x", expiresAt: "yesterday" })).rejects.toMatchObject({
      field: "expiresAt",
    });
    await expect(t.client().apiKeys.validate("")).rejects.toMatchObject({ field: "key" });
    expect(t.requests).toHaveLength(0);
  });
});

describe("mfa", () => {
  it("TOTP matches the RFC 6238 vector and base32 round-trips", async () => {
    const secret = base32Encode(new TextEncoder().encode("12345678901234567890"));
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(await totpCode(secret, 59_000)).toBe("287082");
    expect(await totpCode(secret, 1_111_111_109_000)).toBe("081804");
    expect(base32Decode(secret)).toEqual(new TextEncoder().encode("12345678901234567890"));
  });

  it("enrol (secret redacted) → verify enrolment → status → step-up verify → regenerate → disable", async () => {
    const session = t.client({ auth: jwtSession({ credentials: ada }) });
    expect(await session.mfa.status()).toMatchObject({ enabled: false });
    const enrolment = await session.mfa.enroll();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.qr_code_url).toContain("otpauth://totp/");
    expect(enrolment.backup_codes).toHaveLength(8);
    expect(String(enrolment)).toBe("[MFA enrolment: [redacted]]");
    expect(JSON.stringify(enrolment)).not.toContain(enrolment.secret);
    expect(inspect(enrolment)).not.toContain(enrolment.backup_codes[0]!);

    await expect(session.mfa.verifyEnrollment("000000")).rejects.toBeInstanceOf(BadRequestError);
    const code = await totpCode(enrolment.secret, now());
    expect(await session.mfa.verifyEnrollment(code)).toMatchObject({ enabled: true });
    const status = await session.mfa.status();
    expect(status).toMatchObject({ enabled: true, backup_codes_remaining: 8 });
    expect(status.enrolled_at).toBeInstanceOf(Date);
    await expect(session.mfa.enroll()).rejects.toBeInstanceOf(ConflictError);

    expect(await session.mfa.verify({ code: await totpCode(enrolment.secret, now()) })).toMatchObject({
      verified: true,
    });
    const fresh = await session.mfa.regenerateBackupCodes(await totpCode(enrolment.secret, now()));
    expect(fresh.backup_codes).toHaveLength(8);
    expect(fresh.backup_codes).not.toEqual(enrolment.backup_codes);
    expect(String(fresh)).toBe("[backup codes: [redacted]]");

    expect(await session.mfa.disable(fresh.backup_codes[0]!)).toMatchObject({ enabled: false });
    expect((await session.mfa.status()).enabled).toBe(false);
  });

  it("checks codes before sending", async () => {
    await expect(t.client().mfa.verifyEnrollment("12")).rejects.toMatchObject({ field: "code" });
    await expect(t.client().mfa.disable("")).rejects.toMatchObject({ field: "code" });
    await expect(t.client().mfa.verify({ mfaToken: "", code: "123456" })).rejects.toMatchObject({
      field: "mfaToken",
    });
    expect(t.requests).toHaveLength(0);
  });
});

describe("login with MFA", () => {
  it("a login that needs MFA throws MfaRequiredError; mfa.verify completes it with tokens", async () => {
    const error = (await t
      .client()
      .auth.login(alan)
      .catch((e: unknown) => e)) as MfaRequiredError;
    expect(error).toBeInstanceOf(MfaRequiredError);
    expect(error.methods).toEqual(["totp", "backup_code"]);
    expect(error.mfaToken).toMatch(/^mfa_/);
    expect(JSON.stringify(error)).not.toContain(error.mfaToken);
    expect(inspect(error)).not.toContain(error.mfaToken);

    await expect(t.client().mfa.verify({ mfaToken: error.mfaToken, code: "000000" })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    const tokens = await t.client().mfa.verify({
      mfaToken: error.mfaToken,
      code: await totpCode(MFA_USER_SECRET, now()),
    });
    expect(tokens.accessToken).toMatch(/^eyJ/);
    expect(String(tokens)).toBe("[tokens: [redacted]]");
    const verifyRequest = t.requests.at(-1)!;
    expect(verifyRequest.headers.get("authorization")).toBeNull();

    const session = t.client({
      auth: jwtSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
    });
    expect((await session.quotas.get()).org_slug).toBe("alan-co");
    // The MFA token is single-use.
    await expect(
      t.client().mfa.verify({ mfaToken: error.mfaToken, code: await totpCode(MFA_USER_SECRET, now()) }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("jwtSession without mfaCode surfaces MfaRequiredError from the first call", async () => {
    const client = t.client({ auth: jwtSession({ credentials: alan }) });
    const error = await client.quotas.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaRequiredError);
    expect(pathsOf(t.requests)).toEqual(["POST /auth/login"]);
  });

  it("jwtSession with createLyceum({ mfaCode }) logs in through /mfa/verify by itself", async () => {
    const challenges: unknown[] = [];
    const client = t.client({
      auth: jwtSession({ credentials: alan }),
      mfaCode: async (challenge) => {
        challenges.push(challenge);
        return totpCode(MFA_USER_SECRET, now());
      },
    });
    expect((await client.quotas.get()).org_slug).toBe("alan-co");
    expect(pathsOf(t.requests)).toEqual(["POST /auth/login", "POST /mfa/verify", "GET /user/quotas"]);
    expect(challenges).toEqual([{ methods: ["totp", "backup_code"], email: alan.email }]);
  });

  it("a backup code completes a login once", async () => {
    const first = await t.client().auth.login(alan, { mfaCode: () => "0000-1111" });
    expect(first.accessToken).toMatch(/^eyJ/);
    await expect(t.client().auth.login(alan, { mfaCode: () => "0000-1111" })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("also understands a 200 {mfa_required, mfa_token} login answer", async () => {
    t.sim.providers.lyceum.state.options.mfaLoginShape = "200";
    const error = await t
      .client()
      .auth.login(alan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaRequiredError);
    const tokens = await t.client().auth.login(alan, { mfaCode: () => totpCode(MFA_USER_SECRET, now()) });
    expect(tokens.refreshToken).toMatch(/^rt_/);
  });

  it("a plain login returns tokens; a wrong password is not an MFA error", async () => {
    const tokens = await t.client().auth.login(ada);
    expect(tokens.accessToken).toMatch(/^eyJ/);
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    const wrong = await t
      .client()
      .auth.login({ ...ada, password: "nope-nope" })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect(wrong).not.toBeInstanceOf(MfaRequiredError);
  });
});
