// The one way this repo measures browser cost (used by `npm run size` and `npm run bench`): a
// module bundled by esbuild for the browser (like a user's Vite/esbuild app), minified, gzipped.
// `turbokit/...` imports resolve to the BUILT files in dist/.
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { builtPackage } from "../test/runtimes/runners/chromium.mjs";

/**
 * `{ min, gzip, inputs }` in bytes for the module `contents` (resolved from the repo root);
 * `inputs`: minified bytes in the output per source file, for breakdowns.
 */
export async function bundleSize(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: [builtPackage],
    logLevel: "silent",
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

/** Just the gzip size, bytes. */
export async function gzipSize(contents) {
  return (await bundleSize(contents)).gzip;
}
