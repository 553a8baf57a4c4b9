// (5) Browser bundle size per entry point (the BUILT package; esbuild, browser, minified, gzip —
// the same measurement as `npm run size`), one typical call per SDK beside openai-node and
// @octokit/core measured the same way, and where each entry's bytes come from.

import { bundleSize } from "../scripts/bundle-size.mjs";
import { packageEntries } from "../test/runtimes/entries.mjs";
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

emit({
  id: "bundle",
  title: "5. Browser bundle size (esbuild, platform browser, minified, gzip -9)",
  goal: "non-crypto provider ≤ 18 KB; exchange incl. viem signing ≤ 42 KB",
  budgets: {
    "turbokit/turbostack": 18,
    "turbokit/turbinex": 18,
    "turbokit/lyceum": 18,
    "turbokit/exchange": 42,
  },
  entries,
  calls: peers,
});
