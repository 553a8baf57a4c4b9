import { http } from "msw";
import { authed, type Caller } from "./auth.js";
import { detail, type Issue, ok, queryInt, unprocessable } from "./http.js";
import { finishedAt, isFinished, linesBy } from "./run-model.js";
import { isoTime, type SimEnv, type SimRun } from "./state.js";

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
  const url = new URL(request.url);
  const issues: Issue[] = [];
  const limit = queryInt(url, "limit", range.limit, 1, range.maxLimit, issues);
  const hours = queryInt(url, "hours", range.hours, 1, range.maxHours, issues);
  if (issues.length) return unprocessable(issues);
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
  return ok({ logs, total: all.length });
}

const GPU_SERIES = [
  ["gpuUtilizationPercent", 35, 95],
  ["gpuMemoryUtilizationPercent", 20, 80],
  ["gpuTemperatureCelsius", 45, 78],
  ["gpuPowerWatt", 120, 650],
  ["gpuPowerLimitWatt", 700, 700],
  ["gpuClockSmMhz", 1410, 1980],
  ["gpuClockMemMhz", 2619, 2619],
  ["gpuPcieThroughputRxBytesPerSec", 1e8, 9e9],
  ["gpuPcieThroughputTxBytesPerSec", 5e7, 3e9],
] as const;
const SYSTEM_SERIES = [
  ["systemRamTotalBytes", 68_719_476_736, 68_719_476_736],
  ["systemRamUsedBytes", 4e9, 3.2e10],
  ["systemCpuUsagePercent", 5, 90],
] as const;

/** Deterministic pseudo-noise in [0, 1) from a run id, a series name and a time. */
function noise(seed: string, t: number): number {
  let h = 2166136261 ^ t;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

function parseStep(step: string | null): number | undefined {
  const m = /^(\d+)(s|m|h)$/.exec(step ?? "15s");
  if (!m) return undefined;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
}

function metricsResponse(env: SimEnv, request: Request, run: SimRun): Response {
  const url = new URL(request.url);
  const now = env.now();
  const issues: Issue[] = [];
  const time = (name: string) => {
    const raw = url.searchParams.get(name);
    if (raw === null) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms))
      issues.push({
        loc: ["query", name],
        msg: "Input should be a valid datetime",
        type: "datetime_parsing",
      });
    return ms;
  };
  const start = time("start") ?? run.startAt;
  const end = time("end") ?? Math.min(now, isFinished(run, now) ? finishedAt(run) : now);
  const step = parseStep(url.searchParams.get("step"));
  if (step === undefined || step <= 0)
    issues.push({ loc: ["query", "step"], msg: "step must look like 15s, 1m or 1h", type: "value_error" });
  if (issues.length) return unprocessable(issues);
  const from = Math.max(start, run.startAt);
  const to = Math.min(end, isFinished(run, now) ? finishedAt(run) : now);
  const stepMs = step as number;
  if ((to - from) / stepMs > 11_000) return detail(400, "Too many points: increase step or narrow the range");
  const times: number[] = [];
  for (let t = Math.ceil(from / stepMs) * stepMs; t <= to; t += stepMs) times.push(t);
  const gpu = run.machine.startsWith("gpu");
  const series = (name: string, low: number, high: number) =>
    times.map((t) => ({
      timestamp: env.ctx.dialect.pick<string | number>(isoTime(t), t / 1000),
      value:
        low === high
          ? low
          : Math.round((low + (high - low) * noise(`${run.id}:${name}`, t / stepMs)) * 100) / 100,
    }));
  const body: Record<string, unknown> = {
    executionId: run.id,
    hostname: run.hostname,
    timeRange: { start: isoTime(start), end: isoTime(end) },
  };
  for (const [name, low, high] of GPU_SERIES) body[name] = gpu ? series(name, low, high) : [];
  for (const [name, low, high] of SYSTEM_SERIES) body[name] = series(name, low, high);
  return ok(body);
}

export function observabilityHandlers(base: string, env: SimEnv) {
  return [
    http.get(
      `${base}/logs/execution/:id`,
      authed(env, ({ params, request }, caller) => {
        const run = caller.data.runs.get(String(params.id));
        if (!run) return detail(404, "Execution not found");
        return logResponse(env, request, [run], caller);
      }),
    ),
    http.get(
      `${base}/logs/user`,
      authed(env, ({ request }, caller) =>
        logResponse(
          env,
          request,
          [...caller.data.runs.values()].filter((r) => r.userId === caller.user.id),
          caller,
          USER_LOGS,
        ),
      ),
    ),
    http.get(
      `${base}/execution/:id/metrics`,
      authed(env, ({ params, request }, caller) => {
        const run = caller.data.runs.get(String(params.id));
        if (!run) return detail(404, "Execution not found");
        return metricsResponse(env, request, run);
      }),
    ),
  ];
}
