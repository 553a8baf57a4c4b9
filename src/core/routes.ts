import { InputValidationError } from "./errors.js";

/** The HTTP methods the providers use. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One endpoint of a provider. Each provider keeps every path in one table of these, so a wrong
 * contract path is a one-line fix, and whether a request may be replayed is decided there once.
 */
export interface Route {
  readonly method: HttpMethod;
  /** Path template relative to the base URL: `{name}` is one segment, `{name+}` keeps slashes. */
  readonly path: string;
  /** May the SDK replay it after a transient failure? */
  readonly idempotent: boolean;
}

const IDEMPOTENT_METHODS = new Set<HttpMethod>(["GET", "HEAD", "PUT", "DELETE"]);

/**
 * Declares a route. GET/HEAD/PUT/DELETE are idempotent; POST/PATCH are not, unless marked
 * `{ query: true }` (a POST that only reads, such as a batch status lookup).
 */
export function route(method: HttpMethod, path: string, options: { query?: boolean } = {}): Route {
  return { method, path, idempotent: IDEMPOTENT_METHODS.has(method) || options.query === true };
}

/** Values for a route's `{name}` placeholders. */
export type PathParams = Record<string, string | number>;

// C0 controls, DEL and C1 controls: CRLF in a path is header injection waiting to happen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Fills a path template. Every value is percent-encoded, so `?`, `#` and `/` cannot change the
 * request's meaning; values that are empty, contain control characters, or are `.`/`..`
 * segments are refused with an InputValidationError naming the parameter.
 */
export function buildPath(template: string, params: PathParams = {}): string {
  return template.replace(/\{(\w+)(\+?)\}/g, (_match, name: string, multi: string) => {
    const value = params[name];
    if (value === undefined) throw new InputValidationError(name, "is required");
    return multi ? encodeSegments(name, value) : encodeSegment(name, value);
  });
}

function encodeSegment(name: string, value: string | number): string {
  const text = checkParam(name, value);
  if (text === "." || text === "..") throw new InputValidationError(name, "must not be a dot segment");
  return encodeURIComponent(text);
}

function encodeSegments(name: string, value: string | number): string {
  const text = checkParam(name, value);
  const segments = text.split("/");
  if (segments.some((s) => s === "." || s === ".." || s === "")) {
    throw new InputValidationError(name, "must not contain empty, '.' or '..' segments");
  }
  return segments.map((s) => encodeURIComponent(s)).join("/");
}

function checkParam(name: string, value: string | number): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new InputValidationError(name, "must be an integer or a string");
    return String(value);
  }
  if (typeof value !== "string") throw new InputValidationError(name, "must be a string or an integer");
  if (value === "") throw new InputValidationError(name, "must not be empty");
  if (CONTROL.test(value)) throw new InputValidationError(name, "must not contain control characters");
  return value;
}
