// A profile of one validated GET through HttpClient.json, repeated: `node --cpu-prof
// bench/profile-get.mjs` (against the same fixed loopback server as the latency benchmark),
// then read the .cpuprofile in a profiler. Not part of `bench/run.mjs`: it measures nothing itself.
import { ARM, httpArms } from "./lib/arms.mjs";
import { startFixedServer } from "./lib/server.mjs";

const CALLS = Number(process.env.CALLS ?? 6000);
const arm = process.env.ARM ?? ARM.sdk;
const server = await startFixedServer();
const call = httpArms(server.origin)[arm];
for (let i = 0; i < 300; i++) await call();
const t0 = performance.now();
for (let i = 0; i < CALLS; i++) await call();
console.log(`${arm}: ${((performance.now() - t0) / CALLS).toFixed(3)} ms per call`);
await server.close();
