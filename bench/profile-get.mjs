// A profile of one validated GET through HttpClient.json, repeated: `node --cpu-prof
// bench/profile-get.mjs` (against the same fixed loopback server as the latency benchmark), or
// `IN_MEMORY=1 node --cpu-prof bench/profile-get.mjs` (the client's fetch answers the same job from
// memory, so the profile holds only the client's own work); then read the .cpuprofile in a
// profiler. Not part of `bench/run.mjs`: it measures nothing itself.
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { ARM, httpArms } from "./lib/arms.mjs";
import { JOB } from "./lib/bodies.mjs";
import { startFixedServer } from "./lib/server.mjs";

const inMemory = process.env.IN_MEMORY === "1";
const CALLS = Number(process.env.CALLS ?? (inMemory ? 30_000 : 6000));
const arm = process.env.ARM ?? ARM.sdk;
const server = inMemory ? undefined : await startFixedServer();
let call;
if (server) call = httpArms(server.origin)[arm];
else {
  const fetch = async () =>
    new Response(JOB, {
      headers: { "content-type": "application/json", "content-length": String(JOB.length) },
    });
  const turbinex = createTurbineX({ baseUrl: "http://127.0.0.1:9", auth: bearer("pat_bench"), fetch });
  call = () => turbinex.jobs.get("job_1");
}
for (let i = 0; i < 300; i++) await call();
const t0 = performance.now();
for (let i = 0; i < CALLS; i++) await call();
console.log(
  `${inMemory ? "in memory: " : ""}${arm}: ${((performance.now() - t0) / CALLS).toFixed(3)} ms per call`,
);
await server?.close();
