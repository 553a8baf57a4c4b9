// `npm run bench` (after `npm run build`): runs every benchmark in its own Node process, one after
// another, collects their tagged result lines into bench/results/latest.json and prints the
// tables BENCHMARKS.md is made of. `BENCH_QUICK=1` for a fast pass; `node bench/run.mjs latency`
// runs only the named ones. These are measurements, never pass/fail tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderMarkdown } from "./lib/report.mjs";
import { machine } from "./lib/stats.mjs";

const all = [
  "latency",
  "throughput",
  "validation",
  "download",
  "bundle",
  "imports",
  "exchange",
  "refresh-storm",
];
// The project's pinned toolchain Node (a devDependency), so `node bench/run.mjs` from a shell whose
// `node` is older measures the same runtime as `npm run bench`.
const toolchainNode = fileURLToPath(new URL("../node_modules/.bin/node", import.meta.url));
const nodeBin = existsSync(toolchainNode) ? toolchainNode : process.execPath;
const picked = process.argv.slice(2).length ? process.argv.slice(2) : all;
const results = [];
const started = Date.now();
for (const name of picked) {
  const file = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  const t0 = Date.now();
  const run = spawnSync(nodeBin, ["--expose-gc", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (run.status !== 0 || !line) {
    console.error(`bench ${name}: failed (exit ${run.status})`);
    results.push({ id: name, failed: true });
    continue;
  }
  results.push({ ...JSON.parse(line.slice("BENCH_RESULT ".length)), seconds: (Date.now() - t0) / 1000 });
}
const report = {
  date: new Date().toISOString(),
  machine: { ...machine(), node: spawnSync(nodeBin, ["--version"], { encoding: "utf8" }).stdout.trim() },
  command: `${process.env.BENCH_QUICK === "1" ? "BENCH_QUICK=1 " : ""}npm run bench${process.argv.length > 2 ? ` -- ${picked.join(" ")}` : ""}`,
  totalSeconds: (Date.now() - started) / 1000,
  results,
};
const out = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${out}latest.md`, renderMarkdown(report));
console.log(renderMarkdown(report));
console.log(
  `bench: ${results.filter((r) => !r.failed).length}/${results.length} benchmarks ran in ${report.totalSeconds.toFixed(0)} s (bench/results/latest.json)`,
);
process.exit(results.some((r) => r.failed) ? 1 : 0);
