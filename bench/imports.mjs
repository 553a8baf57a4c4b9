// (6) Cold import time of each BUILT entry point in a fresh Node process, vs importing the bare
// packages that entry imports (found by following dist/'s import graph), alternating per run.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { packageEntries, root } from "../test/runtimes/entries.mjs";
import { emit, median, size, summarize } from "./lib/stats.mjs";

const RUNS = size(15, 3);

/** Bare specifiers reachable from a built file through its relative imports. */
function dependenciesOf(file, seen = new Set(), deps = new Set()) {
  if (seen.has(file)) return deps;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const [, spec] of source.matchAll(
    /(?:^|[;\s])(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/g,
  )) {
    if (spec.startsWith(".")) dependenciesOf(resolve(dirname(file), spec), seen, deps);
    else if (!spec.startsWith("node:")) deps.add(spec);
  }
  return deps;
}

/** Milliseconds spent in `import()` of the given specifiers, measured inside a fresh process. */
function importMs(specifiers) {
  const code = `const t = performance.now(); await Promise.all(${JSON.stringify(specifiers)}.map((s) => import(s))); console.log(performance.now() - t);`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" }),
  );
}

const rows = [];
for (const [specifier, file] of Object.entries(packageEntries())) {
  const deps = [...dependenciesOf(`${root}${file}`)].sort();
  const own = [];
  const bare = [];
  for (let r = 0; r < RUNS; r++) {
    if (r % 2 === 0) {
      own.push(importMs([specifier]));
      bare.push(importMs(deps));
    } else {
      bare.push(importMs(deps));
      own.push(importMs([specifier]));
    }
  }
  rows.push({
    name: specifier,
    deps,
    ms: median(own),
    depsMs: median(bare),
    ratio: summarize(own.map((t, i) => t / bare[i])),
    extraMs: summarize(own.map((t, i) => t - bare[i])),
  });
  console.error(`imports: ${specifier} ${median(own).toFixed(1)} ms vs deps ${median(bare).toFixed(1)} ms`);
}
emit({
  id: "imports",
  title: "6. Cold import time in a fresh Node process vs its dependencies alone",
  goal: "(no goal: report)",
  rows,
});
