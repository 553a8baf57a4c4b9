import * as z from "zod/mini";
import { lazy, type Schema } from "../../core/schema.js";
import { listOf, maybe, maybeTime } from "./common.js";

export interface StoredFile {
  key: string;
  size?: number | null | undefined;
  last_modified?: Date | null | undefined;
  [key: string]: unknown;
}

export interface UploadResult {
  key: string;
  size?: number | null | undefined;
  [key: string]: unknown;
}

/** Temporary S3 credentials for the account's bucket. */
export interface StorageCredentials {
  access_key: string;
  secret_key: string;
  session_token?: string | null | undefined;
  endpoint?: string | null | undefined;
  bucket_name?: string | null | undefined;
  region?: string | null | undefined;
  expires_at?: Date | null | undefined;
  [key: string]: unknown;
}

const file = () => z.looseObject({ key: z.string(), size: maybe(z.number()), last_modified: maybeTime() });

export const fileListSchema = lazy(
  () => listOf(file(), "files", "objects", "items") as unknown as Schema<StoredFile[]>,
);

export const uploadResultSchema = lazy(
  () => z.looseObject({ key: z.string(), size: maybe(z.number()) }) as unknown as Schema<UploadResult>,
);

export const credentialsSchema = lazy(
  () =>
    z.looseObject({
      access_key: z.string(),
      secret_key: z.string(),
      session_token: maybe(z.string()),
      endpoint: maybe(z.string()),
      bucket_name: maybe(z.string()),
      region: maybe(z.string()),
      expires_at: maybeTime(),
    }) as unknown as Schema<StorageCredentials>,
);

/** Any JSON acknowledgement (deletes). */
export const ackSchema = lazy(() => z.optional(z.unknown()) as unknown as Schema<unknown>);
