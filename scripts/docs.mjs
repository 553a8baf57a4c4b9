// `npm run docs`: the TypeDoc site (docs/api): the README as its landing page, the provider guides
// (docs/*.md) as documents, and the API reference. Warnings are errors, and an undocumented
// export is a warning: every export needs a doc comment. Type errors are `npm run typecheck`'s job
// (skipErrorChecking in typedoc.json), so the reference does not check them twice.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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
if (run.status !== 0) process.exit(run.status ?? 1);

// The site a reader lands on: the README as its front page, the provider guides beside the API.
const out = "docs/api";
const guides = ["turbinex", "turbostack", "lyceum", "exchange", "core"];
const problems = [
  ...(readFileSync(`${out}/index.html`, "utf8").includes('id="turbokit"')
    ? []
    : ["index.html is not the README"]),
  ...guides.filter((g) => !existsSync(`${out}/documents/${g}.html`)).map((g) => `guide ${g} missing`),
];
for (const problem of problems) console.log(`docs: ${problem}`);
console.log(
  `docs: README as the landing page, ${guides.length - problems.length} guides, ${problems.length} problems`,
);
process.exit(problems.length === 0 ? 0 : 1);
