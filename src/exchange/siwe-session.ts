import type { Address } from "viem";
import { SingleFlight } from "../auth/single-flight.js";
import type { AuthStrategy } from "../auth/types.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { SessionCookieJar } from "./cookie.js";
import { type ExchangeSigner, type SignerInput, toSigner } from "./signer.js";

/** What the exchange client supplies so the strategy can log in against its endpoints. */
export interface SiweLoginBinding {
  /**
   * `/nonce` → SIWE message → personal_sign → `/verify`, capturing cookies into `jar`. `options`
   * are those of the call that started the login, their `signal` aborting when the login runs past
   * its bound (`loginTimeoutMs`): pass them to the requests.
   */
  login(signer: ExchangeSigner, jar: SessionCookieJar, options: RequestOptions): Promise<void>;
  /** The API's base URL: only its origin may set the session cookie. */
  baseUrl?: string;
}

export const BIND_SIWE: unique symbol = Symbol.for("turbokit.exchange.bindSiwe") as never;

/** Options of `siweSession`. */
export interface SiweSessionOptions {
  /** Clock for cookie expiry (tests). */
  now?: () => number;
  /**
   * Longest a login (`/nonce`, signature, `/verify`) may take, ms (default 30 000). Calls waiting
   * for it leave earlier on their own signal or deadline; this bounds the shared login itself.
   */
  loginTimeoutMs?: number;
}

/** A Sign-In with Ethereum (EIP-4361) cookie session. */
export interface SiweSession extends AuthStrategy {
  readonly kind: "siweSession";
  readonly signer: ExchangeSigner;
  readonly address: Address;
  /** True after a successful `/verify` (and until logout, expiry or a 401). */
  isLoggedIn(): boolean;
  /**
   * Log in now (single-flight: concurrent callers share one login; `signal` lets this caller
   * leave). The login's requests are made with the options of the caller that started it.
   */
  login(options?: RequestOptions): Promise<void>;
  /** Forget the session locally. */
  clear(): void;
  /** @internal Wires the session to its client's login endpoints. */
  [BIND_SIWE](binding: SiweLoginBinding): void;
}

/**
 * `siweSession(signer)`: logs in on first use (single-flight), replays the `id` cookie on every
 * request in Node/Deno (browsers: `credentials: "include"`), and on a 401 logs in again once and
 * has the request replayed. No `GET /me` before calls: one round trip per authenticated call.
 */
export function siweSession(signer: SignerInput, options: SiweSessionOptions = {}): SiweSession {
  const normalized = toSigner(signer);
  const jar = new SessionCookieJar("id", options.now);
  let binding: SiweLoginBinding | undefined;
  let active = false;
  // Browsers (and workers) never show Set-Cookie to scripts: the runtime keeps the cookie and
  // `credentials: "include"` sends it. Detected after login as "logged in, but no cookie seen".
  let runtimeManagedCookie = false;
  let generation = 0;
  const flight = new SingleFlight("siweSession: the SIWE login", options.loginTimeoutMs ?? 30_000);
  const sentGeneration = new WeakMap<Request, number>();

  function login(opts: RequestOptions = {}): Promise<void> {
    const step = async (signal: AbortSignal) => {
      if (!binding) {
        throw new InputValidationError(
          "auth",
          "siweSession is not attached to a Turbine Exchange client (pass it as `auth`)",
        );
      }
      active = false;
      jar.clear();
      await binding.login(normalized, jar, { ...opts, signal });
      runtimeManagedCookie = !jar.has() && !jar.refused();
      active = true;
      generation++;
    };
    return flight.run(step, opts.signal);
  }

  const session: SiweSession = {
    kind: "siweSession",
    signer: normalized,
    address: normalized.address,
    credentials: "include",
    isLoggedIn: () => active && (runtimeManagedCookie || jar.has()),
    login,
    clear() {
      active = false;
      jar.clear();
    },
    async authorize(request) {
      await flight.settled(request.signal);
      // Node/Deno: an expired cookie means the session is gone.
      if (!active || (!runtimeManagedCookie && !jar.has() && !jar.refused()))
        await login({ signal: request.signal });
      sentGeneration.set(request, generation);
      flight.stamp(request);
      const cookie = jar.header(request.url);
      if (cookie) request.headers.set("Cookie", cookie);
    },
    async onUnauthorized(request) {
      await flight.settled(request.signal);
      const sent = sentGeneration.get(request);
      const sentCookie = request.headers.get("Cookie");
      const current = jar.header(request.url);
      // The session cookie we hold does not apply to this URL, or the one offered had to be refused
      // (its Domain, Path or Secure rule it out): logging in again would get the same cookie, and
      // a new wallet signature on every call. Let the 401 stand.
      if (active && !sentCookie && !current && (jar.has() || jar.refused())) return false;
      // Someone logged in again meanwhile: just replay with the newer session.
      if (
        active &&
        ((sent !== undefined && sent !== generation) || (sentCookie && current && sentCookie !== current))
      ) {
        return true;
      }
      // A login was refused after this request went out: same answer, no second login (100
      // concurrent 401s are one login).
      const refused = flight.refusedFor(request);
      if (refused !== undefined) throw refused;
      active = false;
      await login({ signal: request.signal });
      return true;
    },
    onResponse(response, request) {
      jar.capture(response, request.url);
    },
    [BIND_SIWE](b) {
      if (binding) return;
      binding = b;
      if (b.baseUrl) jar.restrictTo(b.baseUrl);
    },
  };
  Object.defineProperty(session, "toJSON", { value: () => `[siweSession ${normalized.address}]` });
  Object.defineProperty(session, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `[siweSession ${normalized.address}: cookie redacted]`,
  });
  return session;
}

export function isSiweSession(auth: AuthStrategy | undefined): auth is SiweSession {
  return auth?.kind === "siweSession" && typeof (auth as Partial<SiweSession>)[BIND_SIWE] === "function";
}
