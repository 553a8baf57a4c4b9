// (1) Per-request latency of a validated GET through a provider client vs raw fetch + res.json(),
// beside ky alone and two peer SDKs (openai-node, @octokit/core), same loopback server, requests
// interleaved one by one in a shuffled order every round. Goals (issue 13): turbokit below every
// peer SDK and within 1.10× of ky alone, as ratios measured in the same run.
import { ARM, checkArms, httpArms, PEERS } from "./lib/arms.mjs";
import { startFixedServer } from "./lib/server.mjs";
import { emit, median, quantile, shuffle, size, summarize } from "./lib/stats.mjs";

const RUNS = size(5, 2);
const PER_ARM = size(2000, 300);
const WARMUP = size(300, 50);

const server = await startFixedServer();
const arms = httpArms(server.origin);
await checkArms(arms);

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
    `latency run ${r + 1}/${RUNS}: raw ${raw.toFixed(3)} ms, ${Object.keys(arms)
      .filter((k) => k !== "raw")
      .map((k) => `${k} ×${row[k].ratio.toFixed(3)}`)
      .join(", ")}`,
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
// turbokit against each reference, per run (same run, same server, same rounds).
const versus = Object.fromEntries(
  [ARM.ky, ...PEERS].map((other) => [
    other,
    summarize(perRun.map((r) => r[ARM.sdk].medianMs / r[other].medianMs)),
  ]),
);
emit({
  id: "latency",
  title: "1. Per-request latency, validated GET vs raw fetch + res.json()",
  goal: "below every peer SDK; ≤ 1.10× ky alone",
  goalVsKy: 1.1,
  sdk: ARM.sdk,
  ky: ARM.ky,
  peers: PEERS,
  perArm: PER_ARM,
  rawMedianMs: median(perRun.map((r) => r.rawMedianMs)),
  rows,
  versus,
});
