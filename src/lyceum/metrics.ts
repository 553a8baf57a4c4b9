import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { routes } from "./routes.js";
import { type RunMetrics, runMetricsSchema } from "./schemas/observability.js";
import * as v from "./validate.js";

export interface MetricsQuery {
  /** Window start (Date, ISO text or epoch ms). */
  start?: Date | string | number;
  end?: Date | string | number;
  /** Resolution: `"15s"`, `"1m"`, `"1h"`, or a number of seconds (server default 15s). */
  step?: string | number;
}

/** DCGM (GPU) and system metrics per run. */
export class MetricsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async forRun(id: string, query: MetricsQuery = {}, options?: RequestOptions): Promise<RunMetrics> {
    v.requireObject(query, "query");
    const start = isoTime(query.start, "start");
    const end = isoTime(query.end, "end");
    if (start && end && Date.parse(start) >= Date.parse(end))
      throw new InputValidationError("end", "must be after start");
    return this.#http.json(routes.runMetrics, {
      params: { id: v.id(id) },
      query: { start, end, step: step(query.step) },
      schema: runMetricsSchema(),
      options,
    });
  }
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
