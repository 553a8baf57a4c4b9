// `npm run docs`: the TypeDoc API reference (docs/api). Warnings are errors, and an undocumented
// export is a warning: every export needs a doc comment. Type errors are `npm run typecheck`'s job
// (skipErrorChecking in typedoc.json), so the reference does not check them twice.
import { spawnSync } from "node:child_process";
import { packageEntries } from "../test/runtimes/entries.mjs";

/** The documented entry points: one line per provider, added once its exports carry doc comments. */
const documented = {
  turbokit: "src/index.ts",
  "turbokit/core": "src/core/index.ts",
  "turbokit/turbostack": "src/turbostack/index.ts",
  "turbokit/turbinex": "src/turbinex/index.ts",
  "turbokit/exchange": "src/exchange/index.ts",
  "turbokit/lyceum": "src/lyceum/index.ts",
  "turbokit/testing": "src/testing/index.ts",
};

const missing = Object.keys(packageEntries()).filter((specifier) => !(specifier in documented));
if (missing.length > 0) console.log(`docs: not in the reference yet: ${missing.join(", ")}`);
const args = [
  ...Object.values(documented).flatMap((source) => ["--entryPoints", source]),
  "--options",
  "typedoc.json",
  ...process.argv.slice(2),
];
const run = spawnSync("typedoc", args, { stdio: "inherit" });
process.exit(run.status ?? 1);
