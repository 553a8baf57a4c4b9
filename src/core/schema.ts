import type * as z from "zod/mini";
import { ResponseValidationError, type ValidationIssue } from "./errors.js";
import { FAIL, tryFastParse } from "./fast-parse.js";

/** A zod (mini) schema producing `T`. */
export type Schema<T> = z.ZodMiniType<T, unknown>;

/**
 * Builds a value on first use and keeps it: schemas are built lazily so importing a provider
 * costs nothing until a response of that shape is read.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/**
 * An open enum: the known values for autocompletion, any other string accepted as-is, because
 * providers add states without notice and an unknown status must never throw.
 */
export type Open<T extends string> = T | (string & {});

/** The part of a zod/mini issue the SDK reads (zod/mini ships no messages of its own). */
export interface MiniIssue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  expected?: string;
  errors?: MiniIssue[][];
}

/** zod/mini ships no locale (small bundles), so messages are composed here from the issue data. */
export function toValidationIssues(issues: readonly MiniIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => (typeof p === "number" ? p : String(p))),
    message:
      issue.code === "invalid_type" && issue.expected
        ? `expected ${issue.expected}`
        : issue.code === "invalid_union"
          ? "matched none of the accepted shapes"
          : issue.message && issue.message !== "Invalid input"
            ? issue.message
            : (issue.code ?? "invalid"),
  }));
}

/** The first `max` issues as one readable line ("items.0.id: expected string; …"). */
export function describeIssues(issues: ValidationIssue[], max = 3): string {
  const shown = issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = issues.length > max ? ` (+${issues.length - max} more)` : "";
  return shown.join("; ") + more;
}

/**
 * Validates a response value, turning any mismatch into a `ResponseValidationError`. The schema's
 * fast parser (core/fast-parse.ts, built once per schema) answers first; whatever it cannot
 * answer, zod parses as before, so results and issues are zod's own.
 */
export function parseResponse<T>(schema: Schema<T>, value: unknown, what: string): T {
  const fast = tryFastParse(schema, value);
  if (fast !== FAIL) return fast as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error.issues as readonly MiniIssue[]);
  throw new ResponseValidationError(
    `Unexpected response from ${what}: ${describeIssues(issues)}`,
    value,
    issues,
  );
}

/**
 * Gives a schema its public result type, checked by the compiler: the schema's output must be
 * assignable to `T` (extra keys from loose objects are fine), so a declared interface cannot
 * drift from what is actually validated. Usage: `shaped<Job>()(z.looseObject({...}))`.
 */
export function shaped<T>() {
  return <S extends z.ZodMiniType>(
    schema: S & (z.output<S> extends T ? unknown : { expectedOutput: T }),
  ): Schema<T> => schema as unknown as Schema<T>;
}
