// Issue 10 §2: property tests of the wire codecs (bigint ⇄ 0x-hex up to 2^256, decimal money
// strings) and of spread curves (whatever the builders accept validates; deltaAt stays within
// the knots' range).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { decimalString, hexBigint, readBigint, toHex } from "../../src/core/codecs.js";
import { InputValidationError } from "../../src/core/errors.js";
import { MAX_DELTA_BPS, MIN_DELTA_BPS, spreadCurve } from "../../src/exchange/spread-curve.js";
import { FUZZ_RUNS, SEED, Tally, writeFigures } from "./support/report.js";

const runs = { numRuns: FUZZ_RUNS, seed: SEED };
const tried = new Tally();
const U256 = 2n ** 256n;
afterAll(() =>
  writeFigures("properties", { seed: SEED, runsPerProperty: FUZZ_RUNS, inputsTried: tried.counts }),
);

describe("bigint ⇄ 0x-hex", () => {
  const big = fc.bigInt({ min: 0n, max: U256 - 1n });
  it("round-trips every value up to 2^256 through toHex, readBigint and the response codec", () => {
    const codec = hexBigint();
    fc.assert(
      fc.property(big, (n) => {
        tried.add("bigintHex");
        const hex = toHex(n);
        expect(hex).toMatch(/^0x(0|[1-9a-f][0-9a-f]*)$/);
        expect(readBigint(hex)).toBe(n);
        expect(readBigint(hex.toUpperCase().replace("0X", "0x"))).toBe(n);
        expect(readBigint(n.toString())).toBe(n);
        expect(z.parse(codec, hex)).toBe(n);
        expect(z.parse(codec, n.toString())).toBe(n);
      }),
      runs,
    );
  });
  it("refuses what is not an integer encoding, never throwing anything but a validation failure", () => {
    const codec = hexBigint();
    const junk = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }).filter((s) => !/^\s*(0x[0-9a-fA-F]+|-?\d+)\s*$/.test(s)),
      fc.constantFrom("0x", "0xg", "-0x1", "1e3", "1.0", "٣", "", " ", "0x 1", "NaN"),
      fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(
        Number.MAX_SAFE_INTEGER + 2,
        1e300,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        null,
        true,
        {},
        [],
      ),
    );
    fc.assert(
      fc.property(junk, (value) => {
        tried.add("bigintJunk");
        expect(readBigint(value)).toBeUndefined();
        expect(z.safeParse(codec, value).success).toBe(false);
      }),
      runs,
    );
  });
  it("toHex refuses negatives with a RangeError (callers validate first)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -U256, max: -1n }), (n) => {
        tried.add("bigintNegative");
        expect(() => toHex(n)).toThrow(RangeError);
      }),
      runs,
    );
  });
});

describe("decimal money strings", () => {
  const codec = decimalString();
  it("keeps every decimal string exactly (no float round trip)", () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.option(fc.stringMatching(/^\d{1,18}$/), { nil: undefined }),
      )
      .map(([neg, whole, frac]) => `${neg ? "-" : ""}${whole}${frac === undefined ? "" : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        tried.add("decimal");
        expect(z.parse(codec, text)).toBe(text);
        expect(z.parse(codec, ` ${text} `)).toBe(text);
      }),
      runs,
    );
  });
  it("refuses text that is not a decimal", () => {
    const junk = fc
      .string({ unit: "grapheme", maxLength: 12 })
      .filter((s) => !/^\s*-?\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(s));
    fc.assert(
      fc.property(junk, (text) => {
        tried.add("decimalJunk");
        expect(z.safeParse(codec, text).success).toBe(false);
      }),
      runs,
    );
  });
});

describe("spread curves", () => {
  const delta = fc.integer({ min: MIN_DELTA_BPS, max: MAX_DELTA_BPS });
  const anyCurve = fc.record({
    startDeltaBps: delta,
    endDeltaBps: delta,
    points: fc
      .uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 40 })
      .chain((ws) =>
        fc.tuple(...ws.sort((a, b) => a - b).map((w) => delta.map((d) => ({ windowBps: w, deltaBps: d })))),
      ),
  });

  /** The knots' own range: deltaAt interpolates, so it can never leave it. */
  function knotRange(curve: { startDeltaBps: number; endDeltaBps: number; points: { deltaBps: number }[] }) {
    const all = [curve.startDeltaBps, curve.endDeltaBps, ...curve.points.map((p) => p.deltaBps)];
    return [Math.min(...all), Math.max(...all)] as const;
  }

  it("auto() output always validates, or the builder refuses with InputValidationError", () => {
    const options = fc.record(
      {
        fastSpreadBps: fc.integer({ min: -10, max: 12_000 }),
        deltaBps: fc.integer({ min: -100, max: 12_000 }),
        yoloBps: fc.integer({ min: -12_000, max: 100 }),
      },
      { requiredKeys: ["fastSpreadBps"] },
    );
    let built = 0;
    fc.assert(
      fc.property(options, (o) => {
        tried.add("autoCurve");
        let curve: ReturnType<typeof spreadCurve.auto>;
        try {
          curve = spreadCurve.auto(o);
        } catch (error) {
          expect(error).toBeInstanceOf(InputValidationError);
          return;
        }
        built++;
        expect(spreadCurve.validate(curve)).toEqual({ ...curve });
      }),
      runs,
    );
    expect(built).toBeGreaterThan(0);
  });

  it("constant() output always validates and is flat", () => {
    fc.assert(
      fc.property(delta, fc.integer({ min: 0, max: 10_000 }), (d, w) => {
        tried.add("constantCurve");
        const curve = spreadCurve.constant(d);
        spreadCurve.validate(curve);
        expect(spreadCurve.deltaAt(curve, w)).toBe(d);
      }),
      runs,
    );
  });

  it("deltaAt stays within the knots' range everywhere, and hits each knot exactly", () => {
    fc.assert(
      fc.property(anyCurve, fc.double({ min: -5_000, max: 15_000, noNaN: true }), (curve, w) => {
        tried.add("deltaAt");
        const valid = spreadCurve.validate(curve);
        const [lo, hi] = knotRange(valid);
        const d = spreadCurve.deltaAt(valid, w);
        expect(d).toBeGreaterThanOrEqual(lo);
        expect(d).toBeLessThanOrEqual(hi);
        for (const p of valid.points) expect(spreadCurve.deltaAt(valid, p.windowBps)).toBe(p.deltaBps);
        expect(spreadCurve.deltaAt(valid, 0)).toBe(valid.startDeltaBps);
        expect(spreadCurve.deltaAt(valid, 10_000)).toBe(valid.endDeltaBps);
      }),
      runs,
    );
  });
});
