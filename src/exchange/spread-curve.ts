import { type MimeBundle, svgLineChart, withDisplay } from "../core/display.js";
import { InputValidationError } from "../core/errors.js";

/** One interior knot: `windowBps` 0 = startTime … 10000 = endTime; `deltaBps` 1 = 0.01 %. */
export interface SpreadPoint {
  windowBps: number;
  deltaBps: number;
}

/** A piecewise-linear price delta over the order's normalized time window (the wire shape). */
export interface SpreadCurve {
  startDeltaBps: number;
  endDeltaBps: number;
  points: SpreadPoint[];
}

/** The signed (EIP-712) form: knots at absolute unix seconds. */
export interface TimeSpreadCurve {
  startDeltaBps: number;
  endDeltaBps: number;
  points: { timeSecs: number; deltaBps: number }[];
}

/** Parameters of `spreadCurve.auto`. */
export interface AutoSpreadOptions {
  /** Target "fast" spread reached by the end of the window; a positive integer. */
  fastSpreadBps: number;
  /** Default `max(1, round(fastSpreadBps * 0.2))`. */
  deltaBps?: number;
  /** Delta at the window start; default -1000. */
  yoloBps?: number;
}

/** An order's time window in unix seconds, for knot offsets. */
export interface CurveWindow {
  startTime: number | bigint;
  endTime: number | bigint;
}

/** SDK guard on interior knots (the backend may be stricter by order duration). */
export const MAX_SPREAD_CURVE_POINTS = 1024;
export const MIN_DELTA_BPS = -10_000;
export const MAX_DELTA_BPS = 9_999;
const WINDOW_END = 10_000;

function checkDelta(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InputValidationError(field, "must be an integer number of basis points");
  }
  if (value < MIN_DELTA_BPS || value > MAX_DELTA_BPS) {
    throw new InputValidationError(field, `must be within [${MIN_DELTA_BPS}, ${MAX_DELTA_BPS}]`);
  }
  return value;
}

/** A window bound: unix seconds, a non-negative safe integer or bigint (never a fraction or text). */
function windowSecs(value: unknown, field: string): bigint {
  if (typeof value === "bigint" && value >= 0n) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new InputValidationError(field, "must be unix seconds (a non-negative integer or bigint)");
}

function checkWindow(window: unknown): { start: bigint; end: bigint } {
  if (typeof window !== "object" || window === null) {
    throw new InputValidationError("window", "must be { startTime, endTime }");
  }
  const w = window as Record<string, unknown>;
  return { start: windowSecs(w.startTime, "startTime"), end: windowSecs(w.endTime, "endTime") };
}

/** A flat curve: the old fixed `midPriceDelta`. */
export function constant(deltaBps: number): SpreadCurve {
  const d = checkDelta(deltaBps, "deltaBps");
  return withDisplay({ startDeltaBps: d, endDeltaBps: d, points: [] }, renderCurve);
}

/**
 * The 4-knot "auto" ramp of the official SDK: (0, yolo), (1000, -fast), (5000, fast - delta),
 * (10000, fast + delta). Starts maker-favorable and ends pay-to-fill.
 */
export function auto(options: AutoSpreadOptions): SpreadCurve {
  if (typeof options !== "object" || options === null) {
    throw new InputValidationError("fastSpreadBps", "is required");
  }
  const fast = options.fastSpreadBps;
  if (typeof fast !== "number" || !Number.isInteger(fast) || fast <= 0) {
    throw new InputValidationError("fastSpreadBps", "is required and must be a positive integer");
  }
  const delta = options.deltaBps ?? Math.max(1, Math.round(fast * 0.2));
  const yolo = options.yoloBps ?? -1000;
  if (!Number.isInteger(delta)) throw new InputValidationError("deltaBps", "must be an integer");
  if (!Number.isInteger(yolo)) throw new InputValidationError("yoloBps", "must be an integer");
  if (!(yolo < -fast))
    throw new InputValidationError("yoloBps", `must be less than -fastSpreadBps (${-fast})`);
  if (!(delta < 2 * fast)) {
    throw new InputValidationError("deltaBps", `must be less than 2 * fastSpreadBps (${2 * fast})`);
  }
  if (!(fast + delta <= MAX_DELTA_BPS)) {
    throw new InputValidationError(
      "fastSpreadBps",
      `fastSpreadBps + deltaBps must be at most ${MAX_DELTA_BPS}`,
    );
  }
  checkDelta(yolo, "yoloBps");
  checkDelta(fast - delta, "deltaBps");
  const curve: SpreadCurve = {
    startDeltaBps: yolo,
    endDeltaBps: fast + delta,
    points: [
      { windowBps: 1000, deltaBps: -fast },
      { windowBps: 5000, deltaBps: fast - delta },
    ],
  };
  return withDisplay(curve, renderCurve);
}

/** Parameters of `spreadCurve.autoForDuration` (the official 0.31 `spreads.auto`). */
export interface DurationSpreadOptions {
  /** Average market spread for the pair, bps; an integer in [1, 9999]. */
  fastSpreadBps: number;
  /** The order's duration in seconds: up to 300 gets the `fast` curve, longer the `maximizing` one. */
  durationSecs: number;
  /** The platform fee, bps (a non-negative integer). */
  feeBps: number;
}

/** How a built curve's deltas break down (official `SpreadCurveMetadata`). */
export interface SpreadComponents {
  fastSpreadBps: number;
  feeBps: number;
  bufferBps: number;
}

/** A curve with the parts it was built from: what to expect to pay, and the most it can pay. */
export interface BuiltSpreadCurve {
  curve: SpreadCurve;
  metadata: { realisticSpreadComponents: SpreadComponents; maxSpreadComponents: SpreadComponents };
}

function checkInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InputValidationError(field, `must be an integer in [${min}, ${max}]`);
  }
  return value;
}

/**
 * The official `fast` curve, for short market-like orders: -fast at the start, fast at 10 % of the
 * window, fast + fee at 80 %, fast·2 + fee at the end — fee and buffer capped so no delta passes 9999.
 */
export function fast(fastSpreadBps: number, feeBps: number): BuiltSpreadCurve {
  const f = checkInt(fastSpreadBps, "fastSpreadBps", 1, MAX_DELTA_BPS);
  const fee = checkInt(feeBps, "feeBps", 0, Number.MAX_SAFE_INTEGER);
  const effectiveFee = Math.min(fee, MAX_DELTA_BPS - f);
  const buffer = Math.min(f, MAX_DELTA_BPS - f - effectiveFee);
  const curve: SpreadCurve = {
    startDeltaBps: -f,
    endDeltaBps: f + effectiveFee + buffer,
    points: [
      { windowBps: 1000, deltaBps: f },
      { windowBps: 8000, deltaBps: f + effectiveFee },
    ],
  };
  return built(curve, f, effectiveFee, buffer);
}

/**
 * The official `maximizing` curve: (0, yolo), (1000, -fast), (5000, fast + fee - buffer),
 * (10000, fast + fee + buffer). Defaults: buffer = min(9999 - fast - fee, max(1, round(fast·0.2))),
 * yolo = min(-fast - 1, -1000).
 */
export function maximizing(
  fastSpreadBps: number,
  feeBps: number,
  bufferBps?: number,
  yoloBps?: number,
): BuiltSpreadCurve {
  const f = checkInt(fastSpreadBps, "fastSpreadBps", 1, MAX_DELTA_BPS - 1);
  const fee = checkInt(feeBps, "feeBps", 0, Number.MAX_SAFE_INTEGER);
  const buffer = checkInt(
    bufferBps ?? Math.min(MAX_DELTA_BPS - f - fee, Math.max(1, Math.round(f * 0.2))),
    "bufferBps",
    1,
    MAX_DELTA_BPS,
  );
  const yolo = checkInt(yoloBps ?? Math.min(-f - 1, -1000), "yoloBps", MIN_DELTA_BPS, MAX_DELTA_BPS);
  if (!(yolo < -f)) throw new InputValidationError("yoloBps", `must be less than -fastSpreadBps (${-f})`);
  if (!(buffer < 2 * f))
    throw new InputValidationError("bufferBps", `must be less than 2 * fastSpreadBps (${2 * f})`);
  if (f + fee + buffer > MAX_DELTA_BPS) {
    throw new InputValidationError(
      "feeBps",
      `fastSpreadBps + feeBps + bufferBps must be at most ${MAX_DELTA_BPS}`,
    );
  }
  const curve: SpreadCurve = {
    startDeltaBps: yolo,
    endDeltaBps: f + fee + buffer,
    points: [
      { windowBps: 1000, deltaBps: -f },
      { windowBps: 5000, deltaBps: f + fee - buffer },
    ],
  };
  return built(curve, f, fee, buffer);
}

/**
 * The official 0.31 builder (`spreads.auto({fastSpreadBps, durationSecs, feeBps})`): `fast` for
 * orders of up to 300 s, `maximizing` for longer ones. Named apart from the seed's `auto`, whose
 * parameters differ.
 */
export function autoForDuration(
  options: DurationSpreadOptions,
): BuiltSpreadCurve & { strategy: "fast" | "maximizing" } {
  if (typeof options !== "object" || options === null) {
    throw new InputValidationError("fastSpreadBps", "is required");
  }
  const duration = options.durationSecs;
  if (typeof duration !== "number" || !Number.isSafeInteger(duration) || duration <= 0) {
    throw new InputValidationError("durationSecs", "must be a positive integer number of seconds");
  }
  return duration <= 300
    ? { ...fast(options.fastSpreadBps, options.feeBps), strategy: "fast" }
    : { ...maximizing(options.fastSpreadBps, options.feeBps), strategy: "maximizing" };
}

/**
 * Checks a curve against the server's rules and returns a clean copy: integer deltas within the
 * domain, interior knots in [1, 9999] strictly increasing, at most 1024 of them, and — when the
 * order window is given — every knot's truncated offset `floor(windowBps * (end - start) / 10000)`
 * strictly positive and strictly increasing (the end knot included).
 */
export function validate(curve: SpreadCurve, window?: CurveWindow, field = "curve"): SpreadCurve {
  if (typeof curve !== "object" || curve === null) throw new InputValidationError(field, "is required");
  const startDeltaBps = checkDelta(curve.startDeltaBps, `${field}.startDeltaBps`);
  const endDeltaBps = checkDelta(curve.endDeltaBps, `${field}.endDeltaBps`);
  const raw = curve.points ?? [];
  if (!Array.isArray(raw)) throw new InputValidationError(`${field}.points`, "must be an array");
  if (raw.length > MAX_SPREAD_CURVE_POINTS) {
    throw new InputValidationError(`${field}.points`, `at most ${MAX_SPREAD_CURVE_POINTS} points`);
  }
  const points: SpreadPoint[] = [];
  let previous = 0;
  for (const [i, point] of raw.entries()) {
    const at = `${field}.points[${i}]`;
    if (typeof point !== "object" || point === null) throw new InputValidationError(at, "must be an object");
    const w = point.windowBps;
    if (typeof w !== "number" || !Number.isInteger(w) || w < 1 || w > WINDOW_END - 1) {
      throw new InputValidationError(`${at}.windowBps`, "must be an integer in [1, 9999]");
    }
    if (w <= previous) throw new InputValidationError(`${at}.windowBps`, "knots must be strictly increasing");
    previous = w;
    points.push({ windowBps: w, deltaBps: checkDelta(point.deltaBps, `${at}.deltaBps`) });
  }
  if (window !== undefined) {
    const { start, end } = checkWindow(window);
    const duration = end - start;
    if (duration <= 0n) throw new InputValidationError("endTime", "must be after startTime");
    let last = 0n;
    for (const [i, point] of [...points, { windowBps: WINDOW_END, deltaBps: endDeltaBps }].entries()) {
      const offset = (BigInt(point.windowBps) * duration) / 10_000n;
      if (offset <= 0n || offset <= last) {
        const at = i < points.length ? `${field}.points[${i}].windowBps` : `${field}.endDeltaBps`;
        throw new InputValidationError(
          at,
          `knot offset floor(${point.windowBps} * ${duration} / 10000) = ${offset}s must be > 0 and strictly increasing (window too short for this curve)`,
        );
      }
      last = offset;
    }
  }
  return { startDeltaBps, endDeltaBps, points };
}

/** The effective delta at `windowBps` (0…10000): linear interpolation, clamped outside. */
export function deltaAt(curve: SpreadCurve, windowBps: number): number {
  const valid = validate(curve);
  if (typeof windowBps !== "number" || Number.isNaN(windowBps)) {
    throw new InputValidationError("windowBps", "must be a number");
  }
  const knots = [
    { windowBps: 0, deltaBps: valid.startDeltaBps },
    ...valid.points,
    { windowBps: WINDOW_END, deltaBps: valid.endDeltaBps },
  ];
  const first = knots[0]!;
  const last = knots[knots.length - 1]!;
  if (!(windowBps > first.windowBps)) return first.deltaBps;
  if (windowBps >= last.windowBps) return last.deltaBps;
  for (let i = 1; i < knots.length; i++) {
    const right = knots[i]!;
    if (windowBps <= right.windowBps) {
      const left = knots[i - 1]!;
      const span = right.windowBps - left.windowBps;
      if (span <= 0) return right.deltaBps;
      return left.deltaBps + ((right.deltaBps - left.deltaBps) * (windowBps - left.windowBps)) / span;
    }
  }
  return last.deltaBps;
}

/** The delta at unix second `t` for an order window. */
export function deltaAtTime(curve: SpreadCurve, window: CurveWindow, t: number): number {
  const valid = validate(curve);
  const bounds = checkWindow(window);
  if (typeof t !== "number" || Number.isNaN(t)) throw new InputValidationError("t", "must be a number");
  const start = Number(bounds.start);
  const end = Number(bounds.end);
  if (end <= start) return t < end ? valid.startDeltaBps : valid.endDeltaBps;
  return deltaAt(valid, ((t - start) / (end - start)) * WINDOW_END);
}

/**
 * The signed form: `timeSecs = startTime + floor(windowBps * (endTime - startTime) / 10000)`, the
 * backend's integer maths. Refuses (InputValidationError) a curve whose knots do not strictly
 * increase after that truncation — the server would reject the order.
 */
export function toTimeKnots(curve: SpreadCurve, window: CurveWindow): TimeSpreadCurve {
  const valid = validate(curve, window);
  const { start, end } = checkWindow(window);
  const duration = end - start;
  return {
    startDeltaBps: valid.startDeltaBps,
    endDeltaBps: valid.endDeltaBps,
    points: valid.points.map((p) => ({
      timeSecs: Number(start + (BigInt(p.windowBps) * duration) / 10_000n),
      deltaBps: p.deltaBps,
    })),
  };
}

/** What `spreadCurve.chart` returns: the SVG markup, rendered as an image by Jupyter. */
export interface SpreadCurveChart {
  readonly svg: string;
}

/** The curve's knots as an SVG line chart: delta (bps) over the order window (0 … 100 %). */
export function curveSvg(curve: SpreadCurve, title = "Spread curve"): string {
  const knots = [
    { windowBps: 0, deltaBps: curve.startDeltaBps },
    ...curve.points,
    { windowBps: WINDOW_END, deltaBps: curve.endDeltaBps },
  ];
  const points = knots.map((k) => ({ x: k.windowBps / 100, y: k.deltaBps }));
  return svgLineChart([{ name: "delta (bps)", points }], {
    title,
    xLabel: "order window",
    yLabel: "bps",
    formatX: (x) => `${x} %`,
    yRange: "focus",
  });
}

function renderCurve(curve: SpreadCurve): MimeBundle {
  const knots = curve.points.map((p) => `${p.windowBps}:${p.deltaBps}`).join(" ");
  return {
    "image/svg+xml": curveSvg(curve),
    "text/plain": `SpreadCurve ${curve.startDeltaBps} → ${curve.endDeltaBps} bps${knots ? ` (knots ${knots})` : ""}`,
  };
}

/**
 * Any curve (a custom one, or one read back from an order) as an object a notebook renders as
 * an SVG chart. The curves `constant` and `auto` return render that way already (through a
 * non-enumerable `Symbol.for("Jupyter.display")`, so their JSON and equality are unchanged).
 */
export function chart(curve: SpreadCurve, title?: string): SpreadCurveChart {
  const svg = curveSvg(validate(curve), title);
  return withDisplay({ svg }, () => ({ "image/svg+xml": svg }));
}

/** Spread-curve builders and checks. */
export const spreadCurve = {
  /** A flat curve (`constant(d)`), the old fixed `midPriceDelta`. */
  constant,
  /** The seed's 4-knot "auto" ramp, from maker-favourable to pay-to-fill. */
  auto,
  /** The official 0.31 `auto({fastSpreadBps, durationSecs, feeBps})`: `fast` or `maximizing` by duration. */
  autoForDuration,
  /** The official `fast` curve (short orders). */
  fast,
  /** The official `maximizing` curve (longer orders). */
  maximizing,
  /** The server's rules, checked client-side; returns a clean copy. */
  validate,
  /** The delta at a point of the window (0 … 10000 bps of it), interpolated. */
  deltaAt,
  /** The delta at a unix second of an order's window. */
  deltaAtTime,
  /** The signed form of a curve: knots at absolute unix seconds. */
  toTimeKnots,
  /** Any curve as an object a notebook renders as an SVG chart. */
  chart,
};

/** A built curve with the official builder's metadata (the realistic part has no buffer). */
function built(
  curve: SpreadCurve,
  fastSpreadBps: number,
  feeBps: number,
  bufferBps: number,
): BuiltSpreadCurve {
  return {
    curve: withDisplay(curve, renderCurve),
    metadata: {
      realisticSpreadComponents: { fastSpreadBps, feeBps, bufferBps: 0 },
      maxSpreadComponents: { fastSpreadBps, feeBps, bufferBps },
    },
  };
}
