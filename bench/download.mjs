// (4) A 1 GiB generated download streamed to a null sink, each in a fresh child process: peak RSS
// growth, and throughput against a raw fetch stream in the same run (arms alternate per run).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startFixedServer } from "./lib/server.mjs";
import { emit, median, size, summarize } from "./lib/stats.mjs";

const BYTES = size(2 ** 30, 2 ** 28);
const RUNS = size(3, 1);
const child = fileURLToPath(new URL("./download-child.mjs", import.meta.url));
const server = await startFixedServer();

const run = (mode, bytes = BYTES) =>
  JSON.parse(
    execFileSync(process.execPath, ["--expose-gc", child, mode, server.origin, String(bytes)], {
      encoding: "utf8",
    }),
  );

const arms = ["raw", "sdk", "sdk + onProgress"];
const results = Object.fromEntries(arms.map((a) => [a, []]));
// Does RSS growth scale with the download? The same raw stream at a quarter of the size says.
const quarter = [];
for (let r = 0; r < RUNS; r++) {
  for (const mode of r % 2 === 0 ? arms : [...arms].reverse()) results[mode].push(run(mode));
  quarter.push(run("raw", BYTES / 4).peakGrowthMiB);
  console.error(
    `download run ${r + 1}/${RUNS}: ${arms.map((a) => `${a} ${results[a][r].mibPerSec.toFixed(0)} MiB/s`).join(", ")}`,
  );
}
await server.close();

emit({
  id: "download",
  title: `4. ${BYTES / 2 ** 20} MiB streamed download to a null sink`,
  goal: "peak RSS growth ≤ 64 MiB; throughput ≥ 0.9× raw fetch",
  goalMaxRssMiB: 64,
  goalMin: 0.9,
  bytes: BYTES,
  rawQuarterSizeGrowthMiB: summarize(quarter),
  rows: arms.map((a) => ({
    name: a,
    ratio: summarize(results[a].map((x, i) => x.mibPerSec / results.raw[i].mibPerSec)),
    mibPerSec: median(results[a].map((x) => x.mibPerSec)),
    peakGrowthMiB: summarize(results[a].map((x) => x.peakGrowthMiB)),
  })),
});
