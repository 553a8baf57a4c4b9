// `npm run size`: the browser cost of each entry point, as a user's bundler would pay it: the
// BUILT entry with everything it imports (dependencies included), bundled by esbuild for the
// browser, minified, then gzipped. Fails when an entry exceeds its limit or has no budget.

import { readmeApps } from "../bench/lib/readme-apps.mjs";
import { packageEntries } from "../test/runtimes/entries.mjs";
import { bundleSize } from "./bundle-size.mjs";

const KB = 1024;
/** gzip budgets (issue 9). `null`: not a browser entry (Node-only simulator), not measured. */
const budgets = {
  turbokit: 12 * KB,
  // The shared HTTP client with ky and zod/mini: the floor every provider entry builds on.
  "turbokit/core": 27 * KB,
  "turbokit/turbostack": 18 * KB,
  "turbokit/turbinex": 18 * KB,
  "turbokit/lyceum": 18 * KB,
  "turbokit/exchange": 42 * KB, // viem's signing included
  "turbokit/testing": null,
};
/**
 * Above the issue-9 budgets today (BENCHMARKS.md §5 says why): these entries may not GROW. Each
 * ceiling is the measured size plus about 0.5 KB gzip, so a real regression fails while a
 * one-line fix does not. Delete a line once an entry is within its budget.
 * Measured (gzip): core 36.4, turbostack 33.7, lyceum 53.4, turbinex 40.3, exchange 62.8 KB.
 * Growth, each for a reason: 1.8–3.2 KB in the audit fixes (up-front option/header checks and the
 * shared retry budget in the core, then per provider the batch reconciliation and envelope
 * retries, uploadBulk, the deploy-wait rule); +1.45 KB for the response fast parser
 * (core/fast-parse.ts) and the digit-by-digit timestamp reader (validation about 3× faster,
 * BENCHMARKS.md §3); then about 4 KB in every entry for issue 14 and 17 (the ky-driven attempt
 * loop with bounded auth steps, checked redirects and storage downloads, the linear redactor's
 * automaton, the bounded JSON reader keeping big integers exact, final-word waits, environment
 * configuration, storage downloads in Lyceum) and, in the exchange, the official client's shapes
 * and spread builders; then ~0.4 KB for the review's fixes (bounded storage reads, shared codecs).
 * BENCHMARKS.md §5 lists what would win bytes back (tree-shakable operations, issue 13 point 4).
 * The exchange on the provider template (APIPromise, client core, withOptions, shared argument
 * checks): +1.1 KB for the whole entry and the one-client app; the same app written with the
 * standalone operations (`createTurbineExchangeCore` + `submitOrder`) is 65.0 KB, 8.4 KB less.
 * Lyceum +2.3 KB for the provider template (APIPromise, the client core, one standalone function
 * per method beside its resource class): the whole entry grows, while an app written with the
 * standalone operations (`createLyceumCore` + `startPythonRun`) bundles 35.8 KB instead of 54.6.
 */
const ceilings = {
  "turbokit/core": 36.9 * KB,
  "turbokit/turbostack": 34.2 * KB,
  "turbokit/lyceum": 56.2 * KB,
  "turbokit/turbinex": 40.8 * KB,
  "turbokit/exchange": 64.4 * KB,
};

let over = 0;
console.log("entry                      min        gzip      budget");
for (const specifier of Object.keys(packageEntries())) {
  const budget = budgets[specifier];
  if (budget === null) continue;
  const { min, gzip } = await bundleSize(`export * from "${specifier}";`);
  const limit = ceilings[specifier] ?? budget;
  const verdict =
    budget === undefined
      ? "NO BUDGET"
      : gzip > limit
        ? "OVER"
        : gzip > budget
          ? `ok (ceiling ${(limit / KB).toFixed(1)} KB; ${((gzip - budget) / KB).toFixed(1)} KB over the issue-9 budget)`
          : "ok";
  if (!verdict.startsWith("ok")) over += 1;
  const kb = (n) => `${(n / KB).toFixed(1)} KB`.padStart(9);
  console.log(
    `${specifier.padEnd(24)} ${kb(min)} ${kb(gzip)} ${budget ? kb(budget) : "        -"}  ${verdict}`,
  );
}
// Issue 13's goals, for an app written as the README writes it (one client, one call): reported,
// with a ceiling of their own (measured + ~0.5 KB) so they cannot grow unnoticed either.
const appCeilings = {
  "turbokit/turbostack": 34.1 * KB,
  "turbokit/turbinex": 41.6 * KB,
  "turbokit/lyceum": 55.1 * KB,
  "turbokit/exchange": 73.9 * KB,
};
console.log("\nREADME app (one client, one call)                    gzip      goal");
for (const [entry, app] of Object.entries(readmeApps)) {
  const { gzip } = await bundleSize(app.source);
  const goal = app.budgetKb * KB;
  const limit = appCeilings[entry] ?? goal;
  const verdict =
    gzip > limit
      ? "OVER"
      : gzip > goal
        ? `ok (ceiling ${(limit / KB).toFixed(1)} KB; ${((gzip - goal) / KB).toFixed(1)} KB over the issue-13 goal)`
        : "ok";
  if (verdict === "OVER") over += 1;
  console.log(
    `${`${entry} ${app.call}`.padEnd(52)} ${`${(gzip / KB).toFixed(1)} KB`.padStart(9)} ${`${app.budgetKb} KB`.padStart(9)}  ${verdict}`,
  );
}
console.log(
  over === 0 ? "size: every entry within budget" : `size: ${over} entr${over === 1 ? "y" : "ies"} failing`,
);
process.exit(over === 0 ? 0 : 1);
