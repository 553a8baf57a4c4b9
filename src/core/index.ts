// The core's surface for provider modules (and advanced users via `turbokit/core`).
export * from "./codecs.js";
export * from "./download.js";
export * from "./env.js";
export * from "./error-body.js";
export * from "./errors.js";
export * from "./http.js";
export * from "./logger.js";
export * from "./pagination.js";
export * from "./polling.js";
export * from "./rate-limit.js";
export { redactText, registerSecret, safeHeaders } from "./redact.js";
export * from "./redirect.js";
export * from "./routes.js";
export * from "./schema.js";
export * from "./secret.js";
export * from "./sleep.js";
export * from "./sse.js";
export * from "./upload.js";
