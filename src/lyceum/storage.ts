import { type Download, type DownloadProgress, downloadFrom } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { type MultipartPart, multipartBlob, multipartBody } from "../core/multipart.js";
import type { Paginator } from "../core/pagination.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { toBlob, type UploadBody } from "../core/upload.js";
import { onePage } from "./catalog.js";
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
import * as v from "./validate.js";

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

/** The account's S3-compatible bucket. Keys may contain `/` (folders). */
export class StorageResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Files in your bucket, optionally under a prefix. */
  list(query: ListFilesQuery = {}, options?: RequestOptions): Paginator<StoredFile, number> {
    v.requireObject(query, "query");
    const prefix = v.optionalString(query.prefix, "prefix");
    const maxFiles = v.optionalInt(query.maxFiles, "maxFiles", 1, 100_000);
    return onePage(options, () =>
      this.#http.json(routes.storageList, {
        query: { prefix, max_files: maxFiles },
        schema: fileListSchema(),
        options,
      }),
    );
  }

  /**
   * Upload as multipart (`file` + `key`). A Blob/File streams from its source (use
   * `fs.openAsBlob(path)` in Node for large files); bytes and ReadableStreams are wrapped.
   * Never retried.
   */
  async upload(key: string, body: UploadBody, options: UploadOptions = {}): Promise<UploadResult> {
    const checked = v.storageKey(key, "key");
    const { contentType, ...request } = options ?? {};
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
    return this.#http.json(routes.storageUpload, {
      body: upload.body,
      headers: upload.headers,
      schema: uploadResultSchema(),
      options: request,
    });
  }

  /**
   * Upload several files under one folder in a single multipart request (`files` parts plus
   * `folder_prefix`). Names are plain file names (no `/`). Never retried.
   */
  async uploadBulk(
    folderPrefix: string,
    files: BulkUploadFile[],
    options?: RequestOptions,
  ): Promise<BulkUploadResult> {
    const prefix = v.storageKey(folderPrefix, "folderPrefix", { folder: true });
    if (!Array.isArray(files) || files.length === 0)
      throw new InputValidationError("files", "must be a non-empty array of { name, body }");
    const parts: MultipartPart[] = [{ name: "folder_prefix", value: prefix }];
    for (const [i, file] of files.entries()) {
      const name = v.requireObject(file, `files[${i}]`).name;
      if (typeof name !== "string" || name === "" || name.includes("/") || name === "." || name === "..")
        throw new InputValidationError(`files[${i}].name`, "must be a plain file name");
      parts.push({ name: "files", filename: name, blob: await toBlob(file.body, `files[${i}].body`) });
    }
    const upload = multipartBlob(parts);
    return this.#http.json(routes.storageUploadBulk, {
      body: upload.body,
      headers: upload.headers,
      schema: bulkUploadResultSchema(),
      options,
    });
  }

  /** A streamed download (never buffered by the SDK). */
  async download(
    key: string,
    options: RequestOptions & { onProgress?: (progress: DownloadProgress) => void } = {},
  ): Promise<Download> {
    const { onProgress, ...request } = options ?? {};
    // A redirect (or a {url} answer) to pre-signed storage is followed without credentials.
    return downloadFrom(this.#http, routes.storageDownload, {
      params: { key: v.storageKey(key, "key") },
      options: request,
      onProgress,
      what: "Lyceum storage download",
    });
  }

  /** Delete a file from your bucket. */
  async delete(key: string, options?: RequestOptions): Promise<void> {
    await this.#http.json(routes.storageDelete, {
      params: { key: v.storageKey(key, "key") },
      schema: ackSchema(),
      options,
    });
  }

  /**
   * Delete every key under a folder: `DELETE /storage/delete-folder/{folder}`, the folder without a
   * trailing slash (`"runs/2026/"` and `"runs/2026"` both send `runs/2026`), as the official CLI
   * sends it. A folder with no files is `NotFoundError` (404, documented).
   */
  async deleteFolder(prefix: string, options?: RequestOptions): Promise<void> {
    await this.#http.json(routes.storageDeleteFolder, {
      params: { prefix: v.storageKey(prefix, "prefix", { folder: true }) },
      schema: ackSchema(),
      options,
    });
  }

  /**
   * Temporary S3 credentials for the bucket. The result reads normally but prints redacted
   * (`String`, JSON, `util.inspect`); `.reveal()` gives a plain copy.
   */
  async credentials(options?: RequestOptions): Promise<SecretRecord<StorageCredentials>> {
    const creds = await this.#http.json(routes.storageCredentials, {
      schema: credentialsSchema(),
      options,
      sensitive: true,
    });
    return secretRecord(creds, "storage credentials", {
      secretFields: ["access_key", "secret_key", "session_token"],
    });
  }
}
