import { http } from "msw";
import { detail, json } from "../../kit/fastapi.js";
import { intQueries } from "../../kit/queries.js";
import type { Caller } from "../auth.js";
import { linesBy } from "../run-model.js";
import type { SimEnv, SimRun } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

function logsOf(run: SimRun, now: number, userId: string) {
  return linesBy(run, now).map((line) => ({
    timestamp: isoTime(line.at),
    message: line.text,
    level: line.stream === "stderr" ? "error" : "info",
    execution_id: run.id,
    user_id: userId,
    hostname: run.hostname,
    labels: { stream: line.stream, execution_type: run.machine },
  }));
}

/** Documented query ranges: one run's logs, and all runs' (`/logs/user`). */
const RUN_LOGS = { limit: 1000, maxLimit: 10_000, hours: 24, maxHours: 168 };
const USER_LOGS = { limit: 100, maxLimit: 5_000, hours: 1, maxHours: 24 };

function logResponse(
  env: SimEnv,
  request: Request,
  runs: SimRun[],
  caller: Caller,
  range: typeof RUN_LOGS = RUN_LOGS,
): Response {
  const { limit, hours } = intQueries(new URL(request.url), {
    limit: [range.limit, 1, range.maxLimit],
    hours: [range.hours, 1, range.maxHours],
  });
  const now = env.now();
  const since = now - hours * 3_600_000;
  const all = runs
    .flatMap((run) => logsOf(run, now, caller.user.id))
    .filter((entry) => Date.parse(entry.timestamp) >= since)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  // The docs type `timestamp` as a string: the variant sends Loki's nanosecond epoch text.
  const d = env.ctx.dialect;
  const logs = all
    .slice(-limit)
    .map((entry) =>
      d.variant ? { ...entry, timestamp: `${Date.parse(entry.timestamp)}000000`, labels: null } : entry,
    );
  return json({ logs, total: all.length });
}

/** One run's logs and the caller's logs across runs. */
export function logHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/logs/execution/:id`,
      authed(({ params, request }, caller) => {
        const run = caller.data.runs.get(String(params.id));
        if (!run) return detail(404, "Execution not found");
        return logResponse(env, request, [run], caller);
      }),
    ),
    http.get(
      `${base}/logs/user`,
      authed(({ request }, caller) =>
        logResponse(
          env,
          request,
          [...caller.data.runs.values()].filter((r) => r.userId === caller.user.id),
          caller,
          USER_LOGS,
        ),
      ),
    ),
  ];
}
