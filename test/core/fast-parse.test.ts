import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { boolLike, decimalString, hexBigint, intLike, timestamp } from "../../src/core/codecs.js";
import { ResponseValidationError } from "../../src/core/errors.js";
import { FAIL, fastParser } from "../../src/core/fast-parse.js";
import { parseResponse } from "../../src/core/schema.js";
import { jobSchema, pageSchema } from "../../src/turbinex/schemas.js";

// The fast parser (src/core/fast-parse.ts) must answer exactly what zod answers: the same value,
// with the same keys in the same order, for every input zod accepts; and never answer for an
// input zod refuses (zod then reports the issues itself).

/** A value with its key order made visible (toStrictEqual ignores order; JSON loses Dates). */
function ordered(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (typeof value === "bigint") return { bigint: String(value) };
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === "object")
    return Object.entries(value).map(([k, v]) => [k, ordered(v)]);
  return value;
}

/** Checks the fast parser against zod's own parse of `value`. */
function agrees(schema: z.ZodMiniType, value: unknown, { mustAnswer = true } = {}) {
  const expected = z.safeParse(schema, value);
  const fast = fastParser(schema)(value);
  if (!expected.success) expect(fast).toBe(FAIL);
  else if (fast !== FAIL || mustAnswer) expect(ordered(fast)).toEqual(ordered(expected.data));
}

/** The provider idiom: optional and nullable on the wire, `null` in the result. */
const nullish = <S extends z.ZodMiniType>(s: S) =>
  z.pipe(
    z.optional(z.nullable(s)),
    z.transform((v) => (v === undefined ? null : v)),
  );

const shape = () => ({
  a: z.string(),
  b: nullish(z.number()),
  c: z.optional(z.boolean()),
  d: z._default(z.nullable(z.string()), "fallback"),
  e: z.union([z.string(), z.array(z.number())]),
  // Two options take a path of their own; three or more the general one.
  f: z.union([z.boolean(), z.array(z.number()), z.nullable(z.string())]),
  g: z._default(z.nullable(z.union([z.number(), z.string()])), 7),
});
const schemas: Record<string, z.ZodMiniType> = {
  "loose object": z.looseObject(shape()),
  "plain object (strips)": z.object(shape()),
  "strict object": z.strictObject(shape()),
  "object with a catch-all": z.catchall(z.object(shape()), z.number()),
  "nested in an array": z.array(z.looseObject(shape())),
};

const leaf = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const input = fc.record(
  { a: leaf, b: leaf, c: leaf, d: leaf, e: leaf, f: leaf, g: leaf, extra: leaf, other: leaf },
  { requiredKeys: [] },
);

describe("fast parser = zod", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    test(`${name}: same answer for every input`, () => {
      fc.assert(
        fc.property(input, fc.array(input, { maxLength: 3 }), (one, many) => {
          agrees(schema, name.startsWith("nested") ? many : one);
        }),
        { numRuns: 400 },
      );
    });
  }

  test("the real TurbineX jobs page: answered by the fast path, equal to zod's result", () => {
    const page = {
      items: [
        {
          id: "job_1",
          name: null,
          status: "running",
          created_at: "2026-04-13T02:40:00Z",
          started_at: 1_776_048_005,
          progress: 0.5,
          extra_field: { kept: true },
        },
        { id: "job_2", status: "queued", created_at: "2026-04-13T02:41:00.250Z" },
      ],
      total: 2,
      page: 1,
    };
    const schema = pageSchema(jobSchema);
    const fast = fastParser(schema)(page);
    expect(fast).not.toBe(FAIL);
    expect(ordered(fast)).toEqual(ordered(z.safeParse(schema, page).data));
    const job = (fast as { items: Record<string, unknown>[] }).items[0] as Record<string, unknown>;
    expect(Object.keys(job)).toEqual([
      "id",
      "name",
      "status",
      "created_at",
      "updated_at",
      "started_at",
      "finished_at",
      "progress",
      "input_sha256",
      "turbine_id",
      "study_id",
      "error",
      "output_size_bytes",
      "extra_field",
    ]);
    expect((job.started_at as Date).toISOString()).toBe("2026-04-13T02:40:05.000Z");
    expect(job.updated_at).toBeNull();
  });

  test("the core codecs agree with zod on valid and invalid values", () => {
    const values = [
      "2026-04-13T02:40:00Z",
      "2026-04-13 02:40",
      "0x1f",
      "12",
      " 7 ",
      "1.50",
      "true",
      "0",
      "x",
      "",
    ];
    const numbers = [0, 1, 1.5, 1_776_048_000, Number.NaN, 2 ** 60];
    for (const codec of [timestamp(), intLike(), boolLike(), decimalString(), hexBigint()]) {
      for (const v of [...values, ...numbers, true, false, null, undefined, 10n])
        agrees(codec as z.ZodMiniType, v);
    }
  });

  test("absent and present-undefined keys follow zod's rules exactly", () => {
    const schema = z.looseObject({ req: z.string(), opt: z.optional(z.string()), nul: nullish(z.string()) });
    const fast = fastParser(schema);
    expect(ordered(fast({ req: "r" }))).toEqual([
      ["req", "r"],
      ["nul", null],
    ]);
    expect(ordered(fast({ req: "r", opt: undefined, x: 1 }))).toEqual([
      ["req", "r"],
      ["opt", undefined],
      ["nul", null],
      ["x", 1],
    ]);
    expect(fast({ opt: "o" })).toBe(FAIL); // required key absent
    // Optional out, but "defaulted" in: an absent key that reads as undefined adds no key.
    const either = z.looseObject({ u: z.union([z.optional(z.string()), z._default(z.string(), "x")]) });
    expect(ordered(z.safeParse(either, {}).data)).toEqual([]);
    expect(ordered(fastParser(either)({}))).toEqual([]);
    // Defaulted in and required out: an absent key that reads as undefined is kept as undefined.
    const kept = z.looseObject({
      k: z.union([z._default(z.undefined() as z.ZodMiniType, undefined as never), z.string()]),
    });
    expect(ordered(z.safeParse(kept, {}).data)).toEqual([["k", undefined]]);
    agrees(kept, {});
    expect(fastParser(z.strictObject({ a: z.string() }))({ a: "x", b: 1 })).toBe(FAIL);
    expect(ordered(fastParser(z.object({ a: z.string() }))({ a: "x", b: 1 }))).toEqual([["a", "x"]]);
  });

  test("kinds it does not model are handed to zod (checks, discriminated unions, records)", () => {
    const checked = z.string().check(z.minLength(2));
    agrees(checked, "ab");
    agrees(checked, "a");
    const tagged = z.discriminatedUnion("t", [
      z.object({ t: z.literal("a"), n: z.number() }),
      z.object({ t: z.literal("b"), s: z.string() }),
    ]);
    agrees(tagged, { t: "b", s: "x" });
    agrees(tagged, { t: "b", n: 1 });
    agrees(z.record(z.string(), z.number()), { x: 1, y: 2 });
    agrees(z.looseObject({ config: z.record(z.string(), z.unknown()) }), { config: { a: [1] } });
  });
});

describe("transforms", () => {
  const even = z.pipe(
    z.number(),
    z.transform((n, ctx) => {
      if (n % 2) {
        ctx.issues.push({ code: "custom", message: "odd", input: n });
        return z.NEVER;
      }
      return n / 2;
    }),
  );

  test("an issue reported for one value does not leak into the next", () => {
    const fast = fastParser(z.array(even));
    expect(fast([2, 3])).toBe(FAIL);
    expect(fast([4, 8])).toEqual([2, 4]);
    expect(fastParser(even)(6)).toBe(3);
  });

  test("a transform that parses with its own schema again gets its own payload", () => {
    // The inner parse reports an issue; the outer transform handles it and succeeds.
    const nested: z.ZodMiniType = z.pipe(
      z.string(),
      z.transform((s, ctx) => {
        if (s.startsWith(">")) return fastParser(nested)(s.slice(1)) === FAIL ? "inner refused" : "inner ok";
        if (s === "bad") ctx.issues.push({ code: "custom", message: "bad", input: s });
        return s;
      }),
    );
    expect(fastParser(nested)(">bad")).toBe("inner refused");
    expect(z.safeParse(nested, ">bad").data).toBe("inner refused");
    expect(fastParser(nested)(">fine")).toBe("inner ok");
  });
});

describe("parseResponse with the fast path", () => {
  test("a refused value still gets zod's issues, path and message", () => {
    const schema = z.looseObject({ items: z.array(z.looseObject({ id: z.string(), at: timestamp() })) });
    const error = (() => {
      try {
        parseResponse(
          schema,
          {
            items: [
              { id: "a", at: "2026-04-13T02:40:00Z" },
              { id: 7, at: "nope" },
            ],
          },
          "X GET /x",
        );
      } catch (e) {
        return e as ResponseValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error?.issues).toEqual([
      { path: ["items", 1, "id"], message: "expected string" },
      { path: ["items", 1, "at"], message: "expected a timestamp" },
    ]);
  });

  test("a transform that throws throws as it did without the fast path", () => {
    const boom = z.pipe(
      z.string(),
      z.transform(() => {
        throw new RangeError("boom");
      }),
    );
    expect(() => parseResponse(boom, "x", "X")).toThrow(RangeError);
  });
});
