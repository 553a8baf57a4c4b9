// `npm run typecheck` (second half): every ```ts block of README.md and docs/*.md is compiled
// against the package's real types, so a renamed option or method cannot linger in the docs.
// Blocks are fragments of one story (the client made in the first block is used in the next), so
// each compiles as its own module beside doc-globals.d.ts, which declares those shared clients and
// the placeholders the prose leaves to the reader (a password, a compose file…).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { runProcess } from "../test/runtimes/runners/process.mjs";

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
writeFileSync(
  `${out}/tsconfig.json`,
  JSON.stringify({
    extends: "../../tsconfig.json",
    compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false, rootDir: "../.." },
    include: ["*.ts"],
  }),
);

const result = await runProcess("node_modules/.bin/node", ["node_modules/typescript/bin/tsc", "-p", out], {
  timeoutMs: 120_000,
});
const errors = result.output.split("\n").filter((l) => /error TS\d+/.test(l));
for (const error of errors) {
  // Map ".tmp/doc-snippets/docs_lyceum_md_3.ts(5,1)" back to the doc line.
  const [, snippet, row] = /^(?:\.tmp\/doc-snippets\/)?([^(]+)\((\d+),/.exec(error) ?? [];
  const origin = snippet ? readFileSync(`${out}/${snippet}`, "utf8").split("\n")[0].slice(3) : "";
  const [docFile, docLine] = origin.split(":");
  console.log(docFile ? `${docFile}:${Number(docLine) + Number(row) - 2}: ${error}` : error);
}
console.log(
  `doc snippets: ${blocks} blocks from ${files.length} files type-checked, ${errors.length} errors`,
);
process.exit(result.code === 0 && errors.length === 0 ? 0 : 1);
