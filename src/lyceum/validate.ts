import { InputValidationError } from "../core/errors.js";

/** Argument checks shared by the Lyceum resources; each names the field at fault. */

export const MACHINE_PATTERN = /^[a-zA-Z0-9_.]+$/;
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputValidationError(field, "must be an object");
  return value as Record<string, unknown>;
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new InputValidationError(field, "is required (a non-empty string)");
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InputValidationError(field, "must be a string");
  return value;
}

export function intInRange(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new InputValidationError(field, `must be an integer between ${min} and ${max}`);
  if (value < min || value > max) throw new InputValidationError(field, `must be between ${min} and ${max}`);
  return value;
}

export function optionalInt(value: unknown, field: string, min: number, max: number): number | undefined {
  return value === undefined ? undefined : intInRange(value, field, min, max);
}

export function optionalBool(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new InputValidationError(field, "must be a boolean");
  return value;
}

/** A machine type (`cpu`, `gpu.h100`…) per the API's pattern `^[a-zA-Z0-9_.]+$`. */
export function machine(value: unknown, field = "machine"): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !MACHINE_PATTERN.test(value))
    throw new InputValidationError(field, "must match ^[a-zA-Z0-9_.]+$ (e.g. cpu, gpu.h100)");
  return value;
}

export function stringArray(value: unknown, field: string, opts: { nonEmpty?: boolean } = {}): string[] {
  if (!Array.isArray(value)) throw new InputValidationError(field, "must be an array of strings");
  if (opts.nonEmpty && value.length === 0) throw new InputValidationError(field, "must not be empty");
  value.forEach((item, i) => {
    if (typeof item !== "string") throw new InputValidationError(`${field}[${i}]`, "must be a string");
  });
  return value as string[];
}

export function callbackUrls(value: unknown, field = "callbackUrls"): string[] | undefined {
  if (value === undefined) return undefined;
  const urls = stringArray(value, field);
  urls.forEach((url, i) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputValidationError(`${field}[${i}]`, "must be an absolute URL");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      throw new InputValidationError(`${field}[${i}]`, "must be an http(s) URL");
  });
  return urls;
}

export function envName(value: unknown, field: string): string {
  if (typeof value !== "string" || !ENV_NAME_PATTERN.test(value))
    throw new InputValidationError(field, "must match [A-Za-z_][A-Za-z0-9_]*");
  return value;
}

/** `{ KEY: "value" }` → checked entries. */
export function envRecord(value: unknown, field: string): [string, string][] {
  const record = requireObject(value, field);
  return Object.entries(record).map(([key, v]) => {
    envName(key, `${field}.${key}`);
    if (typeof v !== "string") throw new InputValidationError(`${field}.${key}`, "must be a string");
    if (/[\r\n]/.test(v)) throw new InputValidationError(`${field}.${key}`, "must not contain line breaks");
    return [key, v];
  });
}

/** Relative file paths → source text (sent as the `import_files` JSON text). */
export function filesRecord(value: unknown, field = "files"): Record<string, string> | undefined {
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
export function storageKey(value: unknown, field: string, opts: { folder?: boolean } = {}): string {
  if (typeof value !== "string" || value === "") throw new InputValidationError(field, "is required");
  if (CONTROL.test(value)) throw new InputValidationError(field, "must not contain control characters");
  if (value.startsWith("/")) throw new InputValidationError(field, "must not start with '/'");
  const text = opts.folder ? value.replace(/\/$/, "") : value;
  if (text.split("/").some((s) => s === "" || s === "." || s === ".."))
    throw new InputValidationError(field, "must not contain empty, '.' or '..' segments");
  return text;
}

/** Run/VM/env ids: a non-empty string or integer without control characters. */
export function id(value: unknown, field = "id"): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string" || value.trim() === "") throw new InputValidationError(field, "is required");
  if (CONTROL.test(value)) throw new InputValidationError(field, "must not contain control characters");
  return value;
}

/** An organisation slug (`[a-z0-9-]+`). */
export function slug(value: unknown, field = "slug"): string {
  if (typeof value !== "string" || !/^[a-z0-9-]+$/.test(value) || value.length > 64)
    throw new InputValidationError(field, "must match [a-z0-9-]+ (at most 64 characters)");
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function email(value: unknown, field = "email"): string {
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
export function amount(value: unknown, field: string, min = 0): string {
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

export function url(value: unknown, field: string): string {
  const text = requireString(value, field);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InputValidationError(field, "must be an absolute URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new InputValidationError(field, "must be an http(s) URL");
  return text;
}

/** Page size for offset/after pagination. */
export function pageSize(value: unknown, fallback: number, max: number, field = "pageSize"): number {
  return value === undefined ? fallback : intInRange(value, field, 1, max);
}

export { InputValidationError as InputError };
