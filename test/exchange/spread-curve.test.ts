import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { MAX_SPREAD_CURVE_POINTS, spreadCurve } from "../../src/exchange/index.js";

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe("spreadCurve.constant", () => {
  it("is flat with no interior knots (the old midPriceDelta)", () => {
    expect(spreadCurve.constant(-10)).toEqual({ startDeltaBps: -10, endDeltaBps: -10, points: [] });
    expect(spreadCurve.constant(9999).endDeltaBps).toBe(9999);
    expect(spreadCurve.constant(-10000).startDeltaBps).toBe(-10000);
  });
  it("rejects out-of-domain and non-integer deltas", () => {
    expect(fieldOf(() => spreadCurve.constant(10000))).toBe("deltaBps");
    expect(fieldOf(() => spreadCurve.constant(-10001))).toBe("deltaBps");
    expect(fieldOf(() => spreadCurve.constant(1.5))).toBe("deltaBps");
    expect(fieldOf(() => spreadCurve.constant(Number.NaN))).toBe("deltaBps");
  });
});

describe("spreadCurve.auto", () => {
  it("builds the four knots with the seed's defaults", () => {
    expect(spreadCurve.auto({ fastSpreadBps: 20 })).toEqual({
      startDeltaBps: -1000,
      endDeltaBps: 24,
      points: [
        { windowBps: 1000, deltaBps: -20 },
        { windowBps: 5000, deltaBps: 16 },
      ],
    });
  });
  it("defaults deltaBps to max(1, round(fast * 0.2))", () => {
    expect(spreadCurve.auto({ fastSpreadBps: 1 }).endDeltaBps).toBe(2); // delta = max(1, 0) = 1
    expect(spreadCurve.auto({ fastSpreadBps: 3 }).endDeltaBps).toBe(4); // round(0.6) = 1
    expect(spreadCurve.auto({ fastSpreadBps: 13 }).endDeltaBps).toBe(16); // round(2.6) = 3
    expect(spreadCurve.auto({ fastSpreadBps: 100 }).points[1]).toEqual({ windowBps: 5000, deltaBps: 80 });
  });
  it("takes explicit deltaBps and yoloBps", () => {
    expect(spreadCurve.auto({ fastSpreadBps: 50, deltaBps: 10, yoloBps: -500 })).toEqual({
      startDeltaBps: -500,
      endDeltaBps: 60,
      points: [
        { windowBps: 1000, deltaBps: -50 },
        { windowBps: 5000, deltaBps: 40 },
      ],
    });
  });
  it("requires a positive integer fastSpreadBps", () => {
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 0 }))).toBe("fastSpreadBps");
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: -5 }))).toBe("fastSpreadBps");
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 2.5 }))).toBe("fastSpreadBps");
    expect(fieldOf(() => spreadCurve.auto({} as never))).toBe("fastSpreadBps");
  });
  it("rejects yoloBps >= -fastSpreadBps", () => {
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 100, yoloBps: -100 }))).toBe("yoloBps");
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 100, yoloBps: 0 }))).toBe("yoloBps");
    expect(spreadCurve.auto({ fastSpreadBps: 100, yoloBps: -101 }).startDeltaBps).toBe(-101);
  });
  it("rejects deltaBps >= 2 * fastSpreadBps", () => {
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 10, deltaBps: 20 }))).toBe("deltaBps");
    expect(spreadCurve.auto({ fastSpreadBps: 10, deltaBps: 19 }).points[1]!.deltaBps).toBe(-9);
  });
  it("rejects fastSpreadBps + deltaBps > 9999", () => {
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 9000, deltaBps: 1000, yoloBps: -9500 }))).toBe(
      "fastSpreadBps",
    );
    expect(spreadCurve.auto({ fastSpreadBps: 9000, deltaBps: 999, yoloBps: -9500 }).endDeltaBps).toBe(9999);
  });
  it("rejects a yoloBps below the domain", () => {
    expect(fieldOf(() => spreadCurve.auto({ fastSpreadBps: 100, yoloBps: -10001 }))).toBe("yoloBps");
  });
  it("always yields a curve that validate() accepts (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), (fast) => {
        const curve = spreadCurve.auto({ fastSpreadBps: fast, yoloBps: -Math.min(10000, fast + 1 + 500) });
        expect(spreadCurve.validate(curve)).toEqual(curve);
        expect(curve.endDeltaBps).toBeGreaterThan(0);
        expect(curve.startDeltaBps).toBeLessThan(0);
      }),
    );
  });
});

describe("spreadCurve.validate", () => {
  const window = { startTime: 1_776_048_000, endTime: 1_776_051_600 };
  it("accepts a valid curve and returns a clean copy", () => {
    const curve = { startDeltaBps: -10, endDeltaBps: -10, points: [{ windowBps: 5000, deltaBps: -5 }] };
    const out = spreadCurve.validate(curve, window);
    expect(out).toEqual(curve);
    expect(out).not.toBe(curve);
  });
  it("checks start/end deltas are in the domain", () => {
    expect(fieldOf(() => spreadCurve.validate({ startDeltaBps: -10001, endDeltaBps: 0, points: [] }))).toBe(
      "curve.startDeltaBps",
    );
    expect(fieldOf(() => spreadCurve.validate({ startDeltaBps: 0, endDeltaBps: 10000, points: [] }))).toBe(
      "curve.endDeltaBps",
    );
  });
  it("checks interior knots are in [1, 9999]", () => {
    const at = (w: number) => ({ startDeltaBps: 0, endDeltaBps: 0, points: [{ windowBps: w, deltaBps: 0 }] });
    expect(fieldOf(() => spreadCurve.validate(at(0)))).toBe("curve.points[0].windowBps");
    expect(fieldOf(() => spreadCurve.validate(at(10000)))).toBe("curve.points[0].windowBps");
    expect(fieldOf(() => spreadCurve.validate(at(1.5)))).toBe("curve.points[0].windowBps");
    expect(spreadCurve.validate(at(1)).points).toHaveLength(1);
    expect(spreadCurve.validate(at(9999)).points).toHaveLength(1);
  });
  it("checks knots strictly increase", () => {
    const curve = {
      startDeltaBps: 0,
      endDeltaBps: 0,
      points: [
        { windowBps: 2000, deltaBps: 0 },
        { windowBps: 2000, deltaBps: 1 },
      ],
    };
    expect(fieldOf(() => spreadCurve.validate(curve))).toBe("curve.points[1].windowBps");
  });
  it("checks knot deltas are in the domain", () => {
    const curve = { startDeltaBps: 0, endDeltaBps: 0, points: [{ windowBps: 10, deltaBps: 12000 }] };
    expect(fieldOf(() => spreadCurve.validate(curve))).toBe("curve.points[0].deltaBps");
  });
  it("allows at most 1024 points", () => {
    const points = (n: number) => Array.from({ length: n }, (_, i) => ({ windowBps: i + 1, deltaBps: 0 }));
    expect(
      spreadCurve.validate({ startDeltaBps: 0, endDeltaBps: 0, points: points(1024) }).points,
    ).toHaveLength(MAX_SPREAD_CURVE_POINTS);
    expect(
      fieldOf(() => spreadCurve.validate({ startDeltaBps: 0, endDeltaBps: 0, points: points(1025) })),
    ).toBe("curve.points");
  });
  it("applies the truncation rule: floor(windowBps * duration / 10000) > 0 and increasing", () => {
    const curve = {
      startDeltaBps: 0,
      endDeltaBps: 0,
      points: [
        { windowBps: 1000, deltaBps: 0 },
        { windowBps: 1500, deltaBps: 0 },
      ],
    };
    // 10 s window: offsets 1 and 1 → not strictly increasing.
    expect(fieldOf(() => spreadCurve.validate(curve, { startTime: 100, endTime: 110 }))).toBe(
      "curve.points[1].windowBps",
    );
    // 5 s window: first offset floor(0.5) = 0 → rejected.
    expect(fieldOf(() => spreadCurve.validate(curve, { startTime: 100, endTime: 105 }))).toBe(
      "curve.points[0].windowBps",
    );
    // 20 s window: 2 and 3 → fine.
    expect(spreadCurve.validate(curve, { startTime: 100, endTime: 120 }).points).toHaveLength(2);
  });
  it("refuses a window that is not unix seconds, as an InputValidationError naming the bound", () => {
    const curve = spreadCurve.constant(0);
    expect(fieldOf(() => spreadCurve.validate(curve, { startTime: 1.5, endTime: 100 }))).toBe("startTime");
    expect(fieldOf(() => spreadCurve.validate(curve, { startTime: 0, endTime: "100" as never }))).toBe(
      "endTime",
    );
    expect(fieldOf(() => spreadCurve.validate(curve, { startTime: -1, endTime: 100 }))).toBe("startTime");
    expect(fieldOf(() => spreadCurve.validate(curve, null as never))).toBe("window");
    expect(spreadCurve.validate(curve, { startTime: 0n, endTime: 100n })).toEqual(curve);
  });
  it("names the field with a custom prefix", () => {
    expect(
      fieldOf(() =>
        spreadCurve.validate({ startDeltaBps: 0, endDeltaBps: 99999, points: [] }, undefined, "x"),
      ),
    ).toBe("x.endDeltaBps");
  });
});

describe("spreadCurve.deltaAt", () => {
  const curve = spreadCurve.auto({ fastSpreadBps: 20 }); // (0,-1000) (1000,-20) (5000,16) (10000,24)
  it("hits the knots exactly", () => {
    expect(spreadCurve.deltaAt(curve, 0)).toBe(-1000);
    expect(spreadCurve.deltaAt(curve, 1000)).toBe(-20);
    expect(spreadCurve.deltaAt(curve, 5000)).toBe(16);
    expect(spreadCurve.deltaAt(curve, 10000)).toBe(24);
  });
  it("interpolates linearly between knots", () => {
    expect(spreadCurve.deltaAt(curve, 500)).toBe(-510);
    expect(spreadCurve.deltaAt(curve, 3000)).toBe(-2);
    expect(spreadCurve.deltaAt(curve, 7500)).toBe(20);
  });
  it("clamps outside the window", () => {
    expect(spreadCurve.deltaAt(curve, -50)).toBe(-1000);
    expect(spreadCurve.deltaAt(curve, 20000)).toBe(24);
  });
  it("is constant for a constant curve (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10000, max: 9999 }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        (d, t) => {
          expect(spreadCurve.deltaAt(spreadCurve.constant(d), t)).toBe(d);
        },
      ),
    );
  });
  it("stays within the knots' range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 10000 }), (fast, t) => {
        const c = spreadCurve.auto({ fastSpreadBps: fast, yoloBps: -Math.min(10000, fast + 100) });
        const v = spreadCurve.deltaAt(c, t);
        expect(v).toBeGreaterThanOrEqual(c.startDeltaBps);
        expect(v).toBeLessThanOrEqual(Math.max(c.endDeltaBps, ...c.points.map((p) => p.deltaBps)));
      }),
    );
  });
  it("refuses a missing or malformed curve, and a non-number position, naming the field", () => {
    expect(fieldOf(() => spreadCurve.deltaAt(null as never, 5))).toBe("curve");
    expect(fieldOf(() => spreadCurve.deltaAt({ startDeltaBps: 0 } as never, 5))).toBe("curve.endDeltaBps");
    expect(fieldOf(() => spreadCurve.deltaAt(curve, Number.NaN))).toBe("windowBps");
    expect(fieldOf(() => spreadCurve.deltaAtTime(null as never, { startTime: 0, endTime: 1 }, 0))).toBe(
      "curve",
    );
    expect(fieldOf(() => spreadCurve.deltaAtTime(curve, { startTime: 0.5, endTime: 1 }, 0))).toBe(
      "startTime",
    );
    expect(fieldOf(() => spreadCurve.toTimeKnots(curve, { startTime: "x" as never, endTime: 1 }))).toBe(
      "startTime",
    );
  });
  it("maps unix time onto the window with deltaAtTime", () => {
    const w = { startTime: 1000, endTime: 2000 };
    expect(spreadCurve.deltaAtTime(curve, w, 1100)).toBe(-20);
    expect(spreadCurve.deltaAtTime(curve, w, 900)).toBe(-1000);
    expect(spreadCurve.deltaAtTime(curve, w, 2500)).toBe(24);
  });
});

describe("spreadCurve.toTimeKnots", () => {
  it("turns windowBps into absolute seconds with floor", () => {
    const curve = { startDeltaBps: -5, endDeltaBps: 5, points: [{ windowBps: 3333, deltaBps: 1 }] };
    expect(spreadCurve.toTimeKnots(curve, { startTime: 1_776_048_000, endTime: 1_776_048_010 })).toEqual({
      startDeltaBps: -5,
      endDeltaBps: 5,
      points: [{ timeSecs: 1_776_048_003, deltaBps: 1 }],
    });
  });
});
