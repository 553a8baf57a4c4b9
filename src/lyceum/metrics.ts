import type { APIPromise } from "../core/api-promise.js";
import { requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { type ChartSeries, type MimeBundle, svgLineChart, withDisplay } from "../core/display.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { operation, requireLyceumId } from "./internal.js";
import { routes } from "./routes.js";
import { type RunMetrics, runMetricsSchema } from "./schemas/observability.js";

/** The time window and resolution of `metrics.forRun`. */
export interface MetricsQuery {
  /** Window start (Date, ISO text or epoch ms). */
  start?: Date | string | number;
  end?: Date | string | number;
  /** Resolution: `"15s"`, `"1m"`, `"1h"`, or a number of seconds (server default 15s). */
  step?: string | number;
}

/** A run's GPU (DCGM) and system series; the result renders as an SVG chart in a notebook. */
export function getRunMetrics(
  core: ClientCore,
  id: string,
  query: MetricsQuery = {},
  options?: RequestOptions,
): APIPromise<RunMetrics> {
  return operation(core, options, async (http, options) => {
    requireObject(query, "query");
    const start = isoTime(query.start, "start");
    const end = isoTime(query.end, "end");
    if (start && end && Date.parse(start) >= Date.parse(end))
      throw new InputValidationError("end", "must be after start");
    const metrics = await http.json(routes.metrics.forRun, {
      params: { id: requireLyceumId(id) },
      query: { start, end, step: step(query.step) },
      schema: runMetricsSchema(),
      options,
    });
    // Non-enumerable: a notebook shows the GPU series as a chart; JSON and equality are unchanged.
    return withDisplay(metrics, renderMetrics);
  });
}

/** DCGM (GPU) and system metrics per run. */
export class MetricsResource extends Resource<ClientCore> {
  /** {@inheritDoc getRunMetrics} */
  forRun(id: string, query?: MetricsQuery, options?: RequestOptions) {
    return getRunMetrics(this.core, id, query, options);
  }
}

/** The percentage series share one axis, so they are the ones charted together. */
const CHARTED = [
  ["gpuUtilizationPercent", "GPU utilisation %"],
  ["gpuMemoryUtilizationPercent", "GPU memory %"],
] as const;

/** A run's GPU utilisation series as an SVG line chart (x: time since the first sample). */
export function metricsSvg(metrics: RunMetrics): string {
  // A sample whose time did not parse (kept as text) cannot be placed on the axis: left out.
  const timed = (key: (typeof CHARTED)[number][0]) =>
    (metrics[key] ?? []).flatMap((p) =>
      p.timestamp instanceof Date ? [{ at: p.timestamp, value: p.value }] : [],
    );
  const times = CHARTED.flatMap(([key]) => timed(key).map((p) => p.at.getTime()));
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0;
  // A unit that keeps the axis labels short, from a one-minute test run to a day of training.
  const [unitMs, unit] =
    span < 120_000 ? [1000, "seconds"] : span < 7_200_000 ? [60_000, "minutes"] : [3_600_000, "hours"];
  const series: ChartSeries[] = CHARTED.map(([key, name]) => ({
    name,
    points: timed(key)
      .filter((p) => Number.isFinite(p.value)) // a null sample is a gap, not a zero
      .map((p) => ({ x: (p.at.getTime() - t0) / unitMs, y: p.value })),
  })).filter((s) => s.points.length > 0);
  const run = metrics.executionId ? ` (run ${metrics.executionId})` : "";
  return svgLineChart(series, { title: `GPU metrics${run}`, xLabel: unit, yLabel: "%", yRange: [0, 100] });
}

function renderMetrics(metrics: RunMetrics): MimeBundle {
  const counts = CHARTED.map(([key, name]) => `${name}: ${(metrics[key] ?? []).length} samples`);
  return { "image/svg+xml": metricsSvg(metrics), "text/plain": `RunMetrics ${counts.join(", ")}` };
}

function isoTime(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  const date =
    value instanceof Date
      ? value
      : typeof value === "number" || typeof value === "string"
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new InputValidationError(field, "must be a Date, an ISO timestamp or epoch milliseconds");
  return date.toISOString();
}

function step(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 1)
      throw new InputValidationError("step", "must be a positive integer of seconds");
    return `${value}s`;
  }
  if (typeof value !== "string" || !/^[1-9]\d*(s|m|h)$/.test(value))
    throw new InputValidationError("step", 'must look like "15s", "1m" or "1h"');
  return value;
}
