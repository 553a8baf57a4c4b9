import * as z from "zod/mini";
import { lazy, shaped } from "../../core/schema.js";
import { maybe } from "./common.js";

/** A health answer: not public, so an open record; a plain-text answer is kept as `message`. */
export interface HealthInfo {
  status?: string | null | undefined;
  version?: string | null | undefined;
  message?: string | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const healthSchema = lazy(() =>
  shaped<HealthInfo>()(
    z.pipe(
      z.pipe(
        z.union([z.looseObject({}), z.string(), z.undefined()]),
        z.transform((raw) => (typeof raw === "object" ? raw : { message: raw ?? null })),
      ),
      z.looseObject({ status: maybe(z.string()), version: maybe(z.string()), message: maybe(z.string()) }),
    ),
  ),
);
