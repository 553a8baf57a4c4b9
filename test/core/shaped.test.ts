import { expect, test } from "vitest";
import * as z from "zod/mini";
import { shaped } from "../../src/core/schema.js";
import { turbineSchema } from "../../src/turbinex/schemas.js";

interface Thing {
  id: string;
  size: number | null;
}

test("shaped() types a schema by its declared interface and validates at run time", () => {
  const schema = shaped<Thing>()(z.looseObject({ id: z.string(), size: z.nullable(z.number()) }));
  expect(schema.parse({ id: "a", size: null, extra: 1 })).toEqual({ id: "a", size: null, extra: 1 });
  expect(schema.safeParse({ id: 1, size: 2 }).success).toBe(false);
});

test("shaped() refuses, at compile time, a schema whose output drifts from the interface", () => {
  // `size` may be undefined here but the interface says number | null: `npm run typecheck` fails
  // if this stops being an error (the directive below would then be unused).
  // @ts-expect-error the schema's output is not assignable to Thing
  const drifted = shaped<Thing>()(z.looseObject({ id: z.string(), size: z.optional(z.number()) }));
  expect(drifted.safeParse({ id: "a" }).success).toBe(true);
});

test("a turbine whose config is null or missing reads as an empty document", () => {
  const base = { id: "t1", name: "T", kind: "custom" };
  expect(turbineSchema().parse({ ...base, config: null }).config).toEqual({});
  expect(turbineSchema().parse(base).config).toEqual({});
  expect(turbineSchema().parse({ ...base, config: { blades: 3 } }).config).toEqual({ blades: 3 });
});
