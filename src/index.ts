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
  type JwtSession,
  type JwtSessionOptions,
  jwtSession,
  none,
  type TokenPair,
  type TokenSource,
} from "./auth/index.js";
export type { Download, DownloadProgress } from "./core/download.js";
export {
  AbortedError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigMismatchError,
  ConflictError,
  ConnectionError,
  type FieldIssue,
  InputValidationError,
  InternalServerError,
  isTurbokitError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  TurbokitError,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./core/errors.js";
export type { ClientOptions, RequestOptions, ResponseInfo } from "./core/http.js";
export type { Logger, LogLevel } from "./core/logger.js";
export { type Page, Paginator } from "./core/pagination.js";
export { type WaitOptions, WaitTimeoutError } from "./core/polling.js";
export type { RateLimitInfo } from "./core/rate-limit.js";
export type { Open } from "./core/schema.js";
export type { SecretRecord } from "./core/secret.js";
