import { InputValidationError } from "./errors.js";

/**
 * Argument checks every provider shares, run before anything is sent or signed. Each returns the
 * value it accepted (narrowed) and throws an `InputValidationError` naming the field at fault;
 * `optional*` forms also accept `undefined` (and `null`, which they return as `undefined`).
 * Messages never quote the value: it may be a secret.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const absent = (value: unknown): value is undefined | null => value === undefined || value === null;

/** A non-empty string (not only spaces) of at most `max` characters. */
export function requireString(value: unknown, field: string, max = 10_000): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InputValidationError(field, "is required (a non-empty string)");
  }
  if (value.length > max) throw new InputValidationError(field, `must be at most ${max} characters`);
  return value;
}

/** `requireString`, or `undefined` when absent; any string (even empty) is accepted. */
export function optionalString(value: unknown, field: string, max = 10_000): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== "string") throw new InputValidationError(field, "must be a string");
  if (value.length > max) throw new InputValidationError(field, `must be at most ${max} characters`);
  return value;
}

/** An id: a non-empty string without control characters. */
export function requireId(value: unknown, field: string): string {
  const text = requireString(value, field, 1_000);
  if (CONTROL.test(text)) throw new InputValidationError(field, "must not contain control characters");
  return text;
}

/** `requireId`, or `undefined` when absent. */
export function optionalId(value: unknown, field: string): string | undefined {
  return absent(value) ? undefined : requireId(value, field);
}

/** An integer from `min` to `max`. */
export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InputValidationError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** `requireInt`, or `undefined` when absent. */
export function optionalInt(value: unknown, field: string, min: number, max: number): number | undefined {
  return absent(value) ? undefined : requireInt(value, field, min, max);
}

/** A finite number, above `min` (exclusive) unless `inclusive`. */
export function requireNumber(
  value: unknown,
  field: string,
  range: { min?: number; max?: number; inclusive?: boolean } = {},
): number {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, inclusive = false } = range;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (inclusive ? value >= min : value > min || min === Number.NEGATIVE_INFINITY) &&
    value <= max;
  if (!ok) {
    const low = min === Number.NEGATIVE_INFINITY ? "" : ` ${inclusive ? "≥" : ">"} ${min}`;
    const high = max === Number.POSITIVE_INFINITY ? "" : ` and ≤ ${max}`;
    throw new InputValidationError(field, `must be a finite number${low}${high}`);
  }
  return value as number;
}

/** A boolean, or `undefined` when absent. */
export function optionalBool(value: unknown, field: string): boolean | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== "boolean") throw new InputValidationError(field, "must be a boolean");
  return value;
}

/** One of a fixed set of strings. */
export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new InputValidationError(field, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** `requireOneOf`, or `undefined` when absent. */
export function optionalOneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T | undefined {
  return absent(value) ? undefined : requireOneOf(value, field, allowed);
}

/** A plain object (not null, not an array). */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputValidationError(field, "must be an object");
  }
  return value as Record<string, unknown>;
}

/** An array of strings, each checked; `nonEmpty` refuses `[]`. */
export function requireStringArray(
  value: unknown,
  field: string,
  options: { nonEmpty?: boolean; max?: number } = {},
): string[] {
  if (!Array.isArray(value)) throw new InputValidationError(field, "must be an array of strings");
  if (options.nonEmpty && value.length === 0) throw new InputValidationError(field, "must not be empty");
  if (options.max !== undefined && value.length > options.max) {
    throw new InputValidationError(field, `must hold at most ${options.max} items`);
  }
  value.forEach((item, i) => {
    if (typeof item !== "string") throw new InputValidationError(`${field}[${i}]`, "must be a string");
  });
  return value as string[];
}

/** An absolute `https:` URL (or `http:` when `allowHttp`). */
export function requireUrl(value: unknown, field: string, options: { allowHttp?: boolean } = {}): string {
  const text = requireString(value, field, 8_192);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputValidationError(field, "must be an absolute URL");
  }
  const ok = url.protocol === "https:" || (options.allowHttp === true && url.protocol === "http:");
  if (!ok)
    throw new InputValidationError(
      field,
      options.allowHttp ? "must be an http(s) URL" : "must be an https URL",
    );
  return text;
}
