import { defineConfig, type Options } from "tsup";
import pkg from "./package.json" with { type: "json" };

// One entry per subpath export, derived from package.json so the two never drift.
const entries = Object.entries(pkg.exports)
  .filter(([subpath]) => subpath !== "./package.json")
  .map(([subpath, target]) => {
    const out = (target as { default: string }).default.replace(/^\.\/dist\//, "").replace(/\.js$/, "");
    const name = subpath === "." ? "index" : subpath.slice(2);
    return [out, `src/${name}/index.ts`.replace("src/index/index.ts", "src/index.ts")] as const;
  });
const isTesting = ([out]: readonly [string, string]) => out === "testing/index";

const common: Options = {
  format: ["esm"],
  target: "es2022",
  dts: false, // declarations come from tsc (tsconfig.build.json), see there why
  sourcemap: true,
  clean: false, // `npm run build` empties dist first; the two builds below write side by side
  treeshake: true,
};

export default defineConfig([
  // The SDK: runtime-neutral, chunks shared between entries, viem left to the caller (optional peer).
  {
    ...common,
    entry: Object.fromEntries(entries.filter((e) => !isTesting(e))),
    platform: "neutral",
    splitting: true,
    external: ["viem", "node:*"],
  },
  // The simulator (turbokit/testing, Node only): self-contained, with msw and viem bundled in, so
  // it imports in a project that has neither. (As peers they would not do: msw 3 asks for
  // TypeScript >= 5.9, so installing turbokit next to TypeScript 5.5 would fail.) graphql stays
  // out: msw loads it only for GraphQL handlers, which the simulator has none of.
  {
    ...common,
    entry: Object.fromEntries(entries.filter(isTesting)),
    platform: "node",
    splitting: false,
    noExternal: ["msw", "viem"],
    external: ["graphql"],
    // Some of msw's CommonJS dependencies require Node built-ins (tty, util): give the bundle a
    // real `require` for them.
    banner: {
      js: 'import { createRequire as __tkCreateRequire } from "node:module";\nconst require = __tkCreateRequire(import.meta.url);',
    },
  },
]);
