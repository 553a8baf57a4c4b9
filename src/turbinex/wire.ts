import * as z from "zod/mini";

/**
 * Tolerant wire readers for TurbineX answers. TurbineX publishes no contract, so a real server may
 * send ids as integers, money as decimal text, counts as numeric text. Each reader accepts every
 * such legal form and normalises it to the one type the SDK documents.
 */

const DECIMAL = /^-?\d{1,30}(\.\d{1,30})?$/;

/** An id as a string: TurbineX ids are strings in the SDK, whether the server sends `"job_1"` or `42`. */
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
        if (DECIMAL.test(text)) return Number(text);
        ctx.issues.push({ code: "custom", message: "expected a number or decimal text", input: value });
        return z.NEVER;
      }),
    ),
  ]);
