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
 * Today's sizes, above the issue-9 budgets: these entries may not GROW (a regression fails),
 * and print how far they are from the budget. Delete a line when issue 9 brings it in budget.
 */
const ceilings = {
  "turbokit/turbostack": 25.5 * KB,
  // lyceum and exchange: +1 KB each for issue 8's notebook charts (GPU metrics, spread curves
  // render as SVG through svgLineChart: measured +1.1 KB and +1.0 KB gzip).
  "turbokit/lyceum": 40 * KB,
  "turbokit/turbinex": 29 * KB,
  "turbokit/exchange": 51 * KB,
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
