import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import {
  bigintInput,
  boolLike,
  decimalString,
  hexBigint,
  intLike,
  orNull,
  parseTimestamp,
  timestamp,
  toHex,
} from "../../src/core/codecs.js";
import { InputValidationError } from "../../src/core/errors.js";
import { parseResponse } from "../../src/core/schema.js";

describe("bigint codecs", () => {
  test("hex out, hex or decimal in, beyond 2^53", () => {
    const big = 2n ** 160n - 1n;
    expect(toHex(big)).toBe(`0x${"f".repeat(40)}`);
    expect(toHex(0n)).toBe("0x0");
    expect(hexBigint().parse("0xd8d")).toBe(3469n);
    expect(hexBigint().parse(toHex(big))).toBe(big);
    expect(hexBigint().parse("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(hexBigint().safeParse("0xzz").success).toBe(false);
    expect(hexBigint().safeParse(1.5).success).toBe(false);
  });

  test("caller input: bigint, strings, safe integers; bounds checked and the field named", () => {
    expect(bigintInput(5n, "sellAmount")).toBe(5n);
    expect(bigintInput("0x10", "sellAmount")).toBe(16n);
    expect(bigintInput(42, "sellAmount")).toBe(42n);
    expect(() => bigintInput(2 ** 60, "sellAmount")).toThrow(InputValidationError);
    const e = (() => {
      try {
        bigintInput(0n, "sellAmount", { min: 1n });
      } catch (error) {
        return error as InputValidationError;
      }
    })();
    expect(e?.field).toBe("sellAmount");
    expect(e?.message).toBe("sellAmount: must be at least 1");
  });
});

describe("decimal strings", () => {
  test("money stays text", () => {
    expect(decimalString().parse("12.3400")).toBe("12.3400");
    expect(decimalString().parse(" -0.5 ")).toBe("-0.5");
    expect(decimalString().parse(7)).toBe("7");
    expect(decimalString().safeParse("12,50").success).toBe(false);
  });
});

describe("timestamps", () => {
  test.each([
    ["2026-03-01T10:00:00Z", "2026-03-01T10:00:00.000Z"],
    ["2026-03-01T11:00:00+01:00", "2026-03-01T10:00:00.000Z"],
    ["2026-03-01T10:00:00", "2026-03-01T10:00:00.000Z"],
    ["2026-03-01 10:00:00.123456", "2026-03-01T10:00:00.123Z"],
    ["2026-03-01", "2026-03-01T00:00:00.000Z"],
    [1772359200, "2026-03-01T10:00:00.000Z"],
    [1772359200000, "2026-03-01T10:00:00.000Z"],
    ["1772359200", "2026-03-01T10:00:00.000Z"],
  ])("%s", (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
    expect(timestamp().parse(input).toISOString()).toBe(iso);
  });

  test("garbage is a validation issue, not an Invalid Date", () => {
    expect(parseTimestamp("yesterday")).toBeUndefined();
    expect(timestamp().safeParse("yesterday").success).toBe(false);
  });
});

describe("loose scalars", () => {
  test("intLike and boolLike", () => {
    expect(intLike().parse("42")).toBe(42);
    expect(intLike().parse(7)).toBe(7);
    expect(intLike().safeParse("4.2").success).toBe(false);
    expect(intLike().safeParse("").success).toBe(false);
    expect([1, 0, "1", "0", true, "false"].map((v) => boolLike().parse(v))).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(boolLike().safeParse("maybe").success).toBe(false);
  });
});

describe("parseResponse", () => {
  test("a mismatch becomes a ResponseValidationError with the raw value and readable issues", () => {
    const schema = z.looseObject({ id: z.string(), status: z.string() });
    const raw = { id: 5, status: "running", extra: true };
    try {
      parseResponse(schema, raw, "Test GET /jobs/5");
      expect.unreachable();
    } catch (error) {
      const e = error as { name: string; raw: unknown; issues: unknown; message: string };
      expect(e.name).toBe("ResponseValidationError");
      expect(e.raw).toEqual(raw);
      expect(e.issues).toEqual([{ path: ["id"], message: "expected string" }]);
      expect(e.message).toBe("Unexpected response from Test GET /jobs/5: id: expected string");
    }
    expect(parseResponse(schema, { id: "5", status: "x", extra: 1 }, "t")).toEqual({
      id: "5",
      status: "x",
      extra: 1,
    });
  });
});

describe("orNull: missing or null reads as null", () => {
  const schema = z.looseObject({ id: z.string(), name: orNull(z.string()), at: orNull(timestamp()) });

  test("exact results for every wire form, key order kept, the same through parseResponse", () => {
    for (const [input, expected] of [
      [{ id: "a" }, { id: "a", name: null, at: null }],
      [
        { id: "a", name: null, at: null },
        { id: "a", name: null, at: null },
      ],
      [
        { id: "a", name: undefined },
        { id: "a", name: null, at: null },
      ],
      [
        { id: "a", at: 1_776_048_000, name: "n", x: 1 },
        { id: "a", name: "n", at: new Date(1_776_048_000_000), x: 1 },
      ],
    ] as const) {
      const viaZod = z.parse(schema, input);
      const viaCore = parseResponse(schema, input, "X");
      expect(viaZod).toEqual(expected);
      expect(viaCore).toEqual(expected);
      expect(Object.keys(viaCore)).toEqual(Object.keys(expected));
    }
  });

  test("a wrong type is still refused, with the field named", () => {
    expect(() => parseResponse(schema, { id: "a", name: 5 }, "X GET /x")).toThrow(/name: /);
    expect(z.safeParse(orNull(z.number()), "7").success).toBe(false);
  });
});
