import { checkOrgSlug } from "../auth/api-key.js";
import type { AuthStrategy, TokenPair } from "../auth/types.js";
import { bindSessionEndpoints } from "../auth/types.js";
import { requireObject, requireString } from "../core/args.js";
import { ApiError, InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { MfaRequiredError } from "./errors.js";
import { routes } from "./routes.js";
import { loginResponseSchema, type TokenResponse, tokenResponseSchema } from "./schemas/auth.js";

/** Supplies a second factor (a TOTP or a backup code) when login says MFA is required. */
export type MfaCodeProvider = (challenge: { methods: string[]; email: string }) => string | Promise<string>;

/**
 * Adds `X-Org-Slug` to every request, whatever the auth: with a session token (JWT) the server pins
 * the request to that org after checking membership; a personal API key resolves like a JWT; an
 * org key carries its own org, which the server puts first (the header is then harmless).
 * `override: false` (the slug came from `LYCEUM_ORG`) keeps a slug the strategy set itself
 * (`apiKey(key, { orgSlug })`); an explicit `createLyceum({ orgSlug })` wins.
 */
export function withOrgSlug(
  auth: AuthStrategy,
  orgSlug: string | undefined,
  { override = true }: { override?: boolean } = {},
): AuthStrategy {
  if (orgSlug === undefined || auth.kind === "missing") return auth;
  checkOrgSlug(orgSlug);
  const wrapped: AuthStrategy = {
    kind: auth.kind,
    credentials: auth.credentials,
    async authorize(request) {
      await auth.authorize(request);
      if (override || !request.headers.has("X-Org-Slug")) request.headers.set("X-Org-Slug", orgSlug);
    },
  };
  if (auth.onUnauthorized) wrapped.onUnauthorized = (req, res) => auth.onUnauthorized!(req, res);
  if (auth.onResponse) wrapped.onResponse = (res, req) => auth.onResponse!(res, req);
  return wrapped;
}

export function toPair(body: TokenResponse): TokenPair {
  const pair: TokenPair = { accessToken: body.access_token };
  if (body.refresh_token) pair.refreshToken = body.refresh_token;
  if (typeof body.expires_in === "number") pair.expiresAt = Date.now() + body.expires_in * 1000;
  return pair;
}

/**
 * `POST /auth/login`. When the account has MFA, the server answers with a challenge instead of
 * tokens; the exact shape is not public, so both plausible forms are recognised: a 200
 * `{mfa_required: true, mfa_token}` and a 401/403 whose `detail` is `{code: "mfa_required",
 * mfa_token}`. With `mfaCode` the challenge is completed through `POST /mfa/verify`; without it,
 * `MfaRequiredError` is thrown, carrying the token for `mfa.verify`.
 */
export async function sessionLogin(
  http: HttpClient,
  credentials: { email: string; password: string },
  mfaCode?: MfaCodeProvider,
  options?: RequestOptions,
): Promise<TokenPair> {
  requireObject(credentials, "credentials");
  const email = requireString(credentials.email, "credentials.email");
  const password = requireString(credentials.password, "credentials.password");
  let challenge: MfaRequiredError;
  try {
    const body = await http.json(routes.auth.login, {
      json: { email, password },
      schema: loginResponseSchema(),
      sensitive: true,
      auth: false,
      options,
    });
    if (body.mfa_token === undefined) return toPair(body as TokenResponse);
    challenge = new MfaRequiredError(body.mfa_token, body.mfa_methods);
  } catch (error) {
    const found = error instanceof ApiError ? mfaChallengeOf(error) : undefined;
    if (!found) throw error;
    challenge = found;
  }
  if (!mfaCode) throw challenge;
  const code = await mfaCode({ methods: challenge.methods, email });
  return verifyMfaLogin(http, challenge.mfaToken, code, options);
}

/** `POST /mfa/verify` with the login's MFA token: the second step of a login. */
export async function verifyMfaLogin(
  http: HttpClient,
  mfaToken: string,
  code: string,
  options?: RequestOptions,
): Promise<TokenPair> {
  const body = await http.json(routes.mfa.verify, {
    json: { mfa_token: requireString(mfaToken, "mfaToken"), code: mfaCodeInput(code) },
    schema: tokenResponseSchema(),
    sensitive: true,
    auth: false,
    options,
  });
  return toPair(body);
}

/** A TOTP (6–8 digits) or a backup code (letters, digits, dashes). */
export function mfaCodeInput(value: unknown, field = "code"): string {
  const code = requireString(value, field).trim().replace(/\s+/g, "");
  if (!/^[A-Za-z0-9-]{6,32}$/.test(code))
    throw new InputValidationError(field, "must be a 6–8 digit TOTP or a backup code");
  return code;
}

function mfaChallengeOf(error: ApiError): MfaRequiredError | undefined {
  if (error.status !== 401 && error.status !== 403) return undefined;
  const detail = (error.body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) return undefined;
  const d = detail as Record<string, unknown>;
  if (d.code !== "mfa_required" && d.mfa_required !== true) return undefined;
  if (typeof d.mfa_token !== "string" || d.mfa_token === "") return undefined;
  const methods = Array.isArray(d.methods) ? d.methods.filter((m): m is string => typeof m === "string") : [];
  return new MfaRequiredError(d.mfa_token, methods);
}

/**
 * Wires `jwtSession({ credentials | refreshToken })` to `/auth/login` and `/auth/refresh`. With
 * `mfaCode`, a login that needs MFA completes through `/mfa/verify`; without, it throws
 * `MfaRequiredError` from the first request.
 */
export function bindLyceumSession(auth: AuthStrategy, http: HttpClient, mfaCode?: MfaCodeProvider): void {
  bindSessionEndpoints(auth, {
    // Each step runs under the session's signal (the shared refresh's own deadline).
    login: (credentials, step) => sessionLogin(http, credentials, mfaCode, step),
    async refresh(refreshToken, step) {
      const body = await http.json(routes.auth.refresh, {
        json: { refresh_token: refreshToken },
        schema: tokenResponseSchema(),
        sensitive: true,
        auth: false,
        options: step,
      });
      return toPair(body);
    },
  });
}
