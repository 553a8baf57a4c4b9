import { apiKey } from "../auth/api-key.js";
import { missingAuth } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { type ClientCore, type CoreInternals, defineCore, internalsOf } from "../core/client.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import type { ApiError } from "../core/errors.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import { isCapacityError, mapError } from "./errors.js";
import { bindLyceumSession, type MfaCodeProvider, withOrgSlug } from "./session.js";

/** The production API base URL (the default `baseUrl`). */
export const LYCEUM_BASE_URL = "https://api.lyceum.technology/api/v2/external";

export interface LyceumOptions extends ClientOptions {
  /**
   * Organisation sent as `X-Org-Slug` (`[a-z0-9-]+`) on every request, whatever the auth; default:
   * env `LYCEUM_ORG`, else none (the server uses the key's org, else the account's default org).
   * An org API key's own org comes first on the server, whatever this says.
   */
  orgSlug?: string;
  /**
   * Second factor for `jwtSession({ credentials })` logins on accounts with MFA: called with the
   * challenge, returns a current TOTP (or a backup code). Without it such a login throws
   * `MfaRequiredError` (complete it with `mfa.verify({ mfaToken, code })`).
   */
  mfaCode?: MfaCodeProvider;
}

/** A Lyceum client core: what the standalone operations (`getRun(core, id)`…) take. */
export type LyceumCore = ClientCore;

/** The capacity 500 is not transient: never retried. */
function retryable(error: ApiError): boolean | undefined {
  return isCapacityError(error) ? false : undefined;
}

/**
 * A Lyceum client core: auth (`apiKey("lk_…")`, default env `LYCEUM_API_KEY`, or
 * `jwtSession({ credentials })`, which logs in and refreshes against Lyceum), the org header and
 * the environment defaults, without any resource bundled: pass it to the standalone operations.
 */
export function createLyceumCore(options: LyceumOptions = {}): LyceumCore {
  const envKey = readEnv("LYCEUM_API_KEY");
  const base: AuthStrategy =
    options.auth ??
    (envKey
      ? apiKey(envKey)
      : missingAuth(`pass auth (apiKey or jwtSession) or ${envVariableHint("LYCEUM_API_KEY")}`));
  const envOrg = readEnv("LYCEUM_ORG") || undefined;
  const auth =
    options.orgSlug !== undefined
      ? withOrgSlug(base, options.orgSlug)
      : withOrgSlug(base, envOrg, { override: false });
  const http = new HttpClient(
    { name: "Lyceum", defaultBaseUrl: LYCEUM_BASE_URL, auth, retryable, mapError },
    withEnvDefaults(options, "LYCEUM_BASE_URL"),
  );
  bindLyceumSession(base, http, options.mfaCode);
  return defineCore({ http });
}

/** What the operations reach through a Lyceum client or core: its HTTP client. */
export function internals(core: ClientCore): CoreInternals {
  return internalsOf(core, "Lyceum");
}
