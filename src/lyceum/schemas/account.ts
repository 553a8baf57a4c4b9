import * as z from "zod/mini";
import { boolLike, intLike } from "../../core/codecs.js";
import { lazy, type Schema } from "../../core/schema.js";
import { listOf, maybe, maybeTime } from "./common.js";

/** A user-level API key as listed (no secret). User keys carry no org: requests use the default org. */
export interface UserApiKey {
  id: string;
  key_name?: string | null | undefined;
  key_prefix?: string | null | undefined;
  is_active?: boolean | null | undefined;
  created_at?: Date | null | undefined;
  expires_at?: Date | null | undefined;
  last_used_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** A new user API key: `api_key` is the plaintext, shown once. The record prints redacted. */
export interface UserApiKeyCreated extends UserApiKey {
  api_key: string;
}

export interface ApiKeyValidation {
  valid: boolean;
  user_id?: string | null | undefined;
  org_slug?: string | null | undefined;
  [key: string]: unknown;
}

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

export interface MfaResult {
  enabled?: boolean | null | undefined;
  verified?: boolean | null | undefined;
  message?: string | null | undefined;
  [key: string]: unknown;
}

export interface BackupCodes {
  backup_codes: string[];
  [key: string]: unknown;
}

const id = () =>
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((v) => String(v)),
  );

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

export const userKeySchema = lazy(() => userKey() as unknown as Schema<UserApiKey>);
export const userKeyListSchema = lazy(
  () => listOf(userKey(), "api_keys", "keys", "items") as unknown as Schema<UserApiKey[]>,
);
export const userKeyCreatedSchema = lazy(
  () => z.extend(userKey(), { api_key: z.string() }) as unknown as Schema<UserApiKeyCreated>,
);
export const keyValidationSchema = lazy(
  () =>
    z.looseObject({
      valid: boolLike(),
      user_id: maybe(z.union([z.string(), z.number()])),
      org_slug: maybe(z.string()),
    }) as unknown as Schema<ApiKeyValidation>,
);

export const mfaStatusSchema = lazy(
  () =>
    z.looseObject({
      enabled: boolLike(),
      enrolled_at: maybeTime(),
      backup_codes_remaining: maybe(intLike()),
    }) as unknown as Schema<MfaStatus>,
);
export const mfaEnrollmentSchema = lazy(
  () =>
    z.looseObject({
      secret: z.string(),
      qr_code_url: z.string(),
      backup_codes: z._default(z.array(z.string()), []),
    }) as unknown as Schema<MfaEnrollment>,
);
export const mfaResultSchema = lazy(
  () =>
    z.looseObject({
      enabled: maybe(boolLike()),
      verified: maybe(boolLike()),
      message: maybe(z.string()),
    }) as unknown as Schema<MfaResult>,
);
export const backupCodesSchema = lazy(
  () => z.looseObject({ backup_codes: z.array(z.string()) }) as unknown as Schema<BackupCodes>,
);
