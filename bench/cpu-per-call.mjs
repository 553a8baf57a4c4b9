// CPU cost per call of one validated GET with the network taken out: each arm's fetch answers
// from memory (the same job body the fixed server sends), so what is left is the client's own
// work per call — turbokit (validated and not) beside ky alone and a bare `fetch`-shaped call.
// A profiling aid for the latency/throughput goals (`node bench/cpu-per-call.mjs`), not part of
// `bench/run.mjs`. Arms take turns in batches, in a shuffled order per round.
import ky from "ky";
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { JOB } from "./lib/bodies.mjs";
import { median, shuffle } from "./lib/stats.mjs";

const ORIGIN = "http://127.0.0.1:9";
const inMemory = async () =>
  new Response(JOB, {
    headers: { "content-type": "application/json", "content-length": String(JOB.length) },
  });
const headers = { authorization: "Bearer pat_bench", accept: "application/json" };
const kyAlone = ky.create({ headers, retry: 2, timeout: 60_000, fetch: inMemory });
const turbinex = createTurbineX({ baseUrl: ORIGIN, auth: bearer("pat_bench"), fetch: inMemory });
const unvalidated = createTurbineX({
  baseUrl: ORIGIN,
  auth: bearer("pat_bench"),
  fetch: inMemory,
  validate: false,
});
const arms = {
  "fetch-shaped": async () => (await inMemory(new Request(`${ORIGIN}/jobs/job_1`, { headers }))).json(),
  "ky alone": () => kyAlone.get(`${ORIGIN}/jobs/job_1`).json(),
  "turbinex jobs.get": () => turbinex.jobs.get("job_1"),
  "… validate: false": () => unvalidated.jobs.get("job_1"),
};
const BATCH = Number(process.env.BATCH ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
for (const call of Object.values(arms)) for (let i = 0; i < 500; i++) await call();
const us = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const name of shuffle(Object.keys(arms))) {
    const t0 = cpu();
    for (let i = 0; i < BATCH; i++) await arms[name]();
    us[name].push((cpu() - t0) / BATCH);
  }
}
// Ratios per round (the arms of one round met the same load), then their median.
for (const [name, xs] of Object.entries(us)) {
  const ratio = median(xs.map((x, r) => x / us["ky alone"][r]));
  console.log(
    `${name.padEnd(20)} ${median(xs).toFixed(1).padStart(6)} µs CPU per call  ÷ ky alone ${ratio.toFixed(2)}×`,
  );
}
