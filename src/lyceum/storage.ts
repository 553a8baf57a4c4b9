import type { APIPromise } from "../core/api-promise.js";
import { optionalInt, optionalString, requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { type Download, type DownloadProgress, downloadFrom } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { type MultipartPart, multipartBlob, multipartBody } from "../core/multipart.js";
import type { Paginator } from "../core/pagination.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { toBlob, type UploadBody } from "../core/upload.js";
import { httpOf, onePage, operation, requireStorageKey } from "./internal.js";
import { routes } from "./routes.js";
import {
  ackSchema,
  type BulkUploadResult,
  bulkUploadResultSchema,
  credentialsSchema,
  fileListSchema,
  type StorageCredentials,
  type StoredFile,
  type UploadResult,
  uploadResultSchema,
} from "./schemas/storage.js";

/** Which files `storage.list` returns. */
export interface ListFilesQuery {
  /** Only keys starting with this. */
  prefix?: string;
  /** Most keys returned, 1–100000. */
  maxFiles?: number;
}

/** One file of `storage.uploadBulk`: its name under the folder, and its bytes. */
export interface BulkUploadFile {
  name: string;
  body: UploadBody;
}

export interface UploadOptions extends RequestOptions {
  /** Content type of the part (default: the Blob's own, else application/octet-stream). */
  contentType?: string;
}

/** Files in your bucket, optionally under a prefix. */
export function listStorageFiles(
  core: ClientCore,
  query: ListFilesQuery = {},
  options?: RequestOptions,
): Paginator<StoredFile, number> {
  requireObject(query, "query");
  const prefix = optionalString(query.prefix, "prefix");
  const maxFiles = optionalInt(query.maxFiles, "maxFiles", 1, 100_000);
  return onePage(options, () =>
    httpOf(core).json(routes.storage.list, {
      query: { prefix, max_files: maxFiles },
      schema: fileListSchema(),
      options,
    }),
  );
}

/**
 * Upload as multipart (`file` + `key`). A Blob/File streams from its source (use
 * `fs.openAsBlob(path)` in Node for large files); bytes and ReadableStreams are wrapped.
 * `onUploadProgress` reports the bytes sent. Never retried.
 */
export function uploadStorageFile(
  core: ClientCore,
  key: string,
  body: UploadBody,
  options: UploadOptions = {},
): APIPromise<UploadResult> {
  return operation(core, options, async (http, options) => {
    const checked = requireStorageKey(key, "key");
    const { contentType, ...request } = options;
    const upload = await multipartBody(
      { key: checked },
      {
        field: "file",
        filename: checked.split("/").pop() ?? checked,
        type: contentType,
        body,
        argument: "body",
      },
    );
    return http.json(routes.storage.upload, {
      body: upload.body,
      headers: upload.headers,
      schema: uploadResultSchema(),
      options: request,
    });
  });
}

/**
 * Upload several files under one folder in a single multipart request (`files` parts plus
 * `folder_prefix`). Names are plain file names (no `/`). `onUploadProgress` reports the bytes
 * sent. Never retried.
 */
export function uploadStorageFiles(
  core: ClientCore,
  folderPrefix: string,
  files: BulkUploadFile[],
  options?: RequestOptions,
): APIPromise<BulkUploadResult> {
  return operation(core, options, async (http, options) => {
    const prefix = requireStorageKey(folderPrefix, "folderPrefix", { folder: true });
    if (!Array.isArray(files) || files.length === 0)
      throw new InputValidationError("files", "must be a non-empty array of { name, body }");
    const parts: MultipartPart[] = [{ name: "folder_prefix", value: prefix }];
    for (const [i, file] of files.entries()) {
      const name = requireObject(file, `files[${i}]`).name;
      if (typeof name !== "string" || name === "" || name.includes("/") || name === "." || name === "..")
        throw new InputValidationError(`files[${i}].name`, "must be a plain file name");
      parts.push({ name: "files", filename: name, blob: await toBlob(file.body, `files[${i}].body`) });
    }
    const upload = multipartBlob(parts);
    return http.json(routes.storage.uploadBulk, {
      body: upload.body,
      headers: upload.headers,
      schema: bulkUploadResultSchema(),
      options,
    });
  });
}

/** A streamed download (never buffered by the SDK). */
export function downloadStorageFile(
  core: ClientCore,
  key: string,
  options: RequestOptions & { onProgress?: (progress: DownloadProgress) => void } = {},
): APIPromise<Download> {
  return operation(core, options, (http, options) => {
    const { onProgress, ...request } = options;
    // A redirect (or a {url} answer) to pre-signed storage is followed without credentials.
    return downloadFrom(http, routes.storage.download, {
      params: { key: requireStorageKey(key, "key") },
      options: request,
      onProgress,
      what: "Lyceum storage download",
    });
  });
}

/** Delete a file from your bucket. */
export function deleteStorageFile(core: ClientCore, key: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, async (http, options) => {
    await http.json(routes.storage.delete, {
      params: { key: requireStorageKey(key, "key") },
      schema: ackSchema(),
      options,
    });
  });
}

/**
 * Delete every key under a folder: `DELETE /storage/delete-folder/{folder}`, the folder without a
 * trailing slash (`"runs/2026/"` and `"runs/2026"` both send `runs/2026`), as the official CLI
 * sends it. A folder with no files is `NotFoundError` (404, documented).
 */
export function deleteStorageFolder(
  core: ClientCore,
  prefix: string,
  options?: RequestOptions,
): APIPromise<void> {
  return operation(core, options, async (http, options) => {
    await http.json(routes.storage.deleteFolder, {
      params: { prefix: requireStorageKey(prefix, "prefix", { folder: true }) },
      schema: ackSchema(),
      options,
    });
  });
}

/**
 * Temporary S3 credentials for the bucket. The result reads normally but prints redacted
 * (`String`, JSON, `util.inspect`); `.reveal()` gives a plain copy.
 */
export function getStorageCredentials(
  core: ClientCore,
  options?: RequestOptions,
): APIPromise<SecretRecord<StorageCredentials>> {
  return operation(core, options, async (http, options) => {
    const creds = await http.json(routes.storage.credentials, {
      schema: credentialsSchema(),
      options,
      sensitive: true,
    });
    return secretRecord(creds, "storage credentials", {
      secretFields: ["access_key", "secret_key", "session_token"],
    });
  });
}

/** The account's S3-compatible bucket. Keys may contain `/` (folders). */
export class StorageResource extends Resource<ClientCore> {
  /** {@inheritDoc listStorageFiles} */
  list(query?: ListFilesQuery, options?: RequestOptions) {
    return listStorageFiles(this.core, query, options);
  }
  /** {@inheritDoc uploadStorageFile} */
  upload(key: string, body: UploadBody, options?: UploadOptions) {
    return uploadStorageFile(this.core, key, body, options);
  }
  /** {@inheritDoc uploadStorageFiles} */
  uploadBulk(folderPrefix: string, files: BulkUploadFile[], options?: RequestOptions) {
    return uploadStorageFiles(this.core, folderPrefix, files, options);
  }
  /** {@inheritDoc downloadStorageFile} */
  download(key: string, options?: RequestOptions & { onProgress?: (progress: DownloadProgress) => void }) {
    return downloadStorageFile(this.core, key, options);
  }
  /** {@inheritDoc deleteStorageFile} */
  delete(key: string, options?: RequestOptions) {
    return deleteStorageFile(this.core, key, options);
  }
  /** {@inheritDoc deleteStorageFolder} */
  deleteFolder(prefix: string, options?: RequestOptions) {
    return deleteStorageFolder(this.core, prefix, options);
  }
  /** {@inheritDoc getStorageCredentials} */
  credentials(options?: RequestOptions) {
    return getStorageCredentials(this.core, options);
  }
}
