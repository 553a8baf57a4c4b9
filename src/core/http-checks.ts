import { InputValidationError } from "./errors.js";
import { isSecretName, isSensitiveHeader, registerSecret } from "./redact.js";

/**
 * Up-front checks of what callers hand the HTTP client. Bad options must surface as an
 * InputValidationError naming the field before anything is sent, not as a ConnectionError from
 * deep inside fetch (whose messages may even quote the offending value, e.g. a header).
 */

/** Largest delay `setTimeout` honours; Node fires anything larger at once (and ky refuses it). */
export const MAX_TIMER_MS = 2_147_483_647;
export const MAX_RETRIES = 10;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
// RFC 9110 `token`: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// fetch refuses CR, LF and NUL in a value, and a Headers value is a ByteString (Latin-1).
const BAD_HEADER_VALUE = /[\r\n\0]/;
const NON_LATIN1 = /[\u0100-\uffff]/;

/** The options both a client and a call accept (the rest are checked by `checkClientOptions`). */
interface TimingOptions {
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

interface ClientOnlyOptions extends TimingOptions {
  retryDelay?: { baseMs?: number; maxMs?: number; maxRetryAfterMs?: number } | undefined;
  maxResponseBytes?: number | undefined;
  fetch?: unknown;
  onResponse?: unknown;
}

export function checkClientOptions(options: ClientOnlyOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new InputValidationError("options", "must be an object");
  }
  checkTiming(options, "");
  const validate = (options as { validate?: unknown }).validate;
  if (validate !== undefined && validate !== true && validate !== false && validate !== "warn") {
    throw new InputValidationError("validate", 'must be true, false or "warn"');
  }
  const delays = options.retryDelay;
  if (delays !== undefined) {
    if (typeof delays !== "object" || delays === null) {
      throw new InputValidationError("retryDelay", "must be an object");
    }
    for (const key of ["baseMs", "maxMs", "maxRetryAfterMs"] as const) {
      const value = delays[key];
      if (value !== undefined) checkNumber(value, `retryDelay.${key}`, 0, MAX_TIMER_MS);
    }
  }
  const max = options.maxResponseBytes;
  if (max !== undefined && !(Number.isSafeInteger(max) && max > 0)) {
    throw new InputValidationError("maxResponseBytes", "must be a positive integer");
  }
  for (const key of ["fetch", "onResponse"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function") {
      throw new InputValidationError(key, "must be a function");
    }
  }
}

/** Per-call options; a `signal` must be a real AbortSignal (fetch and AbortSignal.any need one). */
export function checkRequestOptions(
  options: (TimingOptions & { signal?: AbortSignal | undefined }) | undefined,
): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object") throw new InputValidationError("options", "must be an object");
  checkTiming(options, "options.");
  const validate = (options as { validate?: unknown }).validate;
  if (validate !== undefined && validate !== true && validate !== false && validate !== "warn") {
    throw new InputValidationError("options.validate", 'must be true, false or "warn"');
  }
  const onUpload = (options as { onUploadProgress?: unknown }).onUploadProgress;
  if (onUpload !== undefined && typeof onUpload !== "function") {
    throw new InputValidationError("options.onUploadProgress", "must be a function");
  }
  const signal = options.signal as unknown;
  if (
    signal !== undefined &&
    signal !== null &&
    (typeof signal !== "object" ||
      typeof (signal as AbortSignal).aborted !== "boolean" ||
      typeof (signal as AbortSignal).addEventListener !== "function")
  ) {
    throw new InputValidationError("options.signal", "must be an AbortSignal");
  }
}

function checkTiming(options: TimingOptions, prefix: string): void {
  if (options.timeoutMs !== undefined) checkNumber(options.timeoutMs, `${prefix}timeoutMs`, 1, MAX_TIMER_MS);
  if (options.totalTimeoutMs !== undefined) {
    checkNumber(options.totalTimeoutMs, `${prefix}totalTimeoutMs`, 1, MAX_TIMER_MS);
  }
  const retries = options.maxRetries;
  if (
    retries !== undefined &&
    !(typeof retries === "number" && Number.isInteger(retries) && retries >= 0 && retries <= MAX_RETRIES)
  ) {
    throw new InputValidationError(`${prefix}maxRetries`, `must be an integer from 0 to ${MAX_RETRIES}`);
  }
  if (options.headers !== undefined) checkHeaders(options.headers, `${prefix}headers`);
}

function checkNumber(value: unknown, field: string, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const low = min === 0 ? "≥ 0" : `> 0`;
    throw new InputValidationError(field, `must be a finite number ${low} and at most ${max} (ms)`);
  }
}

/**
 * Header names must be HTTP tokens; values must be Latin-1 strings without CR, LF or NUL.
 * Messages name the header, never quote its value: a header value may well be a credential.
 * `undefined` values are allowed (ky drops such a header).
 */
export function checkHeaders(headers: unknown, field = "headers"): void {
  if (headers === undefined || headers === null) return;
  if (typeof headers !== "object" || Array.isArray(headers) || headers instanceof Headers) {
    throw new InputValidationError(field, "must be a plain object of header names to values");
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new InputValidationError(field, "a header name contains characters HTTP does not allow");
    }
    if (value === undefined) continue;
    const at = `${field}.${name}`;
    if (typeof value !== "string") throw new InputValidationError(at, "must be a string");
    if (BAD_HEADER_VALUE.test(value)) throw new InputValidationError(at, "value contains CR, LF or NUL");
    if (NON_LATIN1.test(value)) {
      throw new InputValidationError(
        at,
        "value contains characters outside Latin-1, which HTTP headers cannot carry",
      );
    }
  }
}

/**
 * A FormData body is refused, before anything is sent. Node's fetch pumps one from a promise
 * nobody awaits, and a call failing before it is sent (a credential or rate-limit step throws)
 * leaves an unhandled rejection behind, fatal to a Node process by default. `formDataBody(form)`
 * frames the same form into a Blob, which has no pump.
 */
export function checkBody(body: unknown): void {
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    throw new InputValidationError(
      "body",
      "a FormData is not sent as it is: frame it with formDataBody(form)",
    );
  }
}

/**
 * Remember the credentials a caller put in headers, so a server echoing them in an error body
 * (or a log line quoting them) gets them scrubbed: the whole value, the credential after an
 * auth scheme (`Token abc…`), the password inside `Basic`, and each cookie's value. They are the
 * caller's own credentials: pinned, so no number of values learnt from responses evicts them.
 */
const CALLER = { pin: true } as const;

export function registerHeaderSecrets(headers: Record<string, string | undefined> | undefined): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string" || !(isSensitiveHeader(name) || isSecretName(name))) continue;
    registerSecret(value.trim(), CALLER);
    const lower = name.toLowerCase();
    if (lower === "cookie") {
      for (const pair of value.split(";")) {
        const eq = pair.indexOf("=");
        registerSecret(pair.trim(), CALLER);
        // A pinned value may be short; a short cookie value (`theme=dark`) is not a credential.
        const cookieValue = eq >= 0 ? pair.slice(eq + 1).trim() : "";
        if (cookieValue.length >= 6) registerSecret(cookieValue, CALLER);
      }
      continue;
    }
    const scheme = /^\s*([A-Za-z][\w-]*)\s+(\S.*)$/.exec(value);
    if (scheme) {
      const credential = (scheme[2] as string).trim();
      registerSecret(credential, CALLER);
      if (scheme[1]?.toLowerCase() === "basic") registerBasicPassword(credential);
    }
  }
}

function registerBasicPassword(encoded: string): void {
  try {
    const decoded = atob(encoded);
    const colon = decoded.indexOf(":");
    registerSecret(decoded, CALLER);
    if (colon >= 0) registerSecret(decoded.slice(colon + 1), CALLER);
  } catch {
    // Not base64: the encoded form is registered already.
  }
}

/** Query values: `NaN`/`Infinity` would reach the wire as `?page=NaN`. */
export function checkQueryValue(key: string, value: unknown): void {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new InputValidationError(`query.${key}`, "must be a finite number");
  }
}

/** The client's origin: absolute, https (or http to loopback), no credentials, query or fragment. */
export function checkBaseUrl(baseUrl: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputValidationError("baseUrl", "must be an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputValidationError("baseUrl", "must use https (or http on loopback)");
  }
  // fetch refuses such URLs anyway, quoting them (password included) in its error message.
  if (url.username || url.password) {
    throw new InputValidationError(
      "baseUrl",
      "must not contain a user name or password (pass credentials through auth or headers)",
    );
  }
  if (url.protocol === "http:" && !allowInsecure && !LOOPBACK.test(url.hostname)) {
    throw new InputValidationError(
      "baseUrl",
      "plain http is only allowed to loopback hosts (set allowInsecureHttp to override)",
    );
  }
  if (url.search || url.hash)
    throw new InputValidationError("baseUrl", "must not contain a query or fragment");
  return url.toString().replace(/\/$/, "");
}
