import * as z from "zod/mini";
import { intLike } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { listOf, maybe, maybeTime } from "./common.js";

/** A file in your bucket. */
export interface StoredFile {
  key: string;
  size?: number | null | undefined;
  last_modified?: Date | null | undefined;
  [key: string]: unknown;
}

/** The answer of `storage.upload`. */
export interface UploadResult {
  key: string;
  size?: number | null | undefined;
  [key: string]: unknown;
}

/**
 * The answer of `storage.uploadBulk`. Its shape is not documented: the files stored are read from
 * `uploaded` (or `files`) when the server lists them; everything else is kept as sent.
 */
export interface BulkUploadResult {
  uploaded?: UploadResult[] | undefined;
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

const file = () => z.looseObject({ key: z.string(), size: maybe(intLike()), last_modified: maybeTime() });

/** @internal The response schema behind the type of the same name (validation only). */
export const fileListSchema = lazy(() => shaped<StoredFile[]>()(listOf(file(), "files", "objects", "items")));

/** @internal The response schema behind the type of the same name (validation only). */
export const uploadResultSchema = lazy(() =>
  shaped<UploadResult>()(z.looseObject({ key: z.string(), size: maybe(intLike()) })),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const bulkUploadResultSchema = lazy(() =>
  shaped<BulkUploadResult>()(
    z.pipe(
      z.looseObject({
        uploaded: z.optional(z.array(z.looseObject({ key: z.string(), size: maybe(intLike()) }))),
        files: z.optional(z.array(z.looseObject({ key: z.string(), size: maybe(intLike()) }))),
      }),
      z.transform(({ files, ...rest }) => ({ ...rest, uploaded: rest.uploaded ?? files })),
    ),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const credentialsSchema = lazy(() =>
  shaped<StorageCredentials>()(
    z.looseObject({
      access_key: z.string(),
      secret_key: z.string(),
      session_token: maybe(z.string()),
      endpoint: maybe(z.string()),
      bucket_name: maybe(z.string()),
      region: maybe(z.string()),
      expires_at: maybeTime(),
    }),
  ),
);

/** Any JSON acknowledgement (deletes). */
export const ackSchema = lazy(() => shaped<unknown>()(z.optional(z.unknown())));
