import type { TokenPair } from "../auth/types.js";
import type { APIPromise } from "../core/api-promise.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { operation } from "./internal.js";
import { type MfaCodeProvider, sessionLogin } from "./session.js";

/**
 * `POST /auth/login` → tokens (a redacted record). When the account has MFA: with `mfaCode`
 * the challenge is completed here; without, `MfaRequiredError` is thrown (finish with
 * `mfa.verify({ mfaToken, code })`).
 */
export function login(
  core: ClientCore,
  credentials: { email: string; password: string },
  options: RequestOptions & { mfaCode?: MfaCodeProvider } = {},
): APIPromise<SecretRecord<TokenPair>> {
  if (credentials?.password) registerSecret(credentials.password, { pin: true });
  return operation(core, options, async (http, options) => {
    const { mfaCode, ...request } = options;
    return secretRecord(await sessionLogin(http, credentials, mfaCode, request), "tokens");
  });
}

/** Explicit login, for callers that manage tokens themselves (or a `jwtSession({ login })`). */
export class AuthResource extends Resource<ClientCore> {
  /** {@inheritDoc login} */
  login(
    credentials: { email: string; password: string },
    options?: RequestOptions & { mfaCode?: MfaCodeProvider },
  ) {
    return login(this.core, credentials, options);
  }
}
