import type { HttpClient, RequestOptions } from "../core/http.js";
import { routes } from "./routes.js";
import { type LogPage, logPageSchema } from "./schemas/observability.js";
import * as v from "./validate.js";

/** Which log lines `logs.forRun` / `logs.all` read. */
export interface LogQuery {
  /** Most entries returned, 1–10000 (server default 1000). */
  limit?: number;
  /** How far back, hours, 1–168 (server default 24). */
  hours?: number;
}

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
      query: logQuery(query),
      schema: logPageSchema(),
      options,
    });
  }

  /** Logs of all your runs. */
  async forUser(query: LogQuery = {}, options?: RequestOptions): Promise<LogPage> {
    return this.#http.json(routes.userLogs, { query: logQuery(query), schema: logPageSchema(), options });
  }
}

function logQuery(query: LogQuery) {
  v.requireObject(query, "query");
  return {
    limit: v.optionalInt(query.limit, "limit", 1, 10_000),
    hours: v.optionalInt(query.hours, "hours", 1, 168),
  };
}
