import * as z from "zod/mini";
import { boolLike, intLike } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { idString, listOf, maybe, maybeTime } from "./common.js";

/** What a user-level API key record may say, listed or just created (never its secret). */
export interface UserApiKeyFields {
  key_name?: string | null | undefined;
  key_prefix?: string | null | undefined;
  is_active?: boolean | null | undefined;
  created_at?: Date | null | undefined;
  expires_at?: Date | null | undefined;
  last_used_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** A user-level API key as listed (no secret). User keys carry no org: requests use the default org. */
export interface UserApiKey extends UserApiKeyFields {
  id: string;
}

/** A new user API key: `api_key` is the plaintext, shown once. The record prints redacted. */
export interface UserApiKeyCreated extends UserApiKeyFields {
  /** The plaintext key, shown once: the one field a create must bring back (everything else may be absent). */
  api_key: string;
  id?: string | null | undefined;
}

/** The answer of `apiKeys.validate`: whether a key is valid, and whose it is. */
export interface ApiKeyValidation {
  valid: boolean;
  user_id?: string | null | undefined;
  org_slug?: string | null | undefined;
  [key: string]: unknown;
}

/** Whether MFA is on, and how many backup codes remain. */
export interface MfaStatus {
  enabled: boolean;
  enrolled_at?: Date | null | undefined;
  backup_codes_remaining?: number | null | undefined;
  [key: string]: unknown;
}

/** `POST /mfa/enroll`: the TOTP secret, its otpauth/QR URL and backup codes. Prints redacted. */
export interface MfaEnrollment {
  secret: string;
  qr_code_url: string;
  backup_codes: string[];
  [key: string]: unknown;
}

/** The answer of an MFA step (verify, disable). */
export interface MfaResult {
  enabled?: boolean | null | undefined;
  verified?: boolean | null | undefined;
  message?: string | null | undefined;
  [key: string]: unknown;
}

/** Fresh MFA backup codes (shown once). */
export interface BackupCodes {
  backup_codes: string[];
  [key: string]: unknown;
}

const id = () => idString();

const userKey = () =>
  z.looseObject({
    id: id(),
    key_name: maybe(z.string()),
    key_prefix: maybe(z.string()),
    is_active: maybe(boolLike()),
    created_at: maybeTime(),
    expires_at: maybeTime(),
    last_used_at: maybeTime(),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const userKeySchema = lazy(() => shaped<UserApiKey>()(userKey()));
/** @internal The response schema behind the type of the same name (validation only). */
export const userKeyListSchema = lazy(() =>
  shaped<UserApiKey[]>()(listOf(userKey(), "api_keys", "keys", "items")),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const userKeyCreatedSchema = lazy(() =>
  shaped<UserApiKeyCreated>()(z.extend(userKey(), { id: maybe(id()), api_key: z.string() })),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const keyValidationSchema = lazy(() =>
  shaped<ApiKeyValidation>()(
    z.looseObject({
      valid: boolLike(),
      user_id: maybe(idString()),
      org_slug: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const mfaStatusSchema = lazy(() =>
  shaped<MfaStatus>()(
    z.looseObject({
      enabled: boolLike(),
      enrolled_at: maybeTime(),
      backup_codes_remaining: maybe(intLike()),
    }),
  ),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const mfaEnrollmentSchema = lazy(() =>
  shaped<MfaEnrollment>()(
    z.looseObject({
      secret: z.string(),
      qr_code_url: z.string(),
      backup_codes: z._default(z.array(z.string()), []),
    }),
  ),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const mfaResultSchema = lazy(() =>
  shaped<MfaResult>()(
    z.looseObject({
      enabled: maybe(boolLike()),
      verified: maybe(boolLike()),
      message: maybe(z.string()),
    }),
  ),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const backupCodesSchema = lazy(() =>
  shaped<BackupCodes>()(z.looseObject({ backup_codes: z.array(z.string()) })),
);
