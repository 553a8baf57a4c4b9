// `npm run demo`: start the simulator on a free localhost port and walk through all four providers
// over real HTTP, showing progress as it happens, then print a summary. Exits 0 on success.
import { createSimulator, startSimulatorServer } from "../../src/testing/index.js";
import type { DemoChapter, DemoContext } from "./context.js";
import { exchangeChapter } from "./exchange.js";
import { lyceumChapter } from "./lyceum.js";
import { turbinexChapter } from "./turbinex.js";
import { turbostackChapter } from "./turbostack.js";

const chapters: Array<[name: "turbinex" | "turbostack" | "lyceum" | "exchange", title: string, DemoChapter]> =
  [
    ["turbinex", "TurbineX: a simulation job", turbinexChapter],
    ["turbostack", "TurboStack: a host configuration change and deploy", turbostackChapter],
    ["lyceum", "Lyceum Cloud: a GPU run, a VM, an org key and a batch", lyceumChapter],
    ["exchange", "Turbine Exchange: a signed order", exchangeChapter],
  ];

const tty = process.stdout.isTTY === true;
let statusShown = false;
let lastStatus = "";

function clearStatus(): void {
  if (tty && statusShown) process.stdout.write("\r\x1b[2K");
  statusShown = false;
}

function log(line: string): void {
  clearStatus();
  process.stdout.write(`  ${line}\n`);
}

function status(line: string): void {
  if (tty) {
    process.stdout.write(`\r\x1b[2K  … ${line.slice(0, (process.stdout.columns ?? 100) - 6)}`);
    statusShown = true;
  } else if (line !== lastStatus) {
    process.stdout.write(`  … ${line}\n`);
  }
  lastStatus = line;
}

// Simulated time runs 60× faster than real time, so jobs and deploys take seconds, not minutes.
const sim = createSimulator({ clock: { speed: 60 }, seed: 2026 });
const server = await startSimulatorServer(sim);
process.stdout.write(`turbokit demo: simulator on ${server.origin}\n`);

const started = performance.now();
const summary: string[] = [];
let failed = false;
for (const [name, title, run] of chapters) {
  process.stdout.write(`\n▶ ${title}\n`);
  const ctx: DemoContext = { sim, baseUrl: server.baseUrls[name] ?? "", log, status };
  const t0 = performance.now();
  try {
    const lines = await run(ctx);
    clearStatus();
    summary.push(
      `✔ ${title} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      ...lines.map((l) => `    ${l}`),
    );
  } catch (error) {
    clearStatus();
    failed = true;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log(`failed: ${message}`);
    summary.push(`✘ ${title}: ${message}`);
  }
}

await server.close();
process.stdout.write(
  `\nSummary (${((performance.now() - started) / 1000).toFixed(1)} s)\n${summary.map((l) => `  ${l}`).join("\n")}\n`,
);
process.exit(failed ? 1 : 0);
