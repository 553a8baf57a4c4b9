import { type APIPromise, apiPromise, withSinkOf } from "../core/api-promise.js";
import { requireInt, requireObject, requireStringArray, requireUrl } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { nextByOffset, Paginator } from "../core/pagination.js";
import { internals } from "./client.js";
import type { OffsetPage } from "./schemas/common.js";

/** The HTTP client behind a Lyceum client or client core. */
export function httpOf(core: ClientCore): HttpClient {
  return internals(core).http;
}

/**
 * One Lyceum operation as an `APIPromise`: `run` gets the core's HTTP client and the call's
 * options (carrying the response sink), which it passes to every request it makes.
 */
export function operation<T, O extends RequestOptions = RequestOptions>(
  core: ClientCore,
  options: O | undefined,
  run: (http: HttpClient, options: O) => Promise<T>,
): APIPromise<T> {
  // The traced options are the caller's, spread, with the sink added: still an `O`.
  return apiPromise(options, (traced) => run(httpOf(core), traced as O));
}

/**
 * A wait as an `APIPromise`: `run` polls with `pollOptions(signal)`, which carry the call's
 * response sink, so `withResponse()` reports the last poll.
 */
export function waitOperation<T>(
  run: (pollOptions: (signal: AbortSignal | undefined) => RequestOptions) => Promise<T>,
): APIPromise<T> {
  return apiPromise(undefined, (traced) => run((signal) => withSinkOf(traced, signal ? { signal } : {})));
}

// Argument checks of Lyceum's own formats; the generic ones are in core/args.ts.

export const MACHINE_PATTERN = /^[a-zA-Z0-9_.]+$/;
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A machine type (`cpu`, `gpu.h100`…) per the API's pattern `^[a-zA-Z0-9_.]+$`. */
export function optionalMachine(value: unknown, field = "machine"): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !MACHINE_PATTERN.test(value))
    throw new InputValidationError(field, "must match ^[a-zA-Z0-9_.]+$ (e.g. cpu, gpu.h100)");
  return value;
}

/** URLs the platform POSTs completion info to: absolute http(s) URLs. */
export function optionalCallbackUrls(value: unknown, field = "callbackUrls"): string[] | undefined {
  if (value === undefined) return undefined;
  const urls = requireStringArray(value, field);
  for (const [i, url] of urls.entries()) requireUrl(url, `${field}[${i}]`, { allowHttp: true });
  return urls;
}

export function requireEnvName(value: unknown, field: string): string {
  if (typeof value !== "string" || !ENV_NAME_PATTERN.test(value))
    throw new InputValidationError(field, "must match [A-Za-z_][A-Za-z0-9_]*");
  return value;
}

/** `{ KEY: "value" }` → checked entries. */
export function envEntries(value: unknown, field: string): [string, string][] {
  const record = requireObject(value, field);
  return Object.entries(record).map(([key, v]) => {
    requireEnvName(key, `${field}.${key}`);
    if (typeof v !== "string") throw new InputValidationError(`${field}.${key}`, "must be a string");
    if (/[\r\n]/.test(v)) throw new InputValidationError(`${field}.${key}`, "must not contain line breaks");
    return [key, v];
  });
}

/** Relative file paths → source text (sent as the `import_files` JSON text). */
export function optionalFiles(value: unknown, field = "files"): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const record = requireObject(value, field);
  for (const [path, source] of Object.entries(record)) {
    if (path === "" || path.startsWith("/") || path.split("/").includes("..") || CONTROL.test(path))
      throw new InputValidationError(`${field}.${path}`, "must be a relative path without '..'");
    if (typeof source !== "string") throw new InputValidationError(`${field}.${path}`, "must be a string");
  }
  return record as Record<string, string>;
}

/**
 * A storage key or prefix: non-empty, relative, no `.`/`..`/empty segments, no control characters.
 * A `folder` may end in `/`; it is returned without it (the route adds one).
 */
export function requireStorageKey(value: unknown, field: string, opts: { folder?: boolean } = {}): string {
  if (typeof value !== "string" || value === "") throw new InputValidationError(field, "is required");
  if (CONTROL.test(value)) throw new InputValidationError(field, "must not contain control characters");
  if (value.startsWith("/")) throw new InputValidationError(field, "must not start with '/'");
  const text = opts.folder ? value.replace(/\/$/, "") : value;
  if (text.split("/").some((s) => s === "" || s === "." || s === ".."))
    throw new InputValidationError(field, "must not contain empty, '.' or '..' segments");
  return text;
}

/** Run/VM/env ids: a non-empty string or an integer (Lyceum has both), no control characters. */
export function requireLyceumId(value: unknown, field = "id"): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string" || value.trim() === "") throw new InputValidationError(field, "is required");
  if (CONTROL.test(value)) throw new InputValidationError(field, "must not contain control characters");
  return value;
}

/** An organisation slug (`[a-z0-9-]+`). */
export function requireSlug(value: unknown, field = "slug"): string {
  if (typeof value !== "string" || !/^[a-z0-9-]+$/.test(value) || value.length > 64)
    throw new InputValidationError(field, "must match [a-z0-9-]+ (at most 64 characters)");
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function requireEmail(value: unknown, field = "email"): string {
  if (typeof value !== "string" || !EMAIL.test(value))
    throw new InputValidationError(field, "must be an email address");
  return value;
}

/** An optional expiry (Date, ISO text or epoch ms) in the future → ISO text. */
export function optionalFutureTime(value: unknown, field: string, now = Date.now()): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date =
    value instanceof Date
      ? value
      : typeof value === "string" || typeof value === "number"
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new InputValidationError(field, "must be a Date, ISO text or epoch ms");
  if (date.getTime() <= now) throw new InputValidationError(field, "must be in the future");
  return date.toISOString();
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;
/** A positive money amount: a decimal string (`"25"`, `"25.50"`) or an integer → decimal string. */
export function requireAmount(value: unknown, field: string, min = 0): string {
  let text: string | undefined;
  if (typeof value === "string" && DECIMAL.test(value.trim())) text = value.trim();
  else if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) text = String(value);
  if (text === undefined)
    throw new InputValidationError(
      field,
      'must be a decimal string with at most 2 decimals (e.g. "25.00") or a whole number',
    );
  if (Number(text) <= min) throw new InputValidationError(field, `must be greater than ${min}`);
  return text;
}

/** Page size for offset/after pagination. */
export function pageSize(value: unknown, fallback: number, max: number, field = "pageSize"): number {
  return value === undefined ? fallback : requireInt(value, field, 1, max);
}

// Paging adapters.

/** A paginator over an endpoint that returns everything at once (still lazy: nothing is sent until read). */
export function onePage<T>(
  options: RequestOptions | undefined,
  fetch: () => Promise<T[]>,
): Paginator<T, number> {
  return new Paginator<T, number>({
    first: 0,
    signal: options?.signal,
    fetchPage: async () => ({ items: await fetch(), next: undefined }),
  });
}

/** A lazy `limit/offset` paginator: stops on a short page, at the reported total, or an empty page. */
export function offsetPaginator<T>(
  limit: number,
  options: RequestOptions | undefined,
  fetch: (limit: number, offset: number) => Promise<OffsetPage<T>>,
): Paginator<T, number> {
  return new Paginator<T, number>({
    first: 0,
    signal: options?.signal,
    fetchPage: async (offset) => {
      const page = await fetch(limit, offset);
      return {
        items: page.items,
        total: page.total ?? undefined,
        next: nextByOffset({ offset, limit }, page.items.length, page.total),
      };
    },
  });
}
