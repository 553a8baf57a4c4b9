// CI check (issue 19, point 1): each entry's built declarations promise exactly the values its
// built module exports. A name declared as a value but missing at run time type-checks and then
// fails on import ("does not provide an export named …"); publint and attw do not look for this.
//
// The declared values come from the TypeScript compiler itself: a probe module reads every
// exported name as a value (`ns.name`) through the package's own exports map, and the names the
// compiler accepts there are the entry's value exports (type-only ones, from `export type` or
// `export type *`, are rejected). Run after `npm run build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const dir = resolve(process.argv[2] ?? ".");
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === "object")
  .map(([subpath, target]) => ({
    specifier: `${pkg.name}${subpath.slice(1)}`,
    code: join(dir, target.default),
  }));

const options = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};
// Inside the package folder, so its name resolves by self-reference through its exports map.
const probeDir = join(dir, ".tmp/dts-probe");
rmSync(probeDir, { recursive: true, force: true });
mkdirSync(probeDir, { recursive: true });

/** Every name an entry's declarations export (types and values), one probe file per entry. */
function exportedNames() {
  const files = entries.map((entry, i) => {
    const file = `${probeDir}/names-${i}.ts`;
    writeFileSync(file, `export * as ns from "${entry.specifier}";\n`);
    return file;
  });
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  return entries.map((entry, i) => {
    const source = program.getSourceFile(files[i]);
    const resolved = program.getResolvedModule?.(source, entry.specifier, ts.ModuleKind.ESNext);
    const target = resolved?.resolvedModule?.resolvedFileName;
    const module = target && program.getSourceFile(target);
    if (!module) throw new Error(`${entry.specifier}: types do not resolve (run npm run build first)`);
    return checker.getExportsOfModule(checker.getSymbolAtLocation(module)).map((s) => s.name);
  });
}

/** The subset the compiler lets a caller read as values. */
function declaredValues(names) {
  const files = entries.map((entry, i) => {
    const file = `${probeDir}/values-${i}.ts`;
    const lines = names[i].map((name) => `ns[${JSON.stringify(name)}];`);
    writeFileSync(file, `import * as ns from "${entry.specifier}";\n${lines.join("\n")}\n`);
    return file;
  });
  const program = ts.createProgram(files, options);
  return entries.map((_, i) => {
    const source = program.getSourceFile(files[i]);
    const rejected = new Set(
      program
        .getSemanticDiagnostics(source)
        .map((d) => source.getLineAndCharacterOfPosition(d.start).line - 1),
    );
    return names[i].filter((_, line) => !rejected.has(line));
  });
}

const names = exportedNames();
const values = declaredValues(names);
let problems = 0;
for (const [i, { specifier, code }] of entries.entries()) {
  const declared = new Set(values[i]);
  const runtime = new Set(Object.keys(await import(pathToFileURL(code).href)));
  const missing = [...declared].filter((name) => !runtime.has(name)).sort();
  const undeclared = [...runtime].filter((name) => !declared.has(name)).sort();
  if (missing.length)
    console.log(`${specifier}: declared as values, missing at run time: ${missing.join(", ")}`);
  if (undeclared.length)
    console.log(`${specifier}: exported at run time, not declared: ${undeclared.join(", ")}`);
  problems += missing.length + undeclared.length;
  console.log(
    `${specifier}: ${names[i].length} names declared, ${declared.size} of them values; ${runtime.size} run-time exports`,
  );
}
console.log(`dts exports: ${entries.length} entries checked, ${problems} mismatches`);
process.exit(problems === 0 ? 0 : 1);
