/**
 * `turbokit/core`: what you need to wrap an endpoint the SDK does not cover yet, the same way the
 * four providers are built (see docs/core.md). Everything here is public API; the core's other
 * modules (request checks, redirect handling, fast parsing, text scanning) are internal.
 */

// Requests: the client, its options, route tables, one call's shape and result.
export { APIPromise, apiPromise, type WithResponse } from "./api-promise.js";
// Argument checks (before anything is sent) and errors.
export * from "./args.js";
// Client cores: what standalone operations take, and how a client is assembled from one.
export {
  type ClientCore,
  type CoreInternals,
  changedOptions,
  defineClient,
  defineCore,
  internalsOf,
  Resource,
} from "./client.js";
// Wire formats: schemas and the tolerant readers the providers use.
export {
  bigintInput,
  boolLike,
  decimalString,
  hexBigint,
  idText,
  intLike,
  numberLike,
  orNull,
  parseTimestamp,
  readBigint,
  timestamp,
  toHex,
} from "./codecs.js";
export { htmlTable, type MimeBundle, svgBundle, svgLineChart, withDisplay } from "./display.js";
export { type Download, type DownloadCall, type DownloadProgress, downloadFrom } from "./download.js";
export { type AcceptedWriteInit, type ApiErrorInit, apiErrorClassFor, requestIdOf } from "./errors.js";
export {
  type Call,
  type ClientOptions,
  HttpClient,
  type ProviderConfig,
  type QueryValue,
  type RequestOptions,
  type ResponseInfo,
  type UploadProgress,
  type ValidateLevel,
} from "./http.js";
export type { Logger, LogLevel } from "./logger.js";
export { type FilePart, formDataBody, type MultipartBody, type MultipartPart } from "./multipart.js";
// Lists, long operations, streams, files.
export {
  nextByAfter,
  nextByCursor,
  nextByOffset,
  nextByTotalPages,
  nextLaravelPage,
  type Page,
  Paginator,
  type PaginatorInit,
} from "./pagination.js";
export {
  COMMON_FINAL_STATUSES,
  finalStatesOf,
  type WaitInit,
  type WaitOptions,
  WaitTimeoutError,
  waitFor,
} from "./polling.js";
export * from "./public-errors.js";
export { parseRateLimit, parseRetryAfterMs, type RateLimitInfo } from "./rate-limit.js";
export { type CellValue, type Columns, type FlatRecord, type Rows, toColumns, toRecords } from "./records.js";

// Secrets, logging, rate limits, notebooks, version.
export { type RegisterSecretOptions, redactText, registerSecret, safeHeaders } from "./redact.js";
export { type RedirectPolicy, UnsafeRedirectError } from "./redirect.js";
export { type HttpMethod, type PathParams, type Route, route } from "./routes.js";
export { lazy, type Open, parseResponse, type Schema, shaped } from "./schema.js";
export { type SecretRecord, type SecretRecordOptions, secretRecord } from "./secret.js";
export { DEFAULT_MAX_EVENT_BYTES, type SseMessage, type SseOptions, StreamIdleError } from "./sse.js";
export type { UploadBody } from "./upload.js";
export { VERSION } from "./version.js";
