// `npm run typecheck` (second half): every ```ts block of README.md and docs/*.md is compiled
// against the package's **built** declarations (dist/**/*.d.ts, reached through package.json's
// exports exactly as an installed copy is), once with the current TypeScript and once with the
// oldest supported one (the `typescript-5.5` devDependency), so a renamed option, a type only the
// newest compiler accepts, or a declaration that only works from source cannot linger in the docs.
// Blocks are fragments of one story (the client made in the first block is used in the next), so
// each compiles as its own module beside doc-globals.d.ts, which declares those shared clients and
// the placeholders the prose leaves to the reader (a password, a compose file…).
// Needs the declarations: `tsc -p tsconfig.build.json` (or `npm run build`) first.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { runProcess } from "../test/runtimes/runners/process.mjs";

/** The compilers every snippet must pass: the current one and the supported floor. */
const compilers = [
  { name: "typescript", tsc: "node_modules/typescript/bin/tsc" },
  { name: "typescript-5.5", tsc: "node_modules/typescript-5.5/bin/tsc" },
];

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const missing = Object.values(pkg.exports)
  .filter((target) => typeof target === "object" && !existsSync(target.types))
  .map((target) => target.types);
if (missing.length) {
  console.log(`doc snippets: ${missing.join(", ")} missing; run \`tsc -p tsconfig.build.json\` first`);
  process.exit(1);
}

// Inside the package folder, so "turbokit/…" resolves by self-reference through the exports map.
const out = ".tmp/doc-snippets";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const files = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
let blocks = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  for (const [index, match] of [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].entries()) {
    const line = text.slice(0, match.index).split("\n").length + 1;
    const name = `${file.replace(/\W/g, "_")}_${index}.ts`;
    // The first line says where the block lives, so a compiler error points back to the doc.
    writeFileSync(`${out}/${name}`, `// ${file}:${line}\n${match[1]}\nexport {};\n`);
    blocks += 1;
  }
}
writeFileSync(`${out}/doc-globals.d.ts`, readFileSync("scripts/doc-globals.d.ts", "utf8"));
// What a user's project typically sets: strict, ESM with Node resolution, the DOM and Node's types
// side by side (the case where their two WritableStream types meet). No `paths` to the sources.
writeFileSync(
  `${out}/tsconfig.json`,
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: ["node"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ["*.ts"],
  }),
);

let failed = false;
for (const compiler of compilers) {
  const result = await runProcess("node_modules/.bin/node", [compiler.tsc, "-p", out], {
    timeoutMs: 180_000,
  });
  const errors = result.output.split("\n").filter((l) => /error TS\d+/.test(l));
  for (const error of errors) {
    // Map ".tmp/doc-snippets/docs_lyceum_md_3.ts(5,1)" back to the doc line.
    const [, snippet, row] = /^(?:\.tmp\/doc-snippets\/)?([^(]+)\((\d+),/.exec(error) ?? [];
    const origin =
      snippet && existsSync(`${out}/${snippet}`)
        ? readFileSync(`${out}/${snippet}`, "utf8").split("\n")[0].slice(3)
        : "";
    const [docFile, docLine] = origin.split(":");
    console.log(
      docFile
        ? `[${compiler.name}] ${docFile}:${Number(docLine) + Number(row) - 2}: ${error}`
        : `[${compiler.name}] ${error}`,
    );
  }
  if (result.code !== 0 && errors.length === 0) console.log(result.output);
  failed ||= result.code !== 0 || errors.length > 0;
  const version = JSON.parse(readFileSync(`node_modules/${compiler.name}/package.json`, "utf8")).version;
  console.log(
    `doc snippets (TypeScript ${version}): ${blocks} blocks from ${files.length} files type-checked against dist, ${errors.length} errors`,
  );
}
process.exit(failed ? 1 : 0);
