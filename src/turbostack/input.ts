import { InputValidationError } from "../core/errors.js";
import { isPlainObject } from "./model.js";
import type { ListOptions, TurboStackConfig, TurboStackId } from "./types.js";

/** An id argument: a positive safe integer or its decimal text. */
export function checkId(id: unknown, field = "id"): TurboStackId {
  if (typeof id === "number") {
    if (!Number.isSafeInteger(id) || id < 1)
      throw new InputValidationError(field, "must be a positive integer");
    return id;
  }
  if (typeof id === "string") {
    if (!/^\d+$/.test(id) || /^0+$/.test(id)) {
      throw new InputValidationError(field, "must be a positive integer or its decimal text");
    }
    return id;
  }
  throw new InputValidationError(field, "must be a positive integer or its decimal text");
}

export interface CheckedListOptions {
  size: number;
  page: number;
  maxPages: number | undefined;
}

export function checkListOptions(
  options: ListOptions | null | undefined,
  defaultSize: number,
): CheckedListOptions {
  // null is taken as "no options", as undefined is.
  if (options != null && typeof options !== "object") {
    throw new InputValidationError("options", "must be an object");
  }
  const size = options?.size ?? defaultSize;
  const page = options?.page ?? 1;
  const maxPages = options?.maxPages;
  if (!Number.isSafeInteger(size) || size < 1 || size > 1000) {
    throw new InputValidationError("size", "must be an integer from 1 to 1000");
  }
  if (!Number.isSafeInteger(page) || page < 1)
    throw new InputValidationError("page", "must be an integer ≥ 1");
  if (maxPages !== undefined && (!Number.isSafeInteger(maxPages) || maxPages < 1)) {
    throw new InputValidationError("maxPages", "must be an integer ≥ 1");
  }
  return { size, page, maxPages };
}

/**
 * A whole configuration document to POST: a plain object holding only JSON values (no
 * functions, bigints, NaN, class instances or cycles), checked before anything is sent.
 */
export function checkConfig(config: unknown, field = "config"): TurboStackConfig {
  if (!isPlainObject(config)) {
    throw new InputValidationError(field, "must be a plain object (the whole configuration document)");
  }
  checkJsonValue(config, field, new Set());
  return config;
}

function checkJsonValue(value: unknown, path: string, seen: Set<unknown>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InputValidationError(path, "must be a finite number");
    return;
  }
  if (typeof value === "object") {
    if (seen.has(value)) throw new InputValidationError(path, "is a circular reference");
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) checkJsonValue(item, `${path}.${i}`, seen);
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) checkJsonValue(item, `${path}.${key}`, seen);
      }
    } else
      throw new InputValidationError(path, "must be a JSON value (plain object, array, string, number…)");
    seen.delete(value);
    return;
  }
  throw new InputValidationError(path, `must be a JSON value, not ${typeof value}`);
}
