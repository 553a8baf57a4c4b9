import { http } from "msw";
import { authed, type Caller, issueTokens } from "./auth.js";
import { BodyCheck, detail, isRecord, ok, readJson, readKeyRequest } from "./http.js";
import { isoTime, issueApiKey, type SimApiKey, type SimEnv, type SimUser } from "./state.js";
import { base32Encode, verifyTotp } from "./totp.js";

function userKeyBody(key: SimApiKey) {
  return {
    id: key.id,
    key_name: key.name,
    key_prefix: key.prefix,
    is_active: key.active,
    created_at: isoTime(key.createdAt),
    expires_at: key.expiresAt === null ? null : isoTime(key.expiresAt),
    last_used_at: key.lastUsedAt === null ? null : isoTime(key.lastUsedAt),
  };
}

function ownKey(env: SimEnv, caller: Caller, id: unknown): SimApiKey | undefined {
  for (const key of env.state.apiKeys.values())
    if (key.id === id && key.kind === "user" && key.userId === caller.user.id) return key;
  return undefined;
}

/** A TOTP for the user's (or pending) secret, or a backup code (consumed). */
async function checkCode(
  env: SimEnv,
  user: SimUser,
  code: unknown,
  opts: { pending?: boolean; backup?: boolean } = {},
) {
  if (typeof code !== "string") return false;
  const secret = opts.pending ? user.mfa.pendingSecret : user.mfa.secret;
  if (secret && /^\d{6}$/.test(code) && (await verifyTotp(secret, code, env.now()))) return true;
  if (opts.backup !== false && !opts.pending && user.mfa.backupCodes.has(code)) {
    user.mfa.backupCodes.delete(code);
    return true;
  }
  return false;
}

function backupCodes(env: SimEnv): string[] {
  return Array.from({ length: 8 }, () => `${env.id(2)}-${env.id(2)}`);
}

async function codeBody(request: Request): Promise<{ code?: string; mfa_token?: string } | Response> {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const check = new BodyCheck(isRecord(body) ? body : {});
  const code = check.string("code", { required: true });
  const mfaToken = check.string("mfa_token");
  if (check.failed) return check.failed;
  return { code, mfa_token: mfaToken };
}

export function accountHandlers(base: string, env: SimEnv) {
  const { state } = env;
  return [
    // User-level API keys (no org attached).
    http.get(
      `${base}/auth/api-keys/`,
      authed(env, (_args, caller) =>
        ok(
          [...state.apiKeys.values()]
            .filter((k) => k.kind === "user" && k.userId === caller.user.id)
            .map(userKeyBody),
        ),
      ),
    ),
    http.post(
      `${base}/auth/api-keys/validate`,
      authed(env, async ({ request }) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        const key = check.string("api_key", { required: true });
        if (check.failed) return check.failed;
        const found = state.apiKeys.get(key as string);
        const valid = !!found && found.active && (found.expiresAt === null || found.expiresAt > env.now());
        return ok(
          valid
            ? { valid: true, user_id: found.userId, org_slug: found.org, key_id: found.id }
            : { valid: false, message: found ? "API key is disabled or expired" : "Unknown API key" },
        );
      }),
    ),
    http.post(
      `${base}/auth/api-keys/`,
      authed(env, async ({ request }, caller) => {
        const keyRequest = await readKeyRequest(request, "key_name", env.now());
        if (keyRequest instanceof Response) return keyRequest;
        const { key, plaintext } = issueApiKey(env, {
          userId: caller.user.id,
          org: null,
          kind: "user",
          ...keyRequest,
        });
        return ok({ ...userKeyBody(key), api_key: plaintext }, 201);
      }),
    ),
    http.delete(
      `${base}/auth/api-keys/:id`,
      authed(env, ({ params }, caller) => {
        for (const [plain, key] of state.apiKeys)
          if (key.id === params.id && key.kind === "user" && key.userId === caller.user.id) {
            state.apiKeys.delete(plain);
            return ok({ message: "API key deleted" });
          }
        return detail(404, "API key not found");
      }),
    ),
    http.patch(
      `${base}/auth/api-keys/:id/toggle`,
      authed(env, ({ params }, caller) => {
        const key = ownKey(env, caller, params.id);
        if (!key) return detail(404, "API key not found");
        key.active = !key.active;
        return ok(userKeyBody(key));
      }),
    ),

    // MFA (TOTP, RFC 6238; checked against the simulator's clock, ±2 steps).
    http.get(
      `${base}/mfa/status`,
      authed(env, (_args, caller) => {
        const { mfa } = caller.user;
        return ok({
          enabled: mfa.enabled,
          enrolled_at: mfa.enrolledAt === null ? null : isoTime(mfa.enrolledAt),
          backup_codes_remaining: mfa.enabled ? mfa.backupCodes.size : 0,
        });
      }),
    ),
    http.post(
      `${base}/mfa/enroll`,
      authed(env, (_args, caller) => {
        const { mfa } = caller.user;
        if (mfa.enabled) return detail(409, "MFA is already enabled");
        const raw = new Uint8Array(20);
        for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(env.ctx.random() * 256);
        mfa.pendingSecret = base32Encode(raw);
        mfa.pendingBackupCodes = backupCodes(env);
        const label = encodeURIComponent(`Lyceum:${caller.user.email}`);
        return ok({
          secret: mfa.pendingSecret,
          qr_code_url: `otpauth://totp/${label}?secret=${mfa.pendingSecret}&issuer=Lyceum&digits=6&period=30`,
          backup_codes: mfa.pendingBackupCodes,
        });
      }),
    ),
    http.post(
      `${base}/mfa/verify-enrollment`,
      authed(env, async ({ request }, caller) => {
        const body = await codeBody(request);
        if (body instanceof Response) return body;
        const { mfa } = caller.user;
        if (!mfa.pendingSecret) return detail(400, "No MFA enrolment in progress");
        if (!(await checkCode(env, caller.user, body.code, { pending: true })))
          return detail(400, "Invalid MFA code");
        mfa.enabled = true;
        mfa.secret = mfa.pendingSecret;
        mfa.pendingSecret = null;
        mfa.backupCodes = new Set(mfa.pendingBackupCodes);
        mfa.pendingBackupCodes = [];
        mfa.enrolledAt = env.now();
        return ok({ enabled: true, message: "MFA enabled" });
      }),
    ),
    // With mfa_token: the second step of a login (no bearer needed) → tokens. Without: step-up check.
    http.post(`${base}/mfa/verify`, async (args) => {
      const body = await codeBody(args.request.clone());
      if (body instanceof Response) return body;
      if (body.mfa_token !== undefined) {
        const pending = state.mfaTokens.get(body.mfa_token);
        const user = pending ? state.users.get(pending.userId) : undefined;
        if (!pending || !user || pending.expiresAt <= env.now())
          return detail(401, "Invalid or expired MFA token");
        if (!(await checkCode(env, user, body.code))) {
          pending.attempts++;
          if (pending.attempts >= 5) state.mfaTokens.delete(body.mfa_token);
          return detail(401, "Invalid MFA code");
        }
        state.mfaTokens.delete(body.mfa_token);
        return ok(await issueTokens(env, user));
      }
      return authed(env, async (_a, caller) => {
        if (!caller.user.mfa.enabled) return detail(400, "MFA is not enabled");
        const verified = await checkCode(env, caller.user, body.code);
        return verified ? ok({ verified: true }) : detail(400, "Invalid MFA code");
      })(args);
    }),
    http.post(
      `${base}/mfa/disable`,
      authed(env, async ({ request }, caller) => {
        const body = await codeBody(request);
        if (body instanceof Response) return body;
        const { mfa } = caller.user;
        if (!mfa.enabled) return detail(400, "MFA is not enabled");
        if (!(await checkCode(env, caller.user, body.code))) return detail(400, "Invalid MFA code");
        Object.assign(mfa, { enabled: false, secret: null, backupCodes: new Set(), enrolledAt: null });
        return ok({ enabled: false, message: "MFA disabled" });
      }),
    ),
    http.post(
      `${base}/mfa/regenerate-backup-codes`,
      authed(env, async ({ request }, caller) => {
        const body = await codeBody(request);
        if (body instanceof Response) return body;
        const { mfa } = caller.user;
        if (!mfa.enabled) return detail(400, "MFA is not enabled");
        if (!(await checkCode(env, caller.user, body.code, { backup: false })))
          return detail(400, "Invalid MFA code");
        const codes = backupCodes(env);
        mfa.backupCodes = new Set(codes);
        return ok({ backup_codes: codes });
      }),
    ),
  ];
}
