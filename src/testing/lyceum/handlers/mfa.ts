import { http } from "msw";
import { readBody } from "../../kit/body.js";
import { detail, json } from "../../kit/fastapi.js";
import { issueTokens } from "../sessions.js";
import type { SimEnv, SimUser } from "../state.js";
import { base32Encode, verifyTotp } from "../totp.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

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
  const check = await readBody(request);
  if (check instanceof Response) return check;
  const code = check.string("code", { required: true });
  const mfaToken = check.string("mfa_token");
  if (check.failed) return check.failed;
  return { code, mfa_token: mfaToken };
}

/**
 * A change to an enabled MFA needs a valid code in the body: the 400 (or 422) refusing it, or
 * undefined when the code checks out.
 */
async function refuseWithoutCode(
  env: SimEnv,
  request: Request,
  user: SimUser,
  opts: { backup?: boolean } = {},
): Promise<Response | undefined> {
  const body = await codeBody(request);
  if (body instanceof Response) return body;
  if (!user.mfa.enabled) return detail(400, "MFA is not enabled");
  if (!(await checkCode(env, user, body.code, opts))) return detail(400, "Invalid MFA code");
  return undefined;
}

/** MFA (TOTP, RFC 6238; checked against the simulator's clock, ±2 steps), and its login step. */
export function mfaHandlers({ base, env, authed }: LyceumRoutes) {
  const { state } = env;
  return [
    http.get(
      `${base}/mfa/status`,
      authed((_args, caller) => {
        const { mfa } = caller.user;
        return json({
          enabled: mfa.enabled,
          enrolled_at: mfa.enrolledAt === null ? null : isoTime(mfa.enrolledAt),
          backup_codes_remaining: mfa.enabled ? mfa.backupCodes.size : 0,
        });
      }),
    ),
    http.post(
      `${base}/mfa/enroll`,
      authed((_args, caller) => {
        const { mfa } = caller.user;
        if (mfa.enabled) return detail(409, "MFA is already enabled");
        const raw = new Uint8Array(20);
        for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(env.ctx.random() * 256);
        mfa.pendingSecret = base32Encode(raw);
        mfa.pendingBackupCodes = backupCodes(env);
        const label = encodeURIComponent(`Lyceum:${caller.user.email}`);
        return json({
          secret: mfa.pendingSecret,
          qr_code_url: `otpauth://totp/${label}?secret=${mfa.pendingSecret}&issuer=Lyceum&digits=6&period=30`,
          backup_codes: mfa.pendingBackupCodes,
        });
      }),
    ),
    http.post(
      `${base}/mfa/verify-enrollment`,
      authed(async ({ request }, caller) => {
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
        return json({ enabled: true, message: "MFA enabled" });
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
        return json(await issueTokens(env, user));
      }
      return authed(async (_a, caller) => {
        if (!caller.user.mfa.enabled) return detail(400, "MFA is not enabled");
        const verified = await checkCode(env, caller.user, body.code);
        return verified ? json({ verified: true }) : detail(400, "Invalid MFA code");
      })(args);
    }),
    http.post(
      `${base}/mfa/disable`,
      authed(async ({ request }, caller) => {
        const refused = await refuseWithoutCode(env, request, caller.user);
        if (refused) return refused;
        Object.assign(caller.user.mfa, {
          enabled: false,
          secret: null,
          backupCodes: new Set(),
          enrolledAt: null,
        });
        return json({ enabled: false, message: "MFA disabled" });
      }),
    ),
    http.post(
      `${base}/mfa/regenerate-backup-codes`,
      authed(async ({ request }, caller) => {
        const refused = await refuseWithoutCode(env, request, caller.user, { backup: false });
        if (refused) return refused;
        const codes = backupCodes(env);
        caller.user.mfa.backupCodes = new Set(codes);
        return json({ backup_codes: codes });
      }),
    ),
  ];
}
