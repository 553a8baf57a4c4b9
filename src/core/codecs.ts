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
  // Fast path for the common wire form, `YYYY-MM-DDTHH:MM:SS[.s…]Z`, read digit by digit: a
  // 10,000-item page has tens of thousands of timestamps, and Date.parse costs several times as
  // much per call (BENCHMARKS.md §3). Anything else, or any field out of its plain range, takes
  // the general path below, which gives the same instant for every string the fast path reads.
  if (typeof value === "string") {
    const ms = readIsoUtc(value);
    if (ms !== undefined) return new Date(ms);
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

/** Two ASCII digits at `i` as a number, or NaN when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.s{1,3}Z` with every field
 * in its ordinary range (month 1–12, a day that exists in that month, hour 0–23, minute and
 * second 0–59); undefined for anything else, which engines may read differently (Date.parse
 * decides there).
 */
function readIsoUtc(s: string): number | undefined {
  const n = s.length;
  if (n !== 20 && (n < 22 || n > 24)) return undefined;
  // - - T : : Z, and the dot before a fraction
  if (s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":" || s[n - 1] !== "Z")
    return undefined;
  if (n > 20 && s[19] !== ".") return undefined;
  let fraction = 0;
  for (let i = 20, scale = 100; i < n - 1; i++, scale /= 10) {
    const digit = s.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return undefined;
    fraction += digit * scale;
  }
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // 31 or 30 alternating, the parity flipping in August; February 28 or 29.
  const monthDays = month === 2 ? (leap ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  // NaN fails every comparison, so a non-digit anywhere lands here too.
  if (
    !(
      year >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= monthDays &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59
    )
  )
    return undefined;
  // Days since 1970-01-01, proleptic Gregorian, counting years from March so that the leap day
  // ends its year (faster than Date.UTC, which re-validates every field).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const days =
    era * 146097 +
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear -
    719468;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction;
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

/**
 * A field that may be missing or `null` on the wire and reads as `null` in results (never
 * `undefined`). Written as a zod default, not a transform: the same results, but neither zod nor
 * the core's fast parser (core/fast-parse.ts) has to call back into a function for every value —
 * on a 10,000-item page that is about a fifth of the validation time (BENCHMARKS.md §3).
 */
export const orNull = <S extends z.ZodMiniType>(schema: S) => z._default(z.nullable(schema), null);

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

// Tolerant wire readers: a server may send ids as integers and money or counts as decimal text;
// each reader accepts the legal forms and normalises them to the one type the SDK documents.

const DECIMAL_TEXT = /^-?\d{1,30}(\.\d{1,30})?$/;

/** An id read as a string, whether the server sends `"job_1"` or `42` (an unsafe integer is refused). */
export const idText = () =>
  z.union([
    // The usual form first, with nothing to call back into (the fast path answers it alone).
    z.string(),
    z.pipe(
      z.number(),
      z.transform((value, ctx) => {
        // An integer past 2^53 has already lost digits when it arrives as a number: refuse it
        // rather than hand back a different id (core/json.ts keeps such literals as text).
        if (!Number.isSafeInteger(value)) {
          ctx.issues.push({
            code: "custom",
            message: "expected a string or a safe integer id",
            input: value,
          });
          return z.NEVER;
        }
        return String(value);
      }),
    ),
  ]);

/** A number (amount, count, size, fraction) sent as a JSON number or as decimal text. */
export const numberLike = () =>
  z.union([
    z.number(),
    z.pipe(
      z.string(),
      z.transform((value, ctx) => {
        const text = value.trim();
        if (DECIMAL_TEXT.test(text)) return Number(text);
        ctx.issues.push({ code: "custom", message: "expected a number or decimal text", input: value });
        return z.NEVER;
      }),
    ),
  ]);
