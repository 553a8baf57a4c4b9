import { checkOrgSlug } from "../auth/api-key.js";
import type { AuthStrategy, TokenPair } from "../auth/types.js";
import { bindSessionEndpoints } from "../auth/types.js";
import type { HttpClient } from "../core/http.js";
import { routes } from "./routes.js";
import { tokenResponseSchema } from "./schemas/auth.js";

/** Strategies whose requests carry a key that already names its organisation. */
const KEY_KINDS = new Set(["apiKey", "none", "missing"]);

/**
 * Adds `X-Org-Slug` to requests made with a session token (JWT): the server pins the request to
 * that org after checking membership. API keys carry their org, so nothing is added for them.
 */
export function withOrgSlug(auth: AuthStrategy, orgSlug: string | undefined): AuthStrategy {
  if (orgSlug === undefined || KEY_KINDS.has(auth.kind)) return auth;
  checkOrgSlug(orgSlug);
  const wrapped: AuthStrategy = {
    kind: auth.kind,
    credentials: auth.credentials,
    async authorize(request) {
      await auth.authorize(request);
      request.headers.set("X-Org-Slug", orgSlug);
    },
  };
  if (auth.onUnauthorized) wrapped.onUnauthorized = (req, res) => auth.onUnauthorized!(req, res);
  if (auth.onResponse) wrapped.onResponse = (res, req) => auth.onResponse!(res, req);
  return wrapped;
}

function toPair(body: { access_token: string; refresh_token?: string | null; expires_in?: number | null }) {
  const pair: TokenPair = { accessToken: body.access_token };
  if (body.refresh_token) pair.refreshToken = body.refresh_token;
  if (typeof body.expires_in === "number") pair.expiresAt = Date.now() + body.expires_in * 1000;
  return pair;
}

/** Wires `jwtSession({ credentials | refreshToken })` to `/auth/login` and `/auth/refresh`. */
export function bindLyceumSession(auth: AuthStrategy, http: HttpClient): void {
  bindSessionEndpoints(auth, {
    async login(credentials) {
      const body = await http.json(routes.login, {
        json: { email: credentials.email, password: credentials.password },
        schema: tokenResponseSchema(),
        auth: false,
      });
      return toPair(body);
    },
    async refresh(refreshToken) {
      const body = await http.json(routes.refresh, {
        json: { refresh_token: refreshToken },
        schema: tokenResponseSchema(),
        auth: false,
      });
      return toPair(body);
    },
  });
}
