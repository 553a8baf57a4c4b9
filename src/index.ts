/**
 * turbokit: one SDK for TurbineX, TurboStack, Lyceum Cloud and Turbine Exchange.
 * This entry holds what all providers share: auth strategies, errors and common types.
 * Providers live at `turbokit/turbinex`, `turbokit/turbostack`, `turbokit/lyceum`, `turbokit/exchange`.
 */
export {
  type ApiKeyOptions,
  type AuthStrategy,
  apiKey,
  bearer,
  CredentialsError,
  type JwtSession,
  type JwtSessionOptions,
  jwtSession,
  none,
  type TokenPair,
  type TokenSource,
} from "./auth/index.js";
export type { BindableSession, SessionEndpoints, SessionStepOptions } from "./auth/types.js";
export type { APIPromise, WithResponse } from "./core/api-promise.js";
export type { ClientCore } from "./core/client.js";
// Notebook rendering helpers: plain strings (no DOM), for custom displays in Jupyter.
export {
  type ChartSeries,
  htmlTable,
  type LineChartOptions,
  type MimeBundle,
  svgBundle,
  svgLineChart,
} from "./core/display.js";
export type { Download, DownloadProgress } from "./core/download.js";
export type {
  ClientOptions,
  RequestOptions,
  ResponseInfo,
  UploadProgress,
  ValidateLevel,
} from "./core/http.js";
export type { Logger, LogLevel } from "./core/logger.js";
export { type Page, Paginator } from "./core/pagination.js";
export { COMMON_FINAL_STATUSES, type WaitOptions, WaitTimeoutError } from "./core/polling.js";
export * from "./core/public-errors.js";
export type { RateLimitInfo } from "./core/rate-limit.js";
export {
  type CellValue,
  type Columns,
  type FlatRecord,
  type Rows,
  toColumns,
  toRecords,
} from "./core/records.js";
export { type RedirectPolicy, UnsafeRedirectError } from "./core/redirect.js";
export type { Open } from "./core/schema.js";
export type { SecretRecord } from "./core/secret.js";
export { StreamIdleError } from "./core/sse.js";
export type { UploadBody } from "./core/upload.js";
export { VERSION } from "./core/version.js";
