// The one way this repo measures browser cost (used by `npm run size` and `npm run bench`): a
// module bundled by esbuild for the browser (like a user's Vite/esbuild app), minified, gzipped.
// `turbokit/...` imports resolve to the BUILT files in dist/ (or, with `source: true`, to src/, so
// that a breakdown names source files rather than build chunks).
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { root } from "../test/runtimes/entries.mjs";
import { builtPackage } from "../test/runtimes/runners/chromium.mjs";

/** Resolves `turbokit` and `turbokit/<entry>` to the TypeScript sources; `stub` files become empty. */
const sourcePackage = (stub) => ({
  name: "turbokit-source",
  setup(build) {
    build.onResolve({ filter: /^turbokit(\/|$)/ }, (args) => ({
      path: `${root}src/${args.path === "turbokit" ? "index" : `${args.path.slice("turbokit/".length)}/index`}.ts`,
    }));
    if (stub?.size) {
      // A stubbed module is what a bundler would drop: measured as if it were not there.
      build.onLoad({ filter: /\.ts$/ }, (args) =>
        stub.has(args.path.slice(root.length)) ? { contents: "", loader: "ts" } : undefined,
      );
    }
  },
});

/**
 * `{ min, gzip, inputs, metafile }` in bytes for the module `contents` (resolved from the repo
 * root); `inputs`: minified bytes in the output per source file, for breakdowns. Options:
 * `source` (bundle src/ instead of dist/), `external` (packages left out, to price them), `stub`
 * (a Set of repo-relative source files replaced by empty modules, with `source`).
 */
export async function bundleSize(contents, { source = false, external = [], stub } = {}) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: [source ? sourcePackage(stub) : builtPackage],
    external,
    logLevel: "silent",
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs, metafile: result.metafile };
}

/** Just the gzip size, bytes. */
export async function gzipSize(contents) {
  return (await bundleSize(contents)).gzip;
}
