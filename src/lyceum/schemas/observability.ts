import * as z from "zod/mini";
import { parseTimestamp } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { idString, looseTime, maybe } from "./common.js";

/**
 * One log line of a run. The docs type `timestamp` as a string: it is a `Date` when it reads as a
 * timestamp, else the text as sent.
 */
export interface LogEntry {
  timestamp?: Date | string | null | undefined;
  message?: string | null | undefined;
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
      logs: z._default(
        z.array(
          z.looseObject({
            timestamp: looseTime(),
            message: maybe(z.string()),
            level: maybe(z.string()),
            execution_id: maybe(idString()),
            user_id: maybe(idString()),
            hostname: maybe(z.string()),
            labels: maybe(z.record(z.string(), z.unknown())),
          }),
        ),
        [],
      ),
      total: z._default(
        z.pipe(
          z.nullable(z.number()),
          z.transform((n) => n ?? 0),
        ),
        0,
      ),
    }),
  ),
);

/** One sample of a metrics series (`timestamp` is the raw text when it does not read as a time). */
export interface MetricPoint {
  timestamp: Date | string;
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
  /** Strings in the docs: `Date`s when they read as times, else the text as sent. */
  timeRange?:
    | { start?: Date | string | null | undefined; end?: Date | string | null | undefined }
    | null
    | undefined;
  [key: string]: unknown;
} & { [K in MetricSeriesName]: MetricPoint[] };

const point = () =>
  z.looseObject({
    timestamp: z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v): Date | string => parseTimestamp(v) ?? String(v)),
    ),
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
      executionId: maybe(idString()),
      hostname: maybe(z.string()),
      timeRange: maybe(z.looseObject({ start: looseTime(), end: looseTime() })),
      ...series,
    }),
  );
});
