// (2) Throughput at concurrency 32: the same number of validated GETs through the SDK and through
// raw fetch + res.json(), the two arms alternating ABBA across runs so drift hits both alike.
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { startFixedServer } from "./lib/server.mjs";
import { emit, size, summarize } from "./lib/stats.mjs";

const RUNS = size(6, 2);
const PER_ARM = size(4000, 800);
const CONCURRENCY = 32;

const server = await startFixedServer();
const TOKEN = "pat_bench_not_a_jwt";
const turbinex = createTurbineX({ baseUrl: server.origin, auth: bearer(TOKEN) });
const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
const arms = {
  raw: async () => (await fetch(`${server.origin}/jobs/job_1`, { headers })).json(),
  sdk: () => turbinex.jobs.get("job_1"),
};

/** Requests per second with `CONCURRENCY` workers pulling from one counter. */
async function throughput(call, total) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) await call();
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

await throughput(arms.raw, 500);
await throughput(arms.sdk, 500);
const ratios = [];
const rates = { raw: [], sdk: [] };
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? ["raw", "sdk"] : ["sdk", "raw"];
  const got = {};
  for (const name of order) got[name] = await throughput(arms[name], PER_ARM);
  rates.raw.push(got.raw);
  rates.sdk.push(got.sdk);
  ratios.push(got.sdk / got.raw);
  console.error(`throughput run ${r + 1}/${RUNS}: raw ${got.raw.toFixed(0)}/s, sdk ${got.sdk.toFixed(0)}/s`);
}
await server.close();
emit({
  id: "throughput",
  title: "2. Throughput at concurrency 32 vs raw fetch",
  goal: "≥ 0.90×",
  goalMin: 0.9,
  perArm: PER_ARM,
  ratio: summarize(ratios),
  rawPerSec: summarize(rates.raw),
  sdkPerSec: summarize(rates.sdk),
});
