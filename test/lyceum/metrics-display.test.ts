// A run's GPU metrics render in notebooks as an SVG line chart, through a non-enumerable
// `Symbol.for("Jupyter.display")` that leaves the typed series (and their JSON) as they were.
import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../src/core/display.js";
import { useSim } from "../helpers/sim.js";

const t = useSim("lyceum");
const render = (value: object): MimeBundle => (value as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]!();
const paths = (svg: string) => [...svg.matchAll(/<path d="([^"]+)"[^>]*><title>([^<]+)<\/title>/g)];

describe("run metrics in a notebook", () => {
  it("a GPU run's utilisation and memory series render as two lines", async () => {
    const run = await t.client().runs.python({ code: 'print("1")\n'.repeat(120), machine: "gpu.h100" });
    t.sim.clock.advance(120_000);
    const metrics = await t.client().metrics.forRun(run.execution_id, { step: "15s" });
    const bundle = render(metrics);
    const svg = bundle["image/svg+xml"]!;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(`GPU metrics (run ${run.execution_id})`);
    const lines = paths(svg);
    expect(lines.map((m) => m[2])).toEqual(["GPU utilisation %", "GPU memory %"]);
    // One vertex per sample, in each series.
    const vertexCount = (d: string) => d.split(/[ML]/).filter(Boolean).length;
    expect(vertexCount(lines[0]![1]!)).toBe(metrics.gpuUtilizationPercent.length);
    expect(vertexCount(lines[1]![1]!)).toBe(metrics.gpuMemoryUtilizationPercent.length);
    expect(metrics.gpuUtilizationPercent.length).toBeGreaterThanOrEqual(3);
    // Percentages on a whole 0–100 % axis, with round ticks.
    const yTicks = [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(yTicks).toEqual(["0", "20", "40", "60", "80", "100"]);
    expect(bundle["text/plain"]).toBe(
      `RunMetrics GPU utilisation %: ${metrics.gpuUtilizationPercent.length} samples, GPU memory %: ${metrics.gpuMemoryUtilizationPercent.length} samples`,
    );
    // The renderer is not a field: keys and JSON are those of the parsed response.
    expect(Object.getOwnPropertyDescriptor(metrics, JUPYTER_DISPLAY)?.enumerable).toBe(false);
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(JSON.parse(JSON.stringify({ ...metrics })));
    expect(JUPYTER_DISPLAY in { ...metrics }).toBe(false);
  });

  it("a CPU run (no GPU samples) renders a 'no data' chart, not an error", async () => {
    const run = await t.client().runs.python({ code: 'print("1")\n'.repeat(60) });
    t.sim.clock.advance(60_000);
    const metrics = await t.client().metrics.forRun(run.execution_id);
    expect(metrics.gpuUtilizationPercent).toEqual([]);
    const svg = render(metrics)["image/svg+xml"]!;
    expect(svg).toContain("no data");
    expect(paths(svg)).toHaveLength(0);
  });
});

describe("metricsSvg", () => {
  it("labels the time axis in a unit that fits the run's length", async () => {
    const { metricsSvg } = await import("../../src/lyceum/metrics.js");
    const at = (ms: number, value: number) => ({ timestamp: new Date(1_800_000_000_000 + ms), value });
    const base = { executionId: "r1" } as Parameters<typeof metricsSvg>[0];
    const short = { ...base, gpuUtilizationPercent: [at(0, 10), at(30_000, 90)] } as typeof base;
    const long = { ...base, gpuUtilizationPercent: [at(0, 10), at(3 * 3_600_000, 50)] } as typeof base;
    expect(metricsSvg(short)).toContain(">seconds<");
    expect(metricsSvg(short)).toContain(">30<"); // the last sample, 30 s in
    expect(metricsSvg(long)).toContain(">hours<");
    expect(metricsSvg(long)).toContain(">3<");
    // A null sample (NaN) is left out rather than drawn as 0.
    const gap = {
      ...base,
      gpuUtilizationPercent: [at(0, 40), at(1000, Number.NaN), at(2000, 60)],
    } as typeof base;
    const svg = metricsSvg(gap);
    expect(svg).toContain(">40<"); // the y-axis minimum is the lowest real sample
    expect(paths(svg)[0]![1]!.split(/[ML]/).filter(Boolean)).toHaveLength(2);
  });
});
