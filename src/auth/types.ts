/**
 * How a client puts credentials on requests. The HTTP client calls `authorize` before EVERY
 * attempt (first try, each retry, the replay after a 401), so a token refreshed between attempts
 * is always the one sent.
 */
export interface AuthStrategy {
  readonly kind: string;
  /**
   * Set credentials on the outgoing request's headers. May refresh first: any wait obeys
   * `request.signal` (the call's signal and total deadline). If it throws
   * something that is not a TurbokitError, the call fails with a `CredentialsError` whose `cause`
   * is what was thrown (never a ConnectionError: the network was not involved), and nothing is sent.
   */
  authorize(request: Request): void | Promise<void>;
  /**
   * A request this strategy authorized came back 401. Resolve `true` to have it replayed once
   * (after refreshing, or because a newer token already exists); `false` to surface the 401.
   */
  onUnauthorized?(request: Request, response: Response): Promise<boolean>;
  /** Sees every response (a cookie session captures `Set-Cookie` here). */
  onResponse?(response: Response, request: Request): void;
  /** fetch `credentials` mode in browsers (`"include"` for cookie sessions). */
  readonly credentials?: RequestCredentials;
}

/** Access/refresh token pair as the SDK keeps it. */
export interface TokenPair {
  accessToken: string;
  /** Absent when the server did not rotate it: keep using the previous one. */
  refreshToken?: string | undefined;
  /** Access-token expiry, epoch ms, when known from the JWT `exp` or `expires_in`. */
  expiresAt?: number | undefined;
}

/** The shared step's own signal: aborted when the step runs past its bound (`refreshTimeoutMs`). */
export interface SessionStepOptions {
  signal?: AbortSignal;
}

/** What a provider supplies so `jwtSession` can log in and refresh against its own endpoints. */
export interface SessionEndpoints {
  /** Exchange email + password for a token pair (pass `options.signal` to the request). */
  login(credentials: { email: string; password: string }, options?: SessionStepOptions): Promise<TokenPair>;
  /** Exchange a refresh token for a new pair (the refresh token may rotate). */
  refresh(refreshToken: string, options?: SessionStepOptions): Promise<TokenPair>;
}

/** Providers call this (through `bindSessionEndpoints`) to wire their login/refresh routes. */
export const BIND_SESSION: unique symbol = Symbol.for("turbokit.auth.bindSession") as never;

export interface BindableSession extends AuthStrategy {
  /** Called by a provider client to hand the session its login/refresh endpoints. */
  [BIND_SESSION](endpoints: SessionEndpoints): void;
}

export function bindSessionEndpoints(auth: AuthStrategy, endpoints: SessionEndpoints): void {
  const bindable = auth as Partial<BindableSession>;
  bindable[BIND_SESSION]?.(endpoints);
}
