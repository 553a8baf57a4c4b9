import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { HttpResponse, http } from "msw";
import { BodyCheck, detail, isRecord, ok, readJson } from "./http.js";
import { newOrgData, type OrgData, type SimApiKey, type SimEnv, type SimUser } from "./state.js";

export interface Caller {
  user: SimUser;
  org: string;
  data: OrgData;
  via: "apiKey" | "jwt";
  /** The API key used, if any (org keys carry `org`). */
  key?: SimApiKey;
}

const SLUG = /^[a-z0-9-]+$/;

export async function issueTokens(env: SimEnv, user: SimUser) {
  const { state } = env;
  const iat = Math.floor(env.now() / 1000);
  const ttl = state.options.accessTokenTtlSeconds;
  const access = await new SignJWT({ email: user.email, jti: env.id(8) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(state.jwtSecret);
  const refresh = `rt_${env.id(24)}`;
  state.refreshTokens.set(refresh, user.id);
  return { access_token: access, refresh_token: refresh, token_type: "bearer", expires_in: ttl };
}

/**
 * Who is calling and for which org: an API key carries its org (X-Org-Slug is ignored); a JWT
 * uses X-Org-Slug after a membership check, else the user's default org.
 */
export async function authenticate(env: SimEnv, request: Request): Promise<Caller | Response> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) return detail(401, "Not authenticated");
  const { state } = env;
  if (token.startsWith("lk_")) {
    const key = state.apiKeys.get(token);
    const user = key ? state.users.get(key.userId) : undefined;
    if (!key || !user) return detail(401, "Invalid API key");
    if (!key.active) return detail(401, "API key is disabled");
    if (key.expiresAt !== null && key.expiresAt <= env.now()) return detail(401, "API key has expired");
    key.lastUsedAt = env.now();
    // An org key carries its org (X-Org-Slug ignored); a user key resolves like a JWT.
    if (key.org !== null) return { user, org: key.org, data: orgData(env, key.org), via: "apiKey", key };
    return pickOrg(env, request, user, "apiKey", key);
  }
  let userId: string | undefined;
  try {
    const { payload } = await jwtVerify(token, state.jwtSecret, { currentDate: new Date(env.now()) });
    userId = payload.sub;
  } catch (error) {
    return detail(
      401,
      error instanceof joseErrors.JWTExpired ? "Token has expired" : "Could not validate credentials",
    );
  }
  const user = userId ? state.users.get(userId) : undefined;
  if (!user) return detail(401, "Could not validate credentials");
  return pickOrg(env, request, user, "jwt");
}

/** X-Org-Slug (membership checked), else the user's default org. */
function pickOrg(
  env: SimEnv,
  request: Request,
  user: SimUser,
  via: Caller["via"],
  key?: SimApiKey,
): Caller | Response {
  const slug = request.headers.get("x-org-slug");
  const base = key ? { user, via, key } : { user, via };
  if (slug !== null) {
    if (!SLUG.test(slug)) return detail(400, "Invalid organization slug");
    if (!user.orgs.has(slug)) return detail(403, `Not a member of organization '${slug}'`);
    return { ...base, org: slug, data: orgData(env, slug) };
  }
  return { ...base, org: user.defaultOrg, data: orgData(env, user.defaultOrg) };
}

export function orgData(env: SimEnv, slug: string): OrgData {
  let data = env.state.orgs.get(slug);
  if (!data) {
    data = newOrgData();
    env.state.orgs.set(slug, data);
  }
  return data;
}

/** Wraps a handler so it runs only for an authenticated caller. */
export function authed<A extends { request: Request; params: Record<string, unknown> }>(
  env: SimEnv,
  handler: (args: A, caller: Caller) => Response | Promise<Response>,
) {
  return async (args: A) => {
    const caller = await authenticate(env, args.request);
    if (caller instanceof Response) return caller;
    return handler(args, caller);
  };
}

export function authHandlers(base: string, env: SimEnv) {
  return [
    http.post(`${base}/auth/login`, async ({ request }) => {
      const body = await readJson(request);
      if (body instanceof Response) return body;
      const check = new BodyCheck(isRecord(body) ? body : {});
      const email = check.string("email", { required: true });
      const password = check.string("password", { required: true });
      if (check.failed) return check.failed;
      const user = [...env.state.users.values()].find((u) => u.email === email);
      if (!user || user.password !== password) return detail(401, "Incorrect email or password");
      if (user.mfa.enabled) {
        const mfaToken = `mfa_${env.id(16)}`;
        env.state.mfaTokens.set(mfaToken, { userId: user.id, expiresAt: env.now() + 300_000, attempts: 0 });
        const methods = ["totp", "backup_code"];
        if (env.state.options.mfaLoginShape === "200")
          return ok({ mfa_required: true, mfa_token: mfaToken, methods });
        return HttpResponse.json(
          {
            detail: {
              code: "mfa_required",
              message: "MFA verification required",
              mfa_token: mfaToken,
              methods,
            },
          },
          { status: 401 },
        );
      }
      return ok(await issueTokens(env, user));
    }),
    http.post(`${base}/auth/refresh`, async ({ request }) => {
      const body = await readJson(request);
      if (body instanceof Response) return body;
      const check = new BodyCheck(isRecord(body) ? body : {});
      const token = check.string("refresh_token", { required: true });
      if (check.failed) return check.failed;
      const userId = token ? env.state.refreshTokens.get(token) : undefined;
      const user = userId ? env.state.users.get(userId) : undefined;
      if (!token || !user) return detail(401, "Invalid refresh token");
      env.state.refreshTokens.delete(token); // rotation: single use
      return ok(await issueTokens(env, user));
    }),
  ];
}
