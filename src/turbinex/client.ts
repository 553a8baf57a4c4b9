import { bearer } from "../auth/bearer.js";
import { missingAuth } from "../auth/none.js";
import { type AuthStrategy, bindSessionEndpoints } from "../auth/types.js";
import {
  type ClientCore,
  type CoreInternals,
  changedOptions,
  defineCore,
  internalsOf,
} from "../core/client.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "../core/rate-limiter.js";
import { mapTurbineXError } from "./errors.js";
import { sessionEndpoints } from "./session.js";

/** The production API origin (the default `baseUrl`). */
export const TURBINEX_BASE_URL = "https://api.turbinex.app";
/** The environment variable read for a default `bearer` token. */
export const TURBINEX_TOKEN_ENV = "TURBINEX_TOKEN";

/** Options of `createTurbineX` / `createTurbineXCore`: every core client option, plus an opt-in rate limiter. */
export interface TurbineXOptions extends ClientOptions {
  /**
   * Opt-in client-side limiter: queue requests so at most `perMinute` start in any minute,
   * instead of collecting 429s. Match your plan (Free 30, Pro 300, Enterprise 1000 per user).
   */
  rateLimit?: RateLimiterOptions;
}

/** The TurbineX client core: what every standalone operation (`getJob(core, id)`) takes. */
export type TurbineXCore = ClientCore;

/** What a TurbineX core keeps private: its HTTP client, and what `withOptions` builds on. */
interface TurbineXInternals extends CoreInternals {
  readonly options: TurbineXOptions;
  readonly limiter: RateLimiter | undefined;
}

const NAME = "TurbineX";

/**
 * A TurbineX client core, for standalone operations (`getJob(core, id)`): a browser app that makes
 * a few calls bundles only those. Auth: `jwtSession({ credentials })` / `jwtSession({ refreshToken })`
 * (wired to `/auth/login` and `/auth/refresh` here), `bearer(pat)`, or by default `TURBINEX_TOKEN`.
 */
export function createTurbineXCore(options?: TurbineXOptions | null): TurbineXCore {
  return buildCore(options ?? {}, undefined);
}

/**
 * A core with `changes` applied over the options `core` was made with; the rate limiter is
 * shared (one quota) unless `changes` sets its own.
 */
export function coreWithOptions(core: TurbineXCore, changes: TurbineXOptions): TurbineXCore {
  const inner = turbinexInternals(core);
  const limiter = changes.rateLimit === undefined ? inner.limiter : undefined;
  return buildCore(changedOptions(inner.options, changes), limiter);
}

function buildCore(options: TurbineXOptions, shared: RateLimiter | undefined): TurbineXCore {
  const auth = options.auth ?? defaultAuth();
  const { rateLimit, ...clientOptions } = options;
  // The limiter's slot is taken before each attempt's timeout starts (not inside fetch), so a
  // queued request waits instead of timing out; totalTimeoutMs still bounds the wait.
  const limiter = shared ?? (rateLimit === undefined ? undefined : createRateLimiter(rateLimit));
  const http = new HttpClient(
    {
      name: NAME,
      defaultBaseUrl: TURBINEX_BASE_URL,
      auth,
      // An API answering a login page is a misconfiguration, not something to follow.
      redirects: "error",
      // 402 (a cap) never clears by retrying.
      retryable: (error) => (error.status === 402 ? false : undefined),
      mapError: mapTurbineXError,
      beforeAttempt: limiter && ((signal) => limiter.acquire(signal)),
    },
    withEnvDefaults(clientOptions, "TURBINEX_BASE_URL"),
  );
  bindSessionEndpoints(auth, sessionEndpoints(http));
  return defineCore<TurbineXInternals>({ http, options, limiter });
}

function defaultAuth(): AuthStrategy {
  const token = readEnv(TURBINEX_TOKEN_ENV);
  return token
    ? bearer(token)
    : missingAuth(
        `pass auth (jwtSession or bearer) to createTurbineX or ${envVariableHint(TURBINEX_TOKEN_ENV)}`,
      );
}

function turbinexInternals(core: ClientCore): TurbineXInternals {
  return internalsOf<TurbineXInternals>(core, NAME);
}

/** The HTTP client behind a TurbineX core or client (what operations send through). */
export function httpOf(core: TurbineXCore): HttpClient {
  return turbinexInternals(core).http;
}
