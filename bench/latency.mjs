// (1) Per-request latency of a validated GET through a provider client vs raw fetch + res.json(),
// same localhost server, requests interleaved one by one in a shuffled order every round.
import ky from "ky";
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { createTurboStack } from "turbokit/turbostack";
import { startFixedServer } from "./lib/server.mjs";
import { emit, median, quantile, shuffle, size, summarize } from "./lib/stats.mjs";

const RUNS = size(5, 2);
const PER_ARM = size(2000, 300);
const WARMUP = size(300, 50);

const server = await startFixedServer();
const TOKEN = "pat_bench_not_a_jwt";
const turbinex = createTurbineX({ baseUrl: server.origin, auth: bearer(TOKEN) });
const turbostack = createTurboStack({ baseUrl: server.origin, auth: bearer(TOKEN) });
const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
// Breakdown arms: the SDK without validation, and ky 2 alone (what the core is built on).
const unvalidated = createTurbineX({ baseUrl: server.origin, auth: bearer(TOKEN), validate: false });
const kyAlone = ky.create({ headers, retry: 2, timeout: 60_000 });

const arms = {
  raw: async () => (await fetch(`${server.origin}/jobs/job_1`, { headers })).json(),
  "turbinex jobs.get": () => turbinex.jobs.get("job_1"),
  "turbostack hosts.get": () => turbostack.hosts.get(4711),
  "turbinex jobs.get, validate: false": () => unvalidated.jobs.get("job_1"),
  "ky 2 alone (ky.get().json())": () => kyAlone.get(`${server.origin}/jobs/job_1`).json(),
};

async function round(n) {
  const times = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    for (const name of shuffle(Object.keys(arms))) {
      const t0 = performance.now();
      await arms[name]();
      times[name].push(performance.now() - t0);
    }
  }
  return times;
}

await round(WARMUP);
const perRun = [];
for (let r = 0; r < RUNS; r++) {
  const times = await round(PER_ARM);
  const raw = median(times.raw);
  const row = { rawMedianMs: raw, rawP99Ms: quantile(times.raw, 0.99) };
  for (const name of Object.keys(arms).filter((k) => k !== "raw")) {
    row[name] = {
      medianMs: median(times[name]),
      p99Ms: quantile(times[name], 0.99),
      ratio: median(times[name]) / raw,
      p99Ratio: quantile(times[name], 0.99) / quantile(times.raw, 0.99),
    };
  }
  perRun.push(row);
  console.error(
    `latency run ${r + 1}/${RUNS}: raw ${raw.toFixed(3)} ms, jobs.get ×${row["turbinex jobs.get"].ratio.toFixed(3)}`,
  );
}
await server.close();

const rows = Object.keys(arms)
  .filter((k) => k !== "raw")
  .map((name) => ({
    name,
    ratio: summarize(perRun.map((r) => r[name].ratio)),
    p99Ratio: summarize(perRun.map((r) => r[name].p99Ratio)),
    medianMs: median(perRun.map((r) => r[name].medianMs)),
  }));
emit({
  id: "latency",
  title: "1. Per-request latency, validated GET vs raw fetch + res.json()",
  goal: "≤ 1.10×",
  goalMax: 1.1,
  perArm: PER_ARM,
  rawMedianMs: median(perRun.map((r) => r.rawMedianMs)),
  rows,
});
