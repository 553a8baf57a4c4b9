import { decodeJwt } from "jose";
import type { SessionEndpoints, TokenPair } from "../auth/types.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { registerSecret } from "../core/redact.js";
import { routes } from "./routes.js";
import { type LoginResponse, loginSchema } from "./schemas.js";

/** A token pair from `/auth/login` (`{ email, password }`) or `/auth/refresh` (`{ refresh_token }`), sent without credentials. */
export async function requestTokens(
  http: HttpClient,
  route: typeof routes.auth.login | typeof routes.auth.refresh,
  json: Record<string, string>,
  options?: RequestOptions,
): Promise<TokenPair> {
  const response = await http.json(route, {
    json,
    schema: loginSchema(),
    auth: false,
    sensitive: true,
    options,
  });
  return toPair(response);
}

/** The `/auth/login` and `/auth/refresh` calls `jwtSession` uses. */
export function sessionEndpoints(http: HttpClient): SessionEndpoints {
  return {
    // Each step runs under the session's signal: the caller's, or the refresh's own deadline.
    login: ({ email, password }, step) => requestTokens(http, routes.auth.login, { email, password }, step),
    refresh: (refreshToken, step) =>
      requestTokens(http, routes.auth.refresh, { refresh_token: refreshToken }, step),
  };
}

/** `{access_token, refresh_token, expires_in}` → TokenPair (expiry from the JWT's `exp`, else `expires_in`). */
function toPair(response: LoginResponse): TokenPair {
  registerSecret(response.access_token);
  if (response.refresh_token) registerSecret(response.refresh_token);
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? undefined,
    expiresAt: expiryOf(response.access_token, response.expires_in),
  };
}

function expiryOf(token: string, expiresIn: number | null): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === "number") return exp * 1000;
  } catch {
    /* opaque token: fall back to expires_in */
  }
  return expiresIn != null ? Date.now() + expiresIn * 1000 : undefined;
}
