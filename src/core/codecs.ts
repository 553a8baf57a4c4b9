import * as z from "zod/mini";
import { InputValidationError } from "./errors.js";

/**
 * Wire codecs shared by providers: bigints travel as 0x-hex (never through `number`), money as
 * decimal strings (never floats), timestamps in whatever form the provider happens to send.
 */

const HEX = /^0x[0-9a-fA-F]+$/;
const DECIMAL_INT = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** bigint → unpadded 0x-hex, as the exchange expects. */
export function toHex(value: bigint): string {
  if (value < 0n) throw new RangeError("toHex takes a non-negative bigint");
  return `0x${value.toString(16)}`;
}

/** Reads a bigint from 0x-hex, a decimal string, or a safe integer; undefined when it is none. */
export function readBigint(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (HEX.test(s) || DECIMAL_INT.test(s)) return BigInt(s);
  return undefined;
}

/** A caller's bigint argument (bigint, hex or decimal string, safe integer), or InputValidationError. */
export function bigintInput(
  value: unknown,
  field: string,
  opts: { min?: bigint; max?: bigint } = {},
): bigint {
  const n = readBigint(value);
  if (n === undefined) {
    throw new InputValidationError(field, "expected a bigint, a 0x-hex or decimal string, or a safe integer");
  }
  if (opts.min !== undefined && n < opts.min)
    throw new InputValidationError(field, `must be at least ${opts.min}`);
  if (opts.max !== undefined && n > opts.max)
    throw new InputValidationError(field, `must be at most ${opts.max}`);
  return n;
}

/** Response bigint: 0x-hex or decimal string (or a safe integer) → bigint. */
export const hexBigint = () =>
  z.pipe(
    z.union([z.string(), z.number(), z.bigint()]),
    z.transform((value, ctx) => {
      const n = readBigint(value);
      if (n === undefined) {
        ctx.issues.push({ code: "custom", message: "expected a 0x-hex or decimal integer", input: value });
        return z.NEVER;
      }
      return n;
    }),
  );

/** Money: a decimal string kept as a string. A JSON number is accepted and turned into its text. */
export const decimalString = () =>
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((value, ctx) => {
      const s = typeof value === "number" ? String(value) : value.trim();
      if (!DECIMAL.test(s) && !/^-?\d+(\.\d+)?e[+-]?\d+$/i.test(s)) {
        ctx.issues.push({ code: "custom", message: "expected a decimal string", input: value });
        return z.NEVER;
      }
      return s;
    }),
  );

/**
 * A timestamp from ISO text with `Z`, an offset, or no zone at all (read as UTC), epoch seconds or
 * epoch milliseconds (number or numeric text) → Date.
 */
export function parseTimestamp(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  // Fast path for the common wire form, `YYYY-MM-DDTHH:MM:SS[.sss]Z`: the general path below
  // would only reach the same Date.parse after three regexes (a 10,000-item page has 40,000
  // timestamps; see BENCHMARKS.md §3).
  if (
    typeof value === "string" &&
    value.length >= 20 &&
    value.length <= 24 &&
    value.charCodeAt(4) === 45 && // -
    value.charCodeAt(7) === 45 && // -
    value.charCodeAt(10) === 84 && // T
    value.charCodeAt(13) === 58 && // :
    value.charCodeAt(16) === 58 && // : (so at most 3 fraction digits fit before the Z)
    value.charCodeAt(value.length - 1) === 90 // Z
  ) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  if (typeof value === "number" || (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    return new Date(n < 1e11 ? n * 1000 : n);
  }
  if (typeof value !== "string") return undefined;
  let s = value.trim().replace(" ", "T");
  // Naive ISO (no zone): the providers mean UTC.
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s))
    s += s.includes("T") ? "Z" : "T00:00:00Z";
  // Trim sub-millisecond digits, which some engines reject.
  s = s.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** A schema for a timestamp in any of the forms `parseTimestamp` reads, as a `Date`. */
export const timestamp = () =>
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((value, ctx) => {
      const date = parseTimestamp(value);
      if (!date) {
        ctx.issues.push({ code: "custom", message: "expected a timestamp", input: value });
        return z.NEVER;
      }
      return date;
    }),
  );

/** An integer that may arrive as a number or as numeric text. */
export const intLike = () =>
  z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const n = typeof value === "number" ? value : Number(value.trim());
      if (!Number.isSafeInteger(n) || (typeof value === "string" && value.trim() === "")) {
        ctx.issues.push({ code: "custom", message: "expected an integer", input: value });
        return z.NEVER;
      }
      return n;
    }),
  );

/** A flag sent as boolean, 0/1, or their text. */
export const boolLike = () =>
  z.pipe(
    z.union([z.boolean(), z.number(), z.string()]),
    z.transform((value, ctx) => {
      if (typeof value === "boolean") return value;
      const s = String(value).trim().toLowerCase();
      if (s === "1" || s === "true") return true;
      if (s === "0" || s === "false") return false;
      ctx.issues.push({ code: "custom", message: "expected a boolean or 0/1", input: value });
      return z.NEVER;
    }),
  );
