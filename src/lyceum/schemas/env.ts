import * as z from "zod/mini";
import { lazy, shaped } from "../../core/schema.js";
import { listOf, maybe, maybeTime } from "./common.js";

/** An environment variable (a secret's value is never returned). */
export interface EnvVar {
  id: string;
  key: string;
  /** The value as the server returns it (servers typically mask secrets). */
  value?: string | null | undefined;
  is_secret: boolean;
  created_at?: Date | null | undefined;
  updated_at?: Date | null | undefined;
  [key: string]: unknown;
}

const envVar = () =>
  z.pipe(
    z.looseObject({
      id: z.union([z.string(), z.number()]),
      key: maybe(z.string()),
      name: maybe(z.string()),
      value: maybe(z.string()),
      is_secret: maybe(z.boolean()),
      created_at: maybeTime(),
      updated_at: maybeTime(),
    }),
    z.transform((v) => ({
      ...v,
      id: String(v.id),
      key: v.key ?? v.name ?? "",
      is_secret: v.is_secret ?? false,
    })),
  );

/** @internal The response schema behind the type of the same name (validation only). */
export const envListSchema = lazy(() =>
  shaped<EnvVar[]>()(listOf(envVar(), "environment_variables", "variables", "items")),
);
