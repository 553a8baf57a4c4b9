import { errorHtml, JUPYTER_DISPLAY, type MimeBundle } from "./display.js";
import type { RateLimitInfo } from "./rate-limit.js";
import {
  isSecretName,
  redactBodyText,
  redactText,
  redactValue,
  registerSecret,
  safeHeaders,
} from "./redact.js";

/**
 * Every error turbokit throws is a TurbokitError. Each class checks membership through a
 * `Symbol.for` brand holding its lineage, so `instanceof` keeps working when two copies of the
 * package are loaded (a bundled copy and a node_modules copy, say), and `isTurbokitError(e)`
 * works without importing any class.
 */
export const ERROR_BRAND: unique symbol = Symbol.for("turbokit.error") as never;
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** The base class of everything turbokit throws; messages are scrubbed of registered secrets. */
export class TurbokitError extends Error {
  declare readonly [ERROR_BRAND]: readonly string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(redactText(message), options);
    const lineage: string[] = [];
    for (
      let proto = new.target.prototype;
      proto && proto !== Error.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      lineage.push((proto.constructor as { brandName?: string }).brandName ?? proto.constructor.name);
    }
    Object.defineProperty(this, ERROR_BRAND, { value: lineage, enumerable: false });
    Object.defineProperty(this, "name", { value: lineage[0], enumerable: false, writable: true });
  }

  /** Stable class name used by the brand (survives minification). */
  static readonly brandName: string = "TurbokitError";

  /** `instanceof` by brand, so it holds across two loaded copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const lineage = (value as Record<symbol, unknown>)[ERROR_BRAND];
    // `this` is the class on the right of `instanceof` (a subclass too): that is the point here.
    // biome-ignore lint/complexity/noThisInStatic: see above
    const wanted = (this as unknown as { brandName: string }).brandName;
    return Array.isArray(lineage) && lineage.includes(wanted);
  }

  /** A plain, secret-free summary (what `JSON.stringify(error)` shows). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }

  /** What Node's `util.inspect` (and so `console.log`) shows: the secret-free summary. */
  [INSPECT](): string {
    return `${this.name}: ${this.message}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }

  /** How a notebook shows the error: a readable block instead of a stack dump. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const { name, message, ...fields } = this.toJSON();
    return {
      "text/html": errorHtml(String(name), String(message), fields),
      "text/plain": `${this.name}: ${this.message}`,
    };
  }
}

/** True for any turbokit error, from any copy of the package. */
export function isTurbokitError(value: unknown): value is TurbokitError {
  return value instanceof TurbokitError;
}

/** What an `ApiError` is built from: the response's status, headers and body, and the request. */
export interface ApiErrorInit {
  status: number;
  statusText?: string;
  headers: Headers;
  /** Parsed body: JSON value, or the text when it was not JSON. */
  body: unknown;
  rawBody: string;
  message: string;
  code?: string | undefined;
  method: string;
  url: string;
  rateLimit?: RateLimitInfo | undefined;
}

/** The server answered with a non-success status. */
export class ApiError extends TurbokitError {
  static override readonly brandName: string = "ApiError";
  readonly status: number;
  /** Response headers, with cookies and credentials removed. */
  readonly headers: Headers;
  readonly body: unknown;
  readonly rawBody: string;
  readonly requestId: string | undefined;
  /** Provider error code when the body carries one (open string). */
  readonly code: string | undefined;
  readonly method: string;
  /** Request URL without query string. */
  readonly url: string;
  readonly rateLimit: RateLimitInfo | undefined;
  /** What this error was built from, so a provider can re-type it (`from`) without copying fields. */
  readonly #init: ApiErrorInit;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.#init = init;
    this.status = init.status;
    this.headers = safeHeaders(init.headers);
    this.body = redactValue(init.body, false);
    this.rawBody = redactText(init.rawBody);
    this.requestId = requestIdOf(init.headers);
    this.code = init.code;
    this.method = init.method;
    // A share token in a path (`/public/studies/{token}`) is registered as a secret: masked here too.
    this.url = redactText(init.url);
    this.rateLimit = init.rateLimit;
  }

  /**
   * `error` re-typed as this (more specific) class, every field as it was: how a provider's
   * `mapError` turns a generic 400 into its `MinimumOrderSizeError`.
   */
  static from<E extends ApiError>(this: new (init: ApiErrorInit) => E, error: ApiError): E {
    return new this(error.#init);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      method: this.method,
      url: this.url,
      body: this.body,
    };
  }
}

export class BadRequestError extends ApiError {
  static override readonly brandName: string = "BadRequestError";
}
export class AuthenticationError extends ApiError {
  static override readonly brandName: string = "AuthenticationError";
}
export class PaymentRequiredError extends ApiError {
  static override readonly brandName: string = "PaymentRequiredError";
}
export class PermissionDeniedError extends ApiError {
  static override readonly brandName: string = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  static override readonly brandName: string = "NotFoundError";
}
export class ConflictError extends ApiError {
  static override readonly brandName: string = "ConflictError";
}
/** One field-level problem reported by a 422 (FastAPI `{loc, msg, type}` or Laravel `errors`). */
export interface FieldIssue {
  loc: (string | number)[];
  msg: string;
  type?: string | undefined;
}
export class UnprocessableEntityError extends ApiError {
  static override readonly brandName: string = "UnprocessableEntityError";
  /** Each problem the server listed. */
  readonly issues: FieldIssue[];
  constructor(init: ApiErrorInit & { issues?: FieldIssue[] }) {
    super(init);
    // The server's messages may quote what was sent (FastAPI echoes `input`): scrub them too.
    this.issues = (init.issues ?? []).map((issue) => ({
      ...issue,
      loc: issue.loc.map((part) => (typeof part === "string" ? redactText(part) : part)),
      msg: redactText(issue.msg),
    }));
  }
}
export class RateLimitError extends ApiError {
  static override readonly brandName: string = "RateLimitError";
  /** How long the server asked us to wait, when it said so. */
  get retryAfterMs(): number | undefined {
    return this.rateLimit?.retryAfterMs;
  }
  get limit(): number | undefined {
    return this.rateLimit?.limit;
  }
  get remaining(): number | undefined {
    return this.rateLimit?.remaining;
  }
  /** When the window resets (epoch ms), when the server said so. */
  get reset(): number | undefined {
    return this.rateLimit?.resetAt;
  }
}
export class InternalServerError extends ApiError {
  static override readonly brandName: string = "InternalServerError";
}

/** No response: DNS, refused or dropped connection, a body cut off mid-way. */
export class ConnectionError extends TurbokitError {
  static override readonly brandName: string = "ConnectionError";
}
/** The per-attempt timeout or the overall deadline passed. */
export class TimeoutError extends TurbokitError {
  static override readonly brandName: string = "TimeoutError";
}
/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class AbortedError extends TurbokitError {
  static override readonly brandName: string = "AbortedError";
}

/** One problem found by a schema: where (`path`) and what (`message`). */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** A response did not have the shape the SDK relies on. The raw value is kept. */
export class ResponseValidationError extends TurbokitError {
  static override readonly brandName: string = "ResponseValidationError";
  readonly raw: unknown;
  readonly issues: ValidationIssue[];
  constructor(message: string, raw: unknown, issues: ValidationIssue[]) {
    super(message);
    this.raw = typeof raw === "string" ? redactBodyText(raw) : redactValue(raw);
    this.issues = issues;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** What an `AcceptedWriteError` is built from. */
export interface AcceptedWriteInit {
  describe: string;
  status: number;
  /** Why the answer could not be read. */
  detail: string;
  /** The answer as received: the parsed JSON value, or the text when it was not JSON. */
  received: unknown;
  issues: ValidationIssue[];
  /** The answer carries a secret created once (a token, a key): no `raw` copy is kept. */
  sensitive: boolean;
}

/**
 * A write the server ACCEPTED (it answered 2xx) whose answer could not be read: not JSON, HTML,
 * or not the expected shape. The write took effect — sending it again would do it twice.
 * `status` is the server's; `raw` is the answer (secret-named fields masked; absent for a
 * sensitive call). `reveal()` returns the answer as received, so a secret created once (a
 * personal access token, an API key) still reaches the caller: it is never printed (messages,
 * `JSON.stringify`, `util.inspect` show none of it) and its secret values are registered with the
 * redactor.
 */
export class AcceptedWriteError extends ResponseValidationError {
  static override readonly brandName: string = "AcceptedWriteError";
  readonly status: number;
  /** Always true: the server did the write. */
  readonly accepted = true;
  readonly #received: unknown;

  constructor(init: AcceptedWriteInit) {
    super(
      `${init.describe}: the server accepted the request (${init.status}), but its answer could not be read (${init.detail}). The write took effect: do not send it again blindly.`,
      init.sensitive ? undefined : init.received,
      init.issues,
    );
    this.status = init.status;
    this.#received = init.received;
    registerReceivedSecrets(init.received, init.sensitive);
  }

  /** The answer exactly as received (parsed JSON, or text). Handle it as a secret. */
  reveal(): unknown {
    return this.#received;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, accepted: true };
  }
}

/** Secret-named string fields of an answer (every string, for a sensitive call) join the redactor. */
function registerReceivedSecrets(value: unknown, all: boolean, depth = 0): void {
  if (depth > 16 || value === null || typeof value !== "object") {
    if (all && typeof value === "string") registerSecret(value, { known: true });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string" && (all || isSecretName(key))) registerSecret(item, { known: true });
    else registerReceivedSecrets(item, all, depth + 1);
  }
}

/** An argument was wrong; raised before anything was sent or signed. */
export class InputValidationError extends TurbokitError {
  static override readonly brandName: string = "InputValidationError";
  /** The argument (dotted path) at fault. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** The server's configuration disagrees with the values the client pinned. Nothing was signed. */
export class ConfigMismatchError extends TurbokitError {
  static override readonly brandName: string = "ConfigMismatchError";
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
  constructor(field: string, expected: string, actual: string) {
    super(`${field} mismatch: pinned ${expected}, server says ${actual}`);
    this.field = field;
    this.expected = expected;
    this.actual = actual;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field, expected: this.expected, actual: this.actual };
  }
}

/** The class for a status: callers catch `NotFoundError`, not `ApiError` + `status === 404`. */
export function apiErrorClassFor(status: number): typeof ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 402:
      return PaymentRequiredError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : ApiError;
  }
}

/** The server's request id, under any of the header names the providers use. */
export function requestIdOf(headers: Headers): string | undefined {
  return (
    headers.get("x-request-id") ?? headers.get("request-id") ?? headers.get("x-correlation-id") ?? undefined
  );
}
