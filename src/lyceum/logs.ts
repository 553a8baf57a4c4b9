import type { APIPromise } from "../core/api-promise.js";
import { optionalInt, requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { operation, requireLyceumId } from "./internal.js";
import { routes } from "./routes.js";
import { type LogPage, logPageSchema } from "./schemas/observability.js";

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

/** Logs of one run. */
export function getRunLogs(
  core: ClientCore,
  id: string,
  query: LogQuery = {},
  options?: RequestOptions,
): APIPromise<LogPage> {
  return operation(core, options, (http, options) =>
    http.json(routes.logs.forRun, {
      params: { id: requireLyceumId(id) },
      query: logQuery(query, RUN_LIMITS),
      schema: logPageSchema(),
      options,
    }),
  );
}

/** Logs of all your runs. */
export function getUserLogs(
  core: ClientCore,
  query: LogQuery = {},
  options?: RequestOptions,
): APIPromise<LogPage> {
  return operation(core, options, (http, options) =>
    http.json(routes.logs.forUser, { query: logQuery(query, USER_LIMITS), schema: logPageSchema(), options }),
  );
}

/** Loki-backed log queries. */
export class LogsResource extends Resource<ClientCore> {
  /** {@inheritDoc getRunLogs} */
  forRun(id: string, query?: LogQuery, options?: RequestOptions) {
    return getRunLogs(this.core, id, query, options);
  }
  /** {@inheritDoc getUserLogs} */
  forUser(query?: LogQuery, options?: RequestOptions) {
    return getUserLogs(this.core, query, options);
  }
}

function logQuery(query: LogQuery, max: { limit: number; hours: number }) {
  requireObject(query, "query");
  return {
    limit: optionalInt(query.limit, "limit", 1, max.limit),
    hours: optionalInt(query.hours, "hours", 1, max.hours),
  };
}
