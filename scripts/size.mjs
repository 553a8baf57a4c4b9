// `npm run size`: the browser cost of each entry point, as a user's bundler would pay it: the
// BUILT entry with everything it imports (dependencies included), bundled by esbuild for the
// browser, minified, then gzipped. Fails when an entry exceeds its limit or has no budget.
import { packageEntries } from "../test/runtimes/entries.mjs";
import { bundleSize } from "./bundle-size.mjs";

const KB = 1024;
/** gzip budgets (issue 9). `null`: not a browser entry (Node-only simulator), not measured. */
const budgets = {
  turbokit: 12 * KB,
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
 * Measured (gzip): turbostack 25.5, lyceum 40.2, turbinex 29.6, exchange 50.8 KB (lyceum and
 * turbinex grew 0.5 KB for streamed multipart uploads, core/multipart.ts).
 */
const ceilings = {
  "turbokit/turbostack": 26 * KB,
  "turbokit/lyceum": 40.7 * KB,
  "turbokit/turbinex": 30.1 * KB,
  "turbokit/exchange": 51.3 * KB,
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
