// `npm run size`: the browser cost of each entry point, as a user's bundler would pay it: the
// BUILT entry with everything it imports (dependencies included), bundled by esbuild for the
// browser, minified, then gzipped. Fails when an entry exceeds its limit or has no budget.
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
 * one-line fix does not. Delete a line once issue 9 brings that entry within its budget.
 * Measured (gzip): turbostack 27.3, lyceum 42.4, turbinex 31.8, exchange 54.0 KB. They grew
 * 1.8–3.2 KB in the audit fixes: up-front option/header checks and the shared retry budget in the
 * core (core/http-checks.ts, core/retry.ts: most of TurboStack's 1.8 KB), then per
 * provider the batch reconciliation and envelope retries (exchange), uploadBulk (lyceum) and the
 * deploy-wait rule (turbostack). Correctness first; BENCHMARKS.md §5 lists what would win it back.
 */
const ceilings = {
  "turbokit/turbostack": 27.8 * KB,
  "turbokit/lyceum": 42.9 * KB,
  "turbokit/turbinex": 32.3 * KB,
  "turbokit/exchange": 54.5 * KB,
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
console.log(
  over === 0 ? "size: every entry within budget" : `size: ${over} entr${over === 1 ? "y" : "ies"} failing`,
);
process.exit(over === 0 ? 0 : 1);
