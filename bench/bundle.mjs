// (5) Browser bundle size per entry point (the BUILT package; esbuild, browser, minified, gzip —
// the same measurement as `npm run size`), one typical call per SDK beside openai-node and
// @octokit/core measured the same way, and where each entry's bytes come from.

import { bundleSize } from "../scripts/bundle-size.mjs";
import { packageEntries } from "../test/runtimes/entries.mjs";
import { readmeApps } from "./lib/readme-apps.mjs";
import { emit } from "./lib/stats.mjs";

/** Groups esbuild's per-file output bytes by package (turbokit's own code by folder). */
function breakdown(inputs) {
  const groups = {};
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.includes("dist/") ? "turbokit" : "other");
    groups[pkg] = (groups[pkg] ?? 0) + bytesInOutput;
  }
  return groups;
}

const entries = [];
for (const specifier of Object.keys(packageEntries())) {
  if (specifier === "turbokit/testing") continue; // Node-only simulator, not a browser entry
  const { min, gzip, inputs } = await bundleSize(`export * from "${specifier}";`);
  entries.push({ name: specifier, what: "whole entry (export *)", min, gzip, breakdown: breakdown(inputs) });
}

// One authenticated GET through each SDK, as an app would write it (tree-shaking applies).
const calls = {
  "turbokit/turbinex jobs.get": `import { bearer } from "turbokit"; import { createTurbineX } from "turbokit/turbinex";
    export const run = () => createTurbineX({ auth: bearer("t") }).jobs.get("job_1");`,
  "turbokit/turbostack hosts.get": `import { bearer } from "turbokit"; import { createTurboStack } from "turbokit/turbostack";
    export const run = () => createTurboStack({ auth: bearer("t") }).hosts.get(1);`,
  "turbokit/exchange orders.submit": `import { createTurbineExchange } from "turbokit/exchange"; import { privateKeyToAccount } from "viem/accounts";
    export const run = (k, i) => createTurbineExchange({ signer: privateKeyToAccount(k) }).orders.submit(i);`,
  "openai models.retrieve": `import OpenAI from "openai";
    export const run = () => new OpenAI({ apiKey: "k", dangerouslyAllowBrowser: true }).models.retrieve("gpt-4o");`,
  "@octokit/core request": `import { Octokit } from "@octokit/core";
    export const run = () => new Octokit({ auth: "t" }).request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });`,
  "openai (whole entry)": `export * from "openai"; export { default } from "openai";`,
  "@octokit/core (whole entry)": `export * from "@octokit/core";`,
};
const peers = [];
for (const [name, contents] of Object.entries(calls)) {
  const { min, gzip, inputs } = await bundleSize(contents);
  peers.push({ name, min, gzip, breakdown: breakdown(inputs) });
  console.error(`bundle: ${name} ${(gzip / 1024).toFixed(1)} KB gzip`);
}

/** Repo-relative source files reachable from `from` in an esbuild metafile's import graph. */
function reachable(metafile, from) {
  const seen = new Set();
  const queue = [from];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file) || !metafile.inputs[file]) continue;
    seen.add(file);
    for (const { path } of metafile.inputs[file].imports) queue.push(path);
  }
  return seen;
}

/** Minified bytes by source file (src/…) or package, from a src/-resolved bundle. */
function bySource(inputs) {
  const groups = {};
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:v4\/(core|mini)\/)?/.exec(file);
    const key = pkg ? (pkg[2] ? `${pkg[1]}/${pkg[2]}` : pkg[1]) : file.replace(/^src\//, "");
    groups[key] = (groups[key] ?? 0) + bytesInOutput;
  }
  return groups;
}

// Issue 13's goals, on the README apps: the measured size (built package), then where the bytes
// go (the same app bundled from src/, by source file and package) and what-ifs measured the same
// way: without ky, without the provider's other resource modules (what tree-shakable standalone
// operations would drop), both.
const apps = [];
for (const [entry, app] of Object.entries(readmeApps)) {
  const built = await bundleSize(app.source);
  const src = await bundleSize(app.source, { source: true });
  const folder = app.resource.slice(0, app.resource.lastIndexOf("/") + 1);
  const needed = reachable(src.metafile, app.resource);
  const stub = new Set(app.otherResources.map((f) => folder + f).filter((f) => !needed.has(f)));
  const whatIf = {
    "as built from src/": src.gzip,
    "without ky": (await bundleSize(app.source, { source: true, external: ["ky"] })).gzip,
    "without the other resource modules": (await bundleSize(app.source, { source: true, stub })).gzip,
    "without both": (await bundleSize(app.source, { source: true, stub, external: ["ky"] })).gzip,
    "zod/mini's share (without zod)": (
      await bundleSize(app.source, { source: true, external: ["zod", "zod/*"] })
    ).gzip,
  };
  apps.push({
    name: `${entry} ${app.call}`,
    goalKb: app.budgetKb,
    min: built.min,
    gzip: built.gzip,
    breakdown: bySource(src.inputs),
    dropped: [...stub].map((f) => f.replace(/^src\//, "")),
    whatIf,
  });
  console.error(`bundle: README app ${entry} ${(built.gzip / 1024).toFixed(1)} KB gzip`);
}

emit({
  id: "bundle",
  title: "5. Browser bundle size (esbuild, platform browser, minified, gzip -9)",
  goal: "README app, one client one call: TurboStack ≤ 22 KB, TurbineX ≤ 25, Lyceum ≤ 32, Exchange with viem signing ≤ 55",
  budgets: {
    "turbokit/turbostack": 18,
    "turbokit/turbinex": 18,
    "turbokit/lyceum": 18,
    "turbokit/exchange": 42,
  },
  entries,
  calls: peers,
  apps,
});
