// `npm run size`: the browser cost of each entry point, as a user's bundler would pay it: the
// BUILT entry with everything it imports (dependencies included), bundled by esbuild for the
// browser, minified, then gzipped. Fails when an entry exceeds its limit or has no budget.
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { packageEntries } from "../test/runtimes/entries.mjs";
import { builtPackage } from "../test/runtimes/runners/chromium.mjs";

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
  "turbokit/lyceum": 38.5 * KB,
  "turbokit/turbinex": 29 * KB,
  "turbokit/exchange": 50 * KB,
};

let over = 0;
console.log("entry                      min        gzip      budget");
for (const specifier of Object.keys(packageEntries())) {
  const budget = budgets[specifier];
  if (budget === null) continue;
  const result = await esbuild.build({
    stdin: { contents: `export * from "${specifier}";`, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: [builtPackage],
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
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
    `${specifier.padEnd(24)} ${kb(code.length)} ${kb(gzip)} ${budget ? kb(budget) : "        -"}  ${verdict}`,
  );
}
console.log(
  over === 0 ? "size: every entry within budget" : `size: ${over} entr${over === 1 ? "y" : "ies"} failing`,
);
process.exit(over === 0 ? 0 : 1);
