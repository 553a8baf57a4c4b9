// `npm run test:reliability`: the reliability and security suite (issue 10). Runs vitest with its
// own config, then renders the figures each test file left in .tmp/reliability/ as the table of
// RELIABILITY.md and prints it. `--write` also replaces the table in RELIABILITY.md (only after a
// green run). Env: RELIABILITY_SEED (default 20261123), RELIABILITY_OPS (soak operations, default
// 10000), RELIABILITY_RUNS (fuzz runs per schema/property, default 1000).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderFigures } from "./reliability-table.mjs";

const dir = join(".tmp", "reliability");
const write = process.argv.includes("--write");
const passthrough = process.argv.slice(2).filter((a) => a !== "--write");

rmSync(dir, { recursive: true, force: true });
const started = Date.now();
const run = spawnSync("vitest", ["run", "--config", "vitest.reliability.config.ts", ...passthrough], {
  stdio: "inherit",
  shell: process.platform === "win32",
});
const seconds = Math.round((Date.now() - started) / 1000);

const figures = {};
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    figures[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, file), "utf8"));
  }
}
const table = renderFigures(figures, { seconds, env: process.env });
console.log(`\n${table}`);

if (write && run.status === 0) {
  const path = "RELIABILITY.md";
  const doc = readFileSync(path, "utf8");
  const start = "<!-- figures:start -->";
  const end = "<!-- figures:end -->";
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error("RELIABILITY.md has no figures markers");
  writeFileSync(path, `${doc.slice(0, a + start.length)}\n${table}\n${doc.slice(b)}`);
  console.log("reliability: RELIABILITY.md updated");
}
console.log(`reliability: ${run.status === 0 ? "passed" : "FAILED"} in ${seconds} s`);
process.exit(run.status ?? 1);
