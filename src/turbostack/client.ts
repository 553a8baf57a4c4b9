import { bearer } from "../auth/bearer.js";
import { missingAuth } from "../auth/none.js";
import { requireInt } from "../core/args.js";
import { type ClientCore, type CoreInternals, defineCore, internalsOf } from "../core/client.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import { InputValidationError } from "../core/errors.js";
import { type ClientOptions, HttpClient } from "../core/http.js";

/** The production API origin (override with `baseUrl`, e.g. for the simulator). */
export const TURBOSTACK_BASE_URL = "https://my.turbostack.app";
/** The environment variable read for a personal access token when no `auth` is passed. */
export const TURBOSTACK_TOKEN_ENV = "TURBOSTACK_TOKEN";

export interface TurboStackOptions extends ClientOptions {
  /** Items per page for every list (default 15, the API's default). */
  pageSize?: number;
}

/**
 * The small TurboStack client core the standalone operations take (`getHost(core, 101)`): the
 * API origin and the last rate-limit headers; the HTTP machinery stays private.
 */
export type TurboStackCore = ClientCore;

/** What a TurboStack core keeps for its operations. */
export interface TurboStackInternals extends CoreInternals {
  readonly provider: "turbostack";
  /** The options the core was made with (`withOptions` starts from them). */
  readonly options: TurboStackOptions;
  readonly pageSize: number;
  /**
   * Per host, the deployment `deployHost` through this core last started (its id when the answer
   * had one): what `waitForHostDeploy` follows by default.
   */
  readonly startedDeploys: Map<number, { id: number | string | undefined }>;
}

/**
 * Creates the TurboStack client core. Auth: `bearer(personalAccessToken)`, or the
 * `TURBOSTACK_TOKEN` environment variable where the runtime has one. Redirects are never followed
 * (a login redirect would carry the token); they and HTML pages become `ApiError`s with the raw body.
 */
export function createTurboStackCore(given?: TurboStackOptions | null): TurboStackCore {
  const options = given ?? {};
  const pageSize = requireInt(options.pageSize ?? 15, "pageSize", 1, 1000);
  const envToken = options.auth ? undefined : readEnv(TURBOSTACK_TOKEN_ENV);
  const auth =
    options.auth ??
    (envToken
      ? bearer(envToken)
      : missingAuth(
          `pass auth: bearer(token) or ${envVariableHint(TURBOSTACK_TOKEN_ENV)} (a personal access token)`,
        ));
  const http = new HttpClient(
    {
      name: "TurboStack",
      defaultBaseUrl: TURBOSTACK_BASE_URL,
      auth,
      defaultHeaders: { Accept: "application/json" },
      redirects: "error",
    },
    withEnvDefaults(options, "TURBOSTACK_BASE_URL"),
  );
  return defineCore<TurboStackInternals>({
    provider: "turbostack",
    http,
    options,
    pageSize,
    startedDeploys: new Map(),
  });
}

/** The internals of a TurboStack core or client (an `InputValidationError` for anything else). */
export function internals(core: TurboStackCore): TurboStackInternals {
  const inner = internalsOf<TurboStackInternals>(core);
  if (inner.provider !== "turbostack") {
    throw new InputValidationError("client", "must be a TurboStack client or client core");
  }
  return inner;
}
