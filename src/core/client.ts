import { BIND_SESSION } from "../auth/types.js";
import { InputValidationError } from "./errors.js";
import type { HttpClient } from "./http.js";
import type { RateLimitInfo } from "./rate-limit.js";

/**
 * What every provider client is, and what every standalone operation takes: the small client core
 * (`createTurboStackCore()` and the like) or the full client (`createTurboStack()`), which is a core
 * with one property per resource. The HTTP machinery behind it stays private.
 */
export interface ClientCore {
  /** The API origin (and base path) requests go to. */
  readonly baseUrl: string;
  /** Rate-limit headers of the most recent response that carried any. */
  readonly lastRateLimit: RateLimitInfo | undefined;
}

/** What a provider keeps behind its client core: the HTTP client plus its own settings. */
export interface CoreInternals {
  readonly http: HttpClient;
}

const internals = new WeakMap<object, CoreInternals>();

/** A client core over `inner`: the object standalone operations accept. */
export function defineCore<I extends CoreInternals>(inner: I): ClientCore {
  const core: ClientCore = {
    baseUrl: inner.http.baseUrl,
    get lastRateLimit() {
      return inner.http.lastRateLimit;
    },
  };
  internals.set(core, inner);
  return core;
}

/**
 * A full client: the core's members (read live from it), the resources, and `withOptions`. The
 * client is registered like its core, so standalone operations take either.
 */
export function defineClient<C extends ClientCore, R extends object>(core: C, resources: R): C & R {
  const client = Object.defineProperties(
    { ...resources },
    {
      baseUrl: { value: core.baseUrl, enumerable: true },
      lastRateLimit: { get: () => core.lastRateLimit, enumerable: true },
    },
  ) as C & R;
  const inner = internals.get(core);
  if (!inner) throw new InputValidationError("core", "must be a client core made by defineCore");
  internals.set(client, inner);
  return client;
}

/**
 * The internals of a core or client of `provider` (its `HttpClient`'s name, "TurboStack"); anything
 * else — another provider's core, which would send these paths to that provider's API, or an
 * object turbokit did not make — is an `InputValidationError` naming `client`.
 */
export function internalsOf<I extends CoreInternals>(core: ClientCore, provider: string): I {
  const inner = typeof core === "object" && core !== null ? internals.get(core) : undefined;
  if (!inner || inner.http.provider.name !== provider) {
    throw new InputValidationError("client", `must be a ${provider} client or client core made by turbokit`);
  }
  return inner as I;
}

/**
 * The options of a client made by `withOptions`: `changes` over `given`. A login session
 * (`jwtSession`) is bound to the login and refresh routes of the API it was first used with:
 * kept across a change of where requests go (`sessionKeys`), it would send that API's tokens to
 * the other one, so such a change must bring its own `auth` (an `InputValidationError` otherwise).
 */
export function changedOptions<O extends { auth?: unknown; baseUrl?: string }>(
  given: O,
  changes: Partial<O>,
  sessionKeys: readonly (keyof O & string)[] = ["baseUrl"],
): O {
  const moved = sessionKeys.filter((key) => changes[key] !== undefined && changes[key] !== given[key]);
  const auth = given.auth;
  if (
    moved.length > 0 &&
    changes.auth === undefined &&
    typeof auth === "object" &&
    auth !== null &&
    BIND_SESSION in auth
  ) {
    throw new InputValidationError(
      "auth",
      `a login session belongs to one API: pass a new jwtSession(...) along with ${moved.join(", ")}`,
    );
  }
  return { ...given, ...changes };
}

/** The base of every resource class: the client core its methods bind the standalone operations to. */
export abstract class Resource<C extends ClientCore = ClientCore> {
  readonly #core: C;
  constructor(core: C) {
    this.#core = core;
  }
  /** The client core this resource's methods run on. */
  protected get core(): C {
    return this.#core;
  }
}
