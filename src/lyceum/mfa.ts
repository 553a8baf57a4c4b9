import type { TokenPair } from "../auth/types.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { login, type MfaCodeProvider, mfaCodeInput, verifyMfaLogin } from "./auth.js";
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

/** TOTP second factor: enrol, verify, disable, backup codes. */
export class MfaResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Whether MFA is on for your account, and how many backup codes are left. */
  async status(options?: RequestOptions): Promise<MfaStatus> {
    return this.#http.json(routes.mfaStatus, { schema: mfaStatusSchema(), options });
  }

  /**
   * Start enrolment: the TOTP secret, its `otpauth://` QR URL and backup codes. The result reads
   * normally but prints redacted, and every value is scrubbed from logs. MFA is on only after
   * `verifyEnrollment(code)`. Never retried.
   */
  async enroll(options?: RequestOptions): Promise<SecretRecord<MfaEnrollment>> {
    const body = await this.#http.json(routes.mfaEnroll, {
      schema: mfaEnrollmentSchema(),
      options,
      sensitive: true,
    });
    // The QR URL is an otpauth:// URI carrying the secret: it is secret too.
    return secretRecord(body, "MFA enrolment", { secretFields: ["secret", "qr_code_url", "backup_codes"] });
  }

  /** Confirm enrolment with a current TOTP from the authenticator app: MFA is on from now. */
  async verifyEnrollment(code: string, options?: RequestOptions): Promise<MfaResult> {
    return this.#http.json(routes.mfaVerifyEnrollment, {
      json: { code: mfaCodeInput(code) },
      schema: mfaResultSchema(),
      options,
    });
  }

  /**
   * With `mfaToken` (from `MfaRequiredError`): the second step of a login, answered with tokens
   * (a redacted record; give them to `jwtSession({ accessToken, refreshToken })`). Without: a
   * step-up check of a code for the signed-in user (`{ verified }`).
   */
  verify(
    input: { mfaToken: string; code: string },
    options?: RequestOptions,
  ): Promise<SecretRecord<TokenPair>>;
  verify(input: { code: string }, options?: RequestOptions): Promise<MfaResult>;
  async verify(
    input: { mfaToken?: string; code: string },
    options?: RequestOptions,
  ): Promise<SecretRecord<TokenPair> | MfaResult> {
    if (input?.mfaToken !== undefined) {
      const pair = await verifyMfaLogin(this.#http, input.mfaToken, input.code, options);
      return secretRecord(pair, "tokens");
    }
    return this.#http.json(routes.mfaVerify, {
      json: { code: mfaCodeInput(input?.code) },
      schema: mfaResultSchema(),
      options,
    });
  }

  /** Turn MFA off (needs a current code). */
  async disable(code: string, options?: RequestOptions): Promise<MfaResult> {
    return this.#http.json(routes.mfaDisable, {
      json: { code: mfaCodeInput(code) },
      schema: mfaResultSchema(),
      options,
    });
  }

  /** New backup codes (the old ones stop working). Redacted when printed. Never retried. */
  async regenerateBackupCodes(code: string, options?: RequestOptions): Promise<SecretRecord<BackupCodes>> {
    const body = await this.#http.json(routes.mfaRegenerateBackupCodes, {
      json: { code: mfaCodeInput(code) },
      schema: backupCodesSchema(),
      sensitive: true,
      options,
    });
    for (const c of body.backup_codes) registerSecret(c);
    return secretRecord(body, "backup codes");
  }
}

/** Explicit login/refresh, for callers that manage tokens themselves (or a `jwtSession({ login })`). */
export class AuthResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * `POST /auth/login` → tokens (a redacted record). When the account has MFA: with `mfaCode`
   * the challenge is completed here; without, `MfaRequiredError` is thrown (finish with
   * `mfa.verify({ mfaToken, code })`).
   */
  async login(
    credentials: { email: string; password: string },
    options: RequestOptions & { mfaCode?: MfaCodeProvider } = {},
  ): Promise<SecretRecord<TokenPair>> {
    const { mfaCode, ...request } = options ?? {};
    if (credentials?.password) registerSecret(credentials.password, { pin: true });
    return secretRecord(await login(this.#http, credentials, mfaCode, request), "tokens");
  }
}
