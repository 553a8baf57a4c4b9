// `npm run size`: the browser cost of each entry point, as a user's bundler would pay it: the
// BUILT entry with everything it imports (dependencies included), bundled by esbuild for the
// browser, minified, then gzipped. Fails when an entry exceeds its limit or has no budget.

import { readmeApps, STANDALONE_GOAL_KB, standaloneApps } from "../bench/lib/readme-apps.mjs";
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
 * Measured (gzip): core 34.5, turbostack 35.1, lyceum 56.1, turbinex 42.3, exchange 64.3 KB.
 * The history of each kilobyte is in BENCHMARKS.md §5; the last change: the provider template
 * (every operation standalone beside its resource class, APIPromise, client cores, withOptions)
 * grew each whole entry by 1–2.3 KB, while the cheaper core (one list of public errors, the
 * parse-then-walk JSON reader) took 1.9 KB off the core's own entry.
 */
const ceilings = {
  "turbokit/core": 35.0 * KB,
  "turbokit/turbostack": 35.6 * KB,
  "turbokit/lyceum": 56.6 * KB,
  "turbokit/turbinex": 42.8 * KB,
  "turbokit/exchange": 64.8 * KB,
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
  "turbokit/turbostack": 35.4 * KB,
  "turbokit/turbinex": 43.3 * KB,
  "turbokit/lyceum": 55.6 * KB,
  "turbokit/exchange": 74.3 * KB,
};
// The same calls through the standalone operations (issue 13 point 4; goal ≤ 18 KB): reported,
// with ceilings of their own. The floor under every one of them is ky and zod/mini (~15 KB gzip)
// plus the core's HTTP client (BENCHMARKS.md §5).
const standaloneCeilings = {
  "turbokit/turbostack": 31.8 * KB,
  "turbokit/turbinex": 37.5 * KB,
  "turbokit/lyceum": 36.8 * KB,
  "turbokit/exchange": 65.9 * KB,
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
console.log("\nThe same call, standalone operation on a client core         gzip      goal");
for (const [entry, app] of Object.entries(standaloneApps)) {
  const { gzip } = await bundleSize(app.source);
  const goal = STANDALONE_GOAL_KB * KB;
  const limit = standaloneCeilings[entry] ?? goal;
  const verdict =
    gzip > limit
      ? "OVER"
      : gzip > goal
        ? `ok (ceiling ${(limit / KB).toFixed(1)} KB; ${((gzip - goal) / KB).toFixed(1)} KB over the goal)`
        : "ok";
  if (verdict === "OVER") over += 1;
  console.log(
    `${`${entry} ${app.call}`.padEnd(60)} ${`${(gzip / KB).toFixed(1)} KB`.padStart(9)} ${`${STANDALONE_GOAL_KB} KB`.padStart(9)}  ${verdict}`,
  );
}
console.log(
  over === 0 ? "size: every entry within budget" : `size: ${over} entr${over === 1 ? "y" : "ies"} failing`,
);
process.exit(over === 0 ? 0 : 1);
