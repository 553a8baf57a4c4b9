// `npm run test:runtimes`: the smoke suite (test/runtimes) against the BUILT package on Node 24,
// Node 22, Deno 2 (also without --allow-env) and headless Chromium. Each runtime gets a fresh simulator on a free localhost
// port (so no run sees another's state); one plain summary line per runtime, then a total.
// `--only=deno,chromium` picks runtimes; `--verbose` prints every check line.
import { existsSync } from "node:fs";
import { createSimulator, startSimulatorServer } from "turbokit/testing";
import { root } from "../test/runtimes/entries.mjs";
import { chromium } from "../test/runtimes/runners/chromium.mjs";
import { deno, denoNoEnv } from "../test/runtimes/runners/deno.mjs";
import { node22, node24 } from "../test/runtimes/runners/node.mjs";
import { parseSummary } from "../test/runtimes/runners/process.mjs";
import { simConfig } from "../test/runtimes/sim-config.mjs";

const runtimes = { node24, node22, deno, "deno-no-env": denoNoEnv, chromium };

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const verbose = args.includes("--verbose") || process.env.CI === "true";
if (!existsSync(`${root}dist/index.js`)) {
  console.error("dist/ is missing: run `npm run build` first (npm run test:runtimes does)");
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const [name, run] of Object.entries(runtimes)) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  // Simulated time runs fast so waits (deploys, jobs, runs) finish in seconds of real time.
  const sim = createSimulator({ clock: { speed: 30 } });
  const server = await startSimulatorServer(sim, { port: Number(process.env.SIM_PORT ?? 0) });
  let result;
  try {
    result = await run(simConfig(server));
  } catch (error) {
    result = { code: 1, output: String(error?.stack ?? error) };
  } finally {
    await server.close();
  }
  const summary = parseSummary(result.output) ?? { passed: 0, failed: 1 };
  if (result.code !== 0 && summary.failed === 0) summary.failed = 1;
  passed += summary.passed;
  failed += summary.failed;
  if (verbose || summary.failed > 0) console.log(result.output.trimEnd().replace(/^/gm, `  ${name} | `));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${name}: ${summary.passed} passed, ${summary.failed} failed (${seconds} s)`);
}
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
