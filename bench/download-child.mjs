// One streamed download in a fresh process (so peak RSS belongs to this download alone):
// `node download-child.mjs <sdk|raw> <origin> <bytes>` prints one JSON line.
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";

const [mode, origin, total] = process.argv.slice(2);
const bytes = Number(total);
const id = `size_${bytes}`;
const turbinex = createTurbineX({ baseUrl: origin, auth: bearer("pat_bench_not_a_jwt") });
const open = {
  raw: async () =>
    (await fetch(`${origin}/jobs/${id}/output`, { headers: { authorization: "Bearer pat_bench_not_a_jwt" } }))
      .body,
  sdk: async () => (await turbinex.jobs.downloadOutput(id)).body,
  "sdk + onProgress": async () => (await turbinex.jobs.downloadOutput(id, { onProgress: () => {} })).body,
};

globalThis.gc?.();
const base = process.memoryUsage().rss;
let peak = base;
const sample = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
};
const timer = setInterval(sample, 5);
const t0 = performance.now();
let received = 0;
let chunks = 0;
for await (const chunk of await open[mode]()) {
  received += chunk.byteLength; // the null sink
  if (++chunks % 64 === 0) sample();
}
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
sample();
if (received !== bytes) throw new Error(`received ${received} of ${bytes} bytes`);
console.log(
  JSON.stringify({
    mode,
    seconds,
    mibPerSec: bytes / 2 ** 20 / seconds,
    peakGrowthMiB: (peak - base) / 2 ** 20,
  }),
);
