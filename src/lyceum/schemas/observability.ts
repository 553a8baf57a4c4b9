import * as z from "zod/mini";
import { timestamp } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { maybe, maybeTime } from "./common.js";

/** One log line of a run. */
export interface LogEntry {
  timestamp?: Date | null | undefined;
  message: string;
  level?: string | null | undefined;
  execution_id?: string | null | undefined;
  user_id?: string | null | undefined;
  hostname?: string | null | undefined;
  labels?: Record<string, unknown> | null | undefined;
  [key: string]: unknown;
}

/** The log lines `logs.forRun` returns, with the total. */
export interface LogPage {
  logs: LogEntry[];
  total: number;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const logPageSchema = lazy(() =>
  shaped<LogPage>()(
    z.looseObject({
      logs: z.array(
        z.looseObject({
          timestamp: maybeTime(),
          message: z.string(),
          level: maybe(z.string()),
          execution_id: maybe(z.string()),
          user_id: maybe(z.string()),
          hostname: maybe(z.string()),
          labels: maybe(z.record(z.string(), z.unknown())),
        }),
      ),
      total: z._default(z.number(), 0),
    }),
  ),
);

/** One sample of a metrics series. */
export interface MetricPoint {
  timestamp: Date;
  value: number;
}

/** The series names the metrics endpoint returns (camelCase on the wire). */
export const METRIC_SERIES = [
  "gpuUtilizationPercent",
  "gpuMemoryUtilizationPercent",
  "gpuTemperatureCelsius",
  "gpuPowerWatt",
  "gpuPowerLimitWatt",
  "gpuClockSmMhz",
  "gpuClockMemMhz",
  "gpuPcieThroughputRxBytesPerSec",
  "gpuPcieThroughputTxBytesPerSec",
  "systemRamTotalBytes",
  "systemRamUsedBytes",
  "systemCpuUsagePercent",
] as const;

/** The name of one metrics series (`gpuUtilizationPercent`…). */
export type MetricSeriesName = (typeof METRIC_SERIES)[number];

/** GPU (DCGM) and system metrics of one run; a missing series reads as an empty array. */
export type RunMetrics = {
  executionId?: string | null | undefined;
  hostname?: string | null | undefined;
  timeRange?: { start?: Date | null | undefined; end?: Date | null | undefined } | null | undefined;
  [key: string]: unknown;
} & { [K in MetricSeriesName]: MetricPoint[] };

const point = () =>
  z.looseObject({
    timestamp: timestamp(),
    value: z.pipe(
      z.union([z.number(), z.string(), z.null()]),
      z.transform((v) => (v === null ? Number.NaN : Number(v))),
    ),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const runMetricsSchema = lazy(() => {
  const seriesOf = () => z._default(z.array(point()), []);
  const series = Object.fromEntries(METRIC_SERIES.map((name) => [name, seriesOf()])) as Record<
    MetricSeriesName,
    ReturnType<typeof seriesOf>
  >;
  return shaped<RunMetrics>()(
    z.looseObject({
      executionId: maybe(z.string()),
      hostname: maybe(z.string()),
      timeRange: maybe(z.looseObject({ start: maybeTime(), end: maybeTime() })),
      ...series,
    }),
  );
});
