import { type Download, type DownloadProgress, downloadFrom } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { multipartBody } from "../core/multipart.js";
import { toBlob, type UploadBody } from "../core/upload.js";
import { type JsonlLine, readJsonl } from "./jsonl.js";
import { routes } from "./routes.js";
import { type FileObject, fileObjectSchema } from "./schemas/batches.js";
import * as v from "./validate.js";

export interface FileUploadOptions extends RequestOptions {
  /** Name of the part (default: the File's name, else `batch.jsonl`). */
  filename?: string;
  /** Default `batch`. */
  purpose?: string;
}

/** Files for the Batch API (OpenAI-compatible). */
export class FilesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Upload a JSONL file as multipart (`file` + `purpose`). A Blob/File streams from its source
   * (`fs.openAsBlob(path)` in Node); see `toJsonl(records)` to build one. Never retried.
   */
  async upload(body: UploadBody, options: FileUploadOptions = {}): Promise<FileObject> {
    const { filename, purpose = "batch", ...request } = options ?? {};
    const streamed = typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
    // A stream's size is unknown until it is sent; other bodies are checked first.
    if (!streamed && (await toBlob(body, "file")).size === 0)
      throw new InputValidationError("file", "must not be empty");
    const name =
      v.optionalString(filename, "filename") ??
      (typeof File !== "undefined" && body instanceof File && body.name ? body.name : "batch.jsonl");
    const upload = await multipartBody(
      { purpose: v.requireString(purpose, "purpose") },
      { field: "file", filename: name, type: "application/jsonl", body },
    );
    return this.#http.json(routes.fileUpload, {
      body: upload.body,
      headers: upload.headers,
      schema: fileObjectSchema(),
      options: request,
    });
  }

  /** The raw content, streamed (never buffered by the SDK). */
  async content(
    id: string,
    options: RequestOptions & { onProgress?: (progress: DownloadProgress) => void } = {},
  ): Promise<Download> {
    const { onProgress, ...request } = options ?? {};
    // A redirect (or a {url} answer) to pre-signed storage is followed without credentials.
    return downloadFrom(this.#http, routes.fileContent, {
      params: { id: v.id(id, "fileId") },
      options: request,
      onProgress,
      what: "Lyceum file content",
    });
  }

  /**
   * The content parsed as JSONL, line by line as it streams in. A malformed line is yielded as
   * `{ ok: false, line, error, raw }` (the stream goes on); good lines are `{ ok: true, line, value }`.
   * A line over `maxLineBytes` (default 16 MiB) ends it with a ResponseValidationError.
   */
  async *lines<T = unknown>(
    id: string,
    options: RequestOptions & { maxLineBytes?: number } = {},
  ): AsyncGenerator<JsonlLine<T>, void, undefined> {
    const { maxLineBytes, ...request } = options ?? {};
    const download = await this.content(id, request);
    yield* readJsonl<T>(download.body, request.signal, maxLineBytes);
  }
}
