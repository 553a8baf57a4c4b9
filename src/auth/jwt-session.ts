import { decodeJwt } from "jose";
import { InputValidationError } from "../core/errors.js";
import { registerSecret } from "../core/redact.js";
import { checkToken } from "./bearer.js";
import { credentialStep } from "./errors.js";
import { SingleFlight } from "./single-flight.js";
import {
  BIND_SESSION,
  type BindableSession,
  type SessionEndpoints,
  type SessionStepOptions,
  type TokenPair,
} from "./types.js";

export interface JwtSessionOptions {
  /** A current access token, if the caller has one. */
  accessToken?: string;
  /** A refresh token from an earlier session (persisted through `onTokens`). */
  refreshToken?: string;
  /** Email + password for the provider's login endpoint (used when there is nothing to refresh). */
  credentials?: { email: string; password: string };
  /**
   * Custom login, instead of the provider's endpoint. `signal` aborts when the step runs past
   * `refreshTimeoutMs`: pass it to your request.
   */
  login?: (options: SessionStepOptions) => Promise<TokenPair>;
  /** Custom refresh, instead of the provider's endpoint (`signal` as for `login`). */
  refresh?: (refreshToken: string, options: SessionStepOptions) => Promise<TokenPair>;
  /** Called with every new pair (refresh tokens rotate: persist the newest). */
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
  /** Refresh this long before `exp` (default 60 s). */
  skewMs?: number;
  /**
   * Longest a refresh or login may take, ms (default 30 000). The calls waiting for it leave
   * earlier on their own signal or deadline; this bounds the shared step itself.
   */
  refreshTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface JwtSession extends BindableSession {
  /** The tokens held now (for persisting; printing this object redacts them). */
  tokens(): TokenPair | undefined;
}

/**
 * A short-lived JWT session: the `exp` claim is decoded (not verified: the server does that) and
 * the token is refreshed proactively within `skewMs` of expiry. Refreshes are single-flight:
 * any number of concurrent callers wait on one refresh. A 401 forces one refresh and one replay,
 * but only when the failed request carried the current token (a stale 401 just replays).
 */
export function jwtSession(options: JwtSessionOptions = {}): JwtSession {
  const skewMs = options.skewMs ?? 60_000;
  const now = options.now ?? Date.now;
  let endpoints: SessionEndpoints | undefined;
  let access: string | undefined;
  let expiresAt: number | undefined;
  let refreshToken = options.refreshToken;
  const flight = new SingleFlight("jwtSession: the token refresh", options.refreshTimeoutMs ?? 30_000);

  if (options.accessToken) adopt({ accessToken: options.accessToken });
  if (refreshToken) registerSecret(refreshToken, { pin: true });
  if (options.credentials) registerSecret(options.credentials.password, { pin: true });

  function adopt(pair: TokenPair): void {
    checkToken(pair.accessToken, "accessToken");
    access = pair.accessToken;
    expiresAt = pair.expiresAt ?? expiryOf(pair.accessToken);
    if (pair.refreshToken) {
      registerSecret(pair.refreshToken, { pin: true });
      refreshToken = pair.refreshToken;
    }
  }

  async function obtain(signal: AbortSignal): Promise<TokenPair> {
    const bound = endpoints;
    const step = { signal };
    const refresh = options.refresh ?? (bound && ((token: string) => bound.refresh(token, step)));
    const credentials = options.credentials;
    const login = options.login ?? (credentials && bound ? () => bound.login(credentials, step) : undefined);
    if (refreshToken && refresh) {
      try {
        return await refresh(refreshToken, step);
      } catch (error) {
        if (!login) throw error;
      }
    }
    if (login) return login(step);
    throw new InputValidationError(
      "auth",
      "the session has no valid access token and no way to get one (give refreshToken, credentials or login)",
    );
  }

  /**
   * Single-flight: concurrent callers share one refresh (bounded by `refreshTimeoutMs`); each
   * waits only as long as its own `signal` allows; a failure reaches all of them, then clears.
   */
  function renew(signal: AbortSignal | undefined): Promise<void> {
    // A custom login/refresh/onTokens that throws a plain error is a CredentialsError; the
    // provider's own endpoints throw typed TurbokitErrors (401, connection…), which pass through.
    const step = (stepSignal: AbortSignal) =>
      credentialStep("jwtSession", async () => {
        const pair = await obtain(stepSignal);
        adopt(pair);
        await options.onTokens?.({ accessToken: pair.accessToken, refreshToken, expiresAt });
      });
    return flight.run(step, signal);
  }

  function fresh(): boolean {
    return access !== undefined && (expiresAt === undefined || now() < expiresAt - skewMs);
  }

  const session: JwtSession = {
    kind: "jwtSession",
    async authorize(request) {
      await flight.settled(request.signal);
      if (!fresh()) await renew(request.signal);
      flight.stamp(request);
      request.headers.set("Authorization", `Bearer ${access}`);
    },
    async onUnauthorized(request) {
      await flight.settled(request.signal);
      const sent = request.headers.get("Authorization")?.replace(/^Bearer\s+/i, "");
      // A newer token exists already (someone refreshed meanwhile): just replay with it.
      if (sent !== access) return access !== undefined;
      // A refresh for this very token was refused after this request went out: same answer,
      // no second refresh (100 concurrent 401s are one refresh).
      const refused = flight.refusedFor(request);
      if (refused !== undefined) throw refused;
      await renew(request.signal);
      return true;
    },
    tokens() {
      return access ? { accessToken: access, refreshToken, expiresAt } : undefined;
    },
    [BIND_SESSION](bound) {
      endpoints ??= bound;
    },
  };
  Object.defineProperty(session, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => "[jwtSession: tokens redacted]",
  });
  Object.defineProperty(session, "toJSON", { value: () => "[jwtSession: tokens redacted]" });
  return session;
}

function expiryOf(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined; // opaque token: refresh only when the server says 401
  }
}
