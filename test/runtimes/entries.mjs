// The package's public entry points, read from package.json `exports`, so every tool that must
// resolve `turbokit/...` to the BUILT files (Deno's import map, the browser bundle, the size
// budgets) follows new subpath exports without being edited.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("package.json", `file://${root}`), "utf8"));

/** `{ "turbokit": "dist/index.js", "turbokit/turbostack": "dist/turbostack/index.js", ... }` */
export function packageEntries() {
  const entries = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath === "./package.json") continue;
    const file = typeof target === "string" ? target : target.default;
    entries[subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`] = file.replace(/^\.\//, "");
  }
  return entries;
}

/** An absolute path for a package specifier, or undefined when it is not one of ours. */
export function resolveEntry(specifier) {
  const file = packageEntries()[specifier];
  return file ? `${root}${file}` : undefined;
}
