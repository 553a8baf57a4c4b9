import * as z from "zod/mini";
import { idText, parseTimestamp, timestamp } from "../../core/codecs.js";

/** A field the provider may omit or send as null. */
export const maybe = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

/** An id the provider sends as a string or a number, always read as a string. */
export const idString = idText;

/** A tolerant timestamp (Z, +00:00, naive, epoch) that may be absent. */
export const maybeTime = () => maybe(timestamp());

/**
 * A timestamp the docs type only as a string: a `Date` when it reads as one (ISO, naive, epoch),
 * else the raw text kept as sent — one odd value never rejects a whole page of logs or metrics.
 */
export const looseTime = () =>
  maybe(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((value): Date | string => parseTimestamp(value) ?? String(value)),
    ),
  );

/** Open string: known values for autocompletion, any other string accepted. */
export const openString = () => z.string();

/** Accepts a bare array, or an object holding the array under one of `keys`. */
export function listOf<T extends z.core.SomeType>(item: T, ...keys: string[]) {
  const unwrap = z.pipe(
    z.union([z.array(z.unknown()), z.looseObject({})]),
    z.transform((value) => {
      if (Array.isArray(value)) return value;
      for (const key of keys) {
        const inner = (value as Record<string, unknown>)[key];
        if (Array.isArray(inner)) return inner;
      }
      return [];
    }),
  );
  return z.pipe(unwrap, z.array(item));
}

/** One page of an offset-paginated list, with the total when the server reports it. */
export interface OffsetPage<T> {
  items: T[];
  total: number | null;
}

/** `{<key>: [...], <totalKey>: n}` (or a bare array) → `{items, total}`. */
export function offsetPage<T extends z.core.SomeType>(item: T, keys: string[], totalKeys: string[]) {
  const unwrap = z.pipe(
    z.union([z.array(z.unknown()), z.looseObject({})]),
    z.transform((raw) => {
      if (Array.isArray(raw)) return { items: raw as unknown[], total: null };
      const record = raw as Record<string, unknown>;
      const items = keys.map((k) => record[k]).find(Array.isArray) ?? [];
      const total = totalKeys.map((k) => record[k]).find((v) => v !== undefined && v !== null);
      const n = typeof total === "string" ? Number(total) : total;
      return { items, total: typeof n === "number" && Number.isFinite(n) ? n : null };
    }),
  );
  return z.pipe(unwrap, z.object({ items: z.array(item), total: z.nullable(z.number()) }));
}
