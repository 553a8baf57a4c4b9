import type { HttpClient, RequestOptions } from "../core/http.js";
import { routes } from "./routes.js";
import { type LogPage, logPageSchema } from "./schemas/observability.js";
import * as v from "./validate.js";

/**
 * Which log lines `logs.forRun` / `logs.forUser` read. The documented ranges differ: one run
 * takes `limit` 1–10000 and `hours` 1–168; all runs (`/logs/user`) `limit` 1–5000, `hours` 1–24.
 */
export interface LogQuery {
  /** Most entries returned: 1–10000 for a run (default 1000), 1–5000 for all runs (default 100). */
  limit?: number;
  /** How far back, hours: 1–168 for a run (default 24), 1–24 for all runs (default 1). */
  hours?: number;
}

/** Documented bounds (docs.lyceum.technology, observability/logs). */
const RUN_LIMITS = { limit: 10_000, hours: 168 };
const USER_LIMITS = { limit: 5_000, hours: 24 };

/** Loki-backed log queries. */
export class LogsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Logs of one run. */
  async forRun(id: string, query: LogQuery = {}, options?: RequestOptions): Promise<LogPage> {
    return this.#http.json(routes.runLogs, {
      params: { id: v.id(id) },
      query: logQuery(query, RUN_LIMITS),
      schema: logPageSchema(),
      options,
    });
  }

  /** Logs of all your runs. */
  async forUser(query: LogQuery = {}, options?: RequestOptions): Promise<LogPage> {
    return this.#http.json(routes.userLogs, {
      query: logQuery(query, USER_LIMITS),
      schema: logPageSchema(),
      options,
    });
  }
}

function logQuery(query: LogQuery, max: { limit: number; hours: number }) {
  v.requireObject(query, "query");
  return {
    limit: v.optionalInt(query.limit, "limit", 1, max.limit),
    hours: v.optionalInt(query.hours, "hours", 1, max.hours),
  };
}
