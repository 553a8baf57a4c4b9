// (2) Throughput at concurrency 32: the same number of GETs through raw fetch + res.json(),
// turbokit (validated), ky alone and two peer SDKs, against the same loopback server. The arms'
// order rotates every run (each arm takes each position equally often), so drift hits all alike.
// Goals (issue 13): turbokit above openai-node and ≥ 0.90× ky alone, ratios from the same run.
import { ARM, checkArms, httpArms, PEERS } from "./lib/arms.mjs";
import { startFixedServer } from "./lib/server.mjs";
import { emit, size, summarize } from "./lib/stats.mjs";

const CONCURRENCY = 32;
const server = await startFixedServer();
const arms = httpArms(server.origin, { breakdown: false });
const names = Object.keys(arms);
const RUNS = size(2 * names.length, names.length);
const PER_ARM = size(4000, 800);
await checkArms(arms);

/**
 * Requests per second with `CONCURRENCY` workers pulling from one bounded counter: per second of
 * wall time (the goal's measure), and per second of this process's CPU time (the client's cost per
 * request; it does not move when other engineers' processes take the shared cores).
 */
async function throughput(call, total) {
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) await call();
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { wall: total / ((performance.now() - t0) / 1000), cpu: total / ((cpu.user + cpu.system) / 1e6) };
}

for (const name of names) await throughput(arms[name], 500); // warm-up
const rates = Object.fromEntries(names.map((k) => [k, []]));
const cpuRates = Object.fromEntries(names.map((k) => [k, []]));
for (let r = 0; r < RUNS; r++) {
  const order = names.map((_, i) => names[(i + r) % names.length]);
  if (Math.floor(r / names.length) % 2 === 1) order.reverse();
  for (const name of order) {
    const { wall, cpu } = await throughput(arms[name], PER_ARM);
    rates[name].push(wall);
    cpuRates[name].push(cpu);
  }
  console.error(
    `throughput run ${r + 1}/${RUNS}: ${names.map((k) => `${k} ${rates[k][r].toFixed(0)}/s`).join(", ")}`,
  );
}
await server.close();

const perRun = (a, b, of = rates) => summarize(of[a].map((x, i) => x / of[b][i]));
emit({
  id: "throughput",
  title: `2. Throughput at concurrency ${CONCURRENCY} vs raw fetch`,
  goal: "above openai-node; ≥ 0.90× ky alone",
  goalVsKy: 0.9,
  sdk: ARM.sdk,
  ky: ARM.ky,
  peers: PEERS,
  perArm: PER_ARM,
  rows: names
    .filter((k) => k !== "raw")
    .map((name) => ({
      name,
      perSec: summarize(rates[name]),
      ratio: perRun(name, "raw"),
      perCpuSec: summarize(cpuRates[name]),
      cpuRatio: perRun(name, "raw", cpuRates),
    })),
  rawPerCpuSec: summarize(cpuRates.raw),
  rawPerSec: summarize(rates.raw),
  versus: Object.fromEntries([ARM.ky, ...PEERS].map((other) => [other, perRun(ARM.sdk, other)])),
  versusCpu: Object.fromEntries([ARM.ky, ...PEERS].map((other) => [other, perRun(ARM.sdk, other, cpuRates)])),
});
