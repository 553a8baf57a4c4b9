// Spread curves render in notebooks through a NON-enumerable `Symbol.for("Jupyter.display")`: the
// chart must appear, and nothing the SDK sends or compares may change because of it.
import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../src/core/display.js";
import { type SpreadCurve, spreadCurve } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { T0, USDC, WETH } from "./helpers.js";

const t = useSim("exchange");
const render = (value: object): MimeBundle => (value as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]!();
/** The path's vertices, as [x, y] pixel pairs. */
const vertices = (svg: string) =>
  [...(svg.match(/<path d="([^"]+)"/)?.[1] ?? "").matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe("spread curves in a notebook", () => {
  it("auto() renders its four knots as an SVG line chart", () => {
    const bundle = render(spreadCurve.auto({ fastSpreadBps: 20 }));
    const svg = bundle["image/svg+xml"]!;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Spread curve");
    expect(svg).toContain("<title>delta (bps)</title>");
    const xy = vertices(svg);
    expect(xy).toHaveLength(4); // start, 10 %, 50 %, end
    // x grows with the window; y (pixels, downwards) is lowest for the highest delta (24 at the end).
    expect(xy.map(([x]) => x)).toEqual([...xy.map(([x]) => x!)].sort((a, b) => a - b));
    expect(Math.min(...xy.map(([, y]) => y!))).toBe(xy[3]![1]);
    expect(Math.max(...xy.map(([, y]) => y!))).toBe(xy[0]![1]); // -1000 at the start
    expect(svg).toContain(">▼ -1000<"); // the start, clipped below the focused axis and labelled
    // Round ticks spanning the knots after the start (-20 … 24).
    expect([...svg.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1])).toEqual([
      "-20",
      "-10",
      "0",
      "10",
      "20",
      "30",
    ]);
    expect(bundle["text/plain"]).toBe("SpreadCurve -1000 → 24 bps (knots 1000:-20 5000:16)");
  });

  it("constant() renders a flat line", () => {
    const svg = render(spreadCurve.constant(-10))["image/svg+xml"]!;
    const xy = vertices(svg);
    expect(xy).toHaveLength(2);
    expect(xy[0]![1]).toBe(xy[1]![1]);
  });

  it("the renderer is invisible to keys, JSON, spread copies and deep equality", () => {
    const curve = spreadCurve.auto({ fastSpreadBps: 50, deltaBps: 10, yoloBps: -500 });
    const plain: SpreadCurve = {
      startDeltaBps: -500,
      endDeltaBps: 60,
      points: [
        { windowBps: 1000, deltaBps: -50 },
        { windowBps: 5000, deltaBps: 40 },
      ],
    };
    expect(Object.keys(curve)).toEqual(["startDeltaBps", "endDeltaBps", "points"]);
    expect(JSON.stringify(curve)).toBe(JSON.stringify(plain));
    expect(curve).toEqual(plain);
    expect(curve).toStrictEqual(plain);
    expect(JUPYTER_DISPLAY in { ...curve }).toBe(false); // a spread copy is a plain curve
    expect(structuredClone(curve)).toStrictEqual(plain);
  });

  it("chart() renders any curve (and checks it first)", () => {
    const custom: SpreadCurve = {
      startDeltaBps: -300,
      endDeltaBps: 80,
      points: [
        { windowBps: 2500, deltaBps: -100 },
        { windowBps: 5000, deltaBps: 0 },
        { windowBps: 7500, deltaBps: 40 },
      ],
    };
    const shown = spreadCurve.chart(custom, "My curve");
    expect(vertices(shown.svg)).toHaveLength(5);
    expect(shown.svg).toContain(">My curve<");
    expect(render(shown)["image/svg+xml"]).toBe(shown.svg);
    expect(() => spreadCurve.chart({ ...custom, endDeltaBps: 10_000 })).toThrow(/endDeltaBps/);
  });
});

describe("an order's wire body with a displayable curve", () => {
  it("is the same as with a plain object curve", async () => {
    const exchange = t.client();
    const input = {
      sell: WETH,
      buy: USDC,
      sellAmount: 10n ** 17n,
      minBuyAmount: 100_000_000n,
      durationSecs: 3600,
      startTime: T0 / 1000,
      salt: `0x${"ab".repeat(32)}` as const,
    };
    const withChart = spreadCurve.auto({ fastSpreadBps: 30 });
    const plain = JSON.parse(JSON.stringify(withChart)) as SpreadCurve;
    await exchange.orders.submit(await exchange.orders.build({ ...input, curve: withChart }));
    await exchange.orders.submit(
      await exchange.orders.build({ ...input, curve: plain, salt: `0x${"cd".repeat(32)}` }),
    );
    const bodies = t.requests.filter((r) => r.url.endsWith("/add_order")).map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(2);
    const [a, b] = bodies.map((body) => body.order);
    expect(a.spreadCurve).toEqual({
      startDeltaBps: -1000,
      endDeltaBps: 36,
      points: [
        { windowBps: 1000, deltaBps: -30 },
        { windowBps: 5000, deltaBps: 24 },
      ],
    });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    const { salt: _a, signedPermit: _pa, ...restA } = a;
    const { salt: _b, signedPermit: _pb, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(t.requests.every((r) => !r.body.includes("Jupyter") && !r.body.includes("<svg"))).toBe(true);
  });
});
