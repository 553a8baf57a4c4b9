import type { APIPromise } from "../core/api-promise.js";
import { optionalString, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { type Download, type DownloadProgress, downloadFrom } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { multipartBody } from "../core/multipart.js";
import { toBlob, type UploadBody } from "../core/upload.js";
import { operation, requireLyceumId } from "./internal.js";
import { type JsonlLine, readJsonl } from "./jsonl.js";
import { routes } from "./routes.js";
import { type FileObject, fileObjectSchema } from "./schemas/batches.js";

export interface FileUploadOptions extends RequestOptions {
  /** Name of the part (default: the File's name, else `batch.jsonl`). */
  filename?: string;
  /** Default `batch`. */
  purpose?: string;
}

/**
 * Upload a JSONL file for the Batch API as multipart (`file` + `purpose`). A Blob/File streams
 * from its source (`fs.openAsBlob(path)` in Node); see `toJsonl(records)` to build one. Never
 * retried.
 */
export function uploadFile(
  core: ClientCore,
  body: UploadBody,
  options: FileUploadOptions = {},
): APIPromise<FileObject> {
  return operation(core, options, async (http, options) => {
    const { filename, purpose = "batch", ...request } = options;
    const streamed = typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
    // A stream's size is unknown until it is sent; other bodies are checked first.
    if (!streamed && (await toBlob(body, "file")).size === 0)
      throw new InputValidationError("file", "must not be empty");
    const name =
      optionalString(filename, "filename") ??
      (typeof File !== "undefined" && body instanceof File && body.name ? body.name : "batch.jsonl");
    const upload = await multipartBody(
      { purpose: requireString(purpose, "purpose") },
      { field: "file", filename: name, type: "application/jsonl", body },
    );
    return http.json(routes.files.upload, {
      body: upload.body,
      headers: upload.headers,
      schema: fileObjectSchema(),
      options: request,
    });
  });
}

/** A file's raw content, streamed (never buffered by the SDK). */
export function getFileContent(
  core: ClientCore,
  id: string,
  options: RequestOptions & { onProgress?: (progress: DownloadProgress) => void } = {},
): APIPromise<Download> {
  return operation(core, options, (http, options) => {
    const { onProgress, ...request } = options;
    // A redirect (or a {url} answer) to pre-signed storage is followed without credentials.
    return downloadFrom(http, routes.files.content, {
      params: { id: requireLyceumId(id, "fileId") },
      options: request,
      onProgress,
      what: "Lyceum file content",
    });
  });
}

/**
 * A file's content parsed as JSONL, line by line as it streams in. A malformed line is yielded as
 * `{ ok: false, line, error, raw }` (the stream goes on); good lines are `{ ok: true, line, value }`.
 * A line over `maxLineBytes` (default 16 MiB) ends it with a ResponseValidationError.
 */
export async function* readFileLines<T = unknown>(
  core: ClientCore,
  id: string,
  options: RequestOptions & { maxLineBytes?: number } = {},
): AsyncGenerator<JsonlLine<T>, void, undefined> {
  const { maxLineBytes, ...request } = options ?? {};
  const download = await getFileContent(core, id, request);
  yield* readJsonl<T>(download.body, request.signal, maxLineBytes);
}

/** Files for the Batch API (OpenAI-compatible). */
export class FilesResource extends Resource<ClientCore> {
  /** {@inheritDoc uploadFile} */
  upload(body: UploadBody, options?: FileUploadOptions) {
    return uploadFile(this.core, body, options);
  }
  /** {@inheritDoc getFileContent} */
  content(id: string, options?: RequestOptions & { onProgress?: (progress: DownloadProgress) => void }) {
    return getFileContent(this.core, id, options);
  }
  /** {@inheritDoc readFileLines} */
  lines<T = unknown>(id: string, options?: RequestOptions & { maxLineBytes?: number }) {
    return readFileLines<T>(this.core, id, options);
  }
}
