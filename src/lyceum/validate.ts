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

/** A storage key or prefix: non-empty, relative, no `.`/`..`/empty segments, no control characters. */
export function storageKey(value: unknown, field: string, opts: { trailingSlash?: boolean } = {}): string {
  if (typeof value !== "string" || value === "") throw new InputValidationError(field, "is required");
  if (CONTROL.test(value)) throw new InputValidationError(field, "must not contain control characters");
  if (value.startsWith("/")) throw new InputValidationError(field, "must not start with '/'");
  const text = opts.trailingSlash ? value.replace(/\/$/, "") : value;
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
