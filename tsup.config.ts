import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// One entry per subpath export, derived from package.json so the two never drift.
const entry = Object.fromEntries(
  Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== "./package.json")
    .map(([subpath, target]) => {
      const out = (target as { default: string }).default.replace(/^\.\/dist\//, "").replace(/\.js$/, "");
      const name = subpath === "." ? "index" : subpath.slice(2);
      return [out, `src/${name}/index.ts`.replace("src/index/index.ts", "src/index.ts")];
    }),
);

export default defineConfig({
  entry,
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: false, // declarations come from tsc (tsconfig.build.json), see there why
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ["viem", "msw", "node:*"],
});
