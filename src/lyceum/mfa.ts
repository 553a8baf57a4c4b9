import type { TokenPair } from "../auth/types.js";
import type { APIPromise } from "../core/api-promise.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { operation } from "./internal.js";
import { routes } from "./routes.js";
import {
  type BackupCodes,
  backupCodesSchema,
  type MfaEnrollment,
  type MfaResult,
  type MfaStatus,
  mfaEnrollmentSchema,
  mfaResultSchema,
  mfaStatusSchema,
} from "./schemas/account.js";
import { mfaCodeInput, verifyMfaLogin } from "./session.js";

/** Whether MFA is on for your account, and how many backup codes are left. */
export function getMfaStatus(core: ClientCore, options?: RequestOptions): APIPromise<MfaStatus> {
  return operation(core, options, (http, options) =>
    http.json(routes.mfa.status, { schema: mfaStatusSchema(), options }),
  );
}

/**
 * Start enrolment: the TOTP secret, its `otpauth://` QR URL and backup codes. The result reads
 * normally but prints redacted, and every value is scrubbed from logs. MFA is on only after
 * `verifyEnrollment(code)`. Never retried.
 */
export function enrollMfa(
  core: ClientCore,
  options?: RequestOptions,
): APIPromise<SecretRecord<MfaEnrollment>> {
  return operation(core, options, async (http, options) => {
    const body = await http.json(routes.mfa.enroll, {
      schema: mfaEnrollmentSchema(),
      options,
      sensitive: true,
    });
    // The QR URL is an otpauth:// URI carrying the secret: it is secret too.
    return secretRecord(body, "MFA enrolment", { secretFields: ["secret", "qr_code_url", "backup_codes"] });
  });
}

/** Confirm enrolment with a current TOTP from the authenticator app: MFA is on from now. */
export function verifyMfaEnrollment(
  core: ClientCore,
  code: string,
  options?: RequestOptions,
): APIPromise<MfaResult> {
  return operation(core, options, (http, options) =>
    http.json(routes.mfa.verifyEnrollment, {
      json: { code: mfaCodeInput(code) },
      schema: mfaResultSchema(),
      options,
    }),
  );
}

/**
 * With `mfaToken` (from `MfaRequiredError`): the second step of a login, answered with tokens
 * (a redacted record; give them to `jwtSession({ accessToken, refreshToken })`). Without: a
 * step-up check of a code for the signed-in user (`{ verified }`).
 */
export function verifyMfa(
  core: ClientCore,
  input: { mfaToken: string; code: string },
  options?: RequestOptions,
): APIPromise<SecretRecord<TokenPair>>;
export function verifyMfa(
  core: ClientCore,
  input: { code: string },
  options?: RequestOptions,
): APIPromise<MfaResult>;
export function verifyMfa(
  core: ClientCore,
  input: { mfaToken?: string; code: string },
  options?: RequestOptions,
): APIPromise<SecretRecord<TokenPair> | MfaResult> {
  return operation(core, options, async (http, options): Promise<SecretRecord<TokenPair> | MfaResult> => {
    if (input?.mfaToken !== undefined)
      return secretRecord(await verifyMfaLogin(http, input.mfaToken, input.code, options), "tokens");
    return http.json(routes.mfa.verify, {
      json: { code: mfaCodeInput(input?.code) },
      schema: mfaResultSchema(),
      options,
    });
  });
}

/** Turn MFA off (needs a current code). */
export function disableMfa(core: ClientCore, code: string, options?: RequestOptions): APIPromise<MfaResult> {
  return operation(core, options, (http, options) =>
    http.json(routes.mfa.disable, { json: { code: mfaCodeInput(code) }, schema: mfaResultSchema(), options }),
  );
}

/** New backup codes (the old ones stop working). Redacted when printed. Never retried. */
export function regenerateMfaBackupCodes(
  core: ClientCore,
  code: string,
  options?: RequestOptions,
): APIPromise<SecretRecord<BackupCodes>> {
  return operation(core, options, async (http, options) => {
    const body = await http.json(routes.mfa.regenerateBackupCodes, {
      json: { code: mfaCodeInput(code) },
      schema: backupCodesSchema(),
      sensitive: true,
      options,
    });
    for (const c of body.backup_codes) registerSecret(c);
    return secretRecord(body, "backup codes");
  });
}

/** TOTP second factor: enrol, verify, disable, backup codes. */
export class MfaResource extends Resource<ClientCore> {
  /** {@inheritDoc getMfaStatus} */
  status(options?: RequestOptions) {
    return getMfaStatus(this.core, options);
  }
  /** {@inheritDoc enrollMfa} */
  enroll(options?: RequestOptions) {
    return enrollMfa(this.core, options);
  }
  /** {@inheritDoc verifyMfaEnrollment} */
  verifyEnrollment(code: string, options?: RequestOptions) {
    return verifyMfaEnrollment(this.core, code, options);
  }
  /** {@inheritDoc verifyMfa} */
  verify(
    input: { mfaToken: string; code: string },
    options?: RequestOptions,
  ): APIPromise<SecretRecord<TokenPair>>;
  /** {@inheritDoc verifyMfa} */
  verify(input: { code: string }, options?: RequestOptions): APIPromise<MfaResult>;
  verify(
    input: { mfaToken?: string; code: string },
    options?: RequestOptions,
  ): APIPromise<SecretRecord<TokenPair> | MfaResult> {
    return verifyMfa(this.core, input as { mfaToken: string; code: string }, options);
  }
  /** {@inheritDoc disableMfa} */
  disable(code: string, options?: RequestOptions) {
    return disableMfa(this.core, code, options);
  }
  /** {@inheritDoc regenerateMfaBackupCodes} */
  regenerateBackupCodes(code: string, options?: RequestOptions) {
    return regenerateMfaBackupCodes(this.core, code, options);
  }
}
