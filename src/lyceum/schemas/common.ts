import * as z from "zod/mini";
import { timestamp } from "../../core/codecs.js";

/** A field the provider may omit or send as null. */
export const maybe = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

/** A tolerant timestamp (Z, +00:00, naive, epoch) that may be absent. */
export const maybeTime = () => maybe(timestamp());

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
