import { http } from "msw";
import { detail, type Issue, json, unprocessable } from "../../kit/fastapi.js";
import { finishedAt, isFinished } from "../run-model.js";
import type { SimEnv, SimRun } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

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
  return json(body);
}

/** A run's GPU and system metrics, as seeded pseudo-noise over its running time. */
export function metricsHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/execution/:id/metrics`,
      authed(({ params, request }, caller) => {
        const run = caller.data.runs.get(String(params.id));
        if (!run) return detail(404, "Execution not found");
        return metricsResponse(env, request, run);
      }),
    ),
  ];
}
