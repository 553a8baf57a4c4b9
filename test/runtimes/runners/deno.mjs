// Deno 2 (the npm `deno` package): an import map, generated from package.json `exports`, sends
// `turbokit/...` to the built files; their own imports (ky, zod, jose) resolve from node_modules
// through the package.json beside them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageEntries, root } from "../entries.mjs";
import { runProcess } from "./process.mjs";

export function writeImportMap(file = join(root, ".tmp/deno-import-map.json")) {
  const imports = {};
  for (const [specifier, path] of Object.entries(packageEntries()))
    imports[specifier] = pathToFileURL(join(root, path)).href;
  mkdirSync(join(root, ".tmp"), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ imports }, null, 2)}\n`);
  return file;
}

/** `deno run` of `script` against the built package, network limited to the simulator's origins. */
function denoRun(bin, config, permissions, script, args, env) {
  const origins = [...new Set(Object.values(config).map((c) => new URL(c.baseUrl).host))];
  return runProcess(
    bin,
    [
      "run",
      "--no-prompt",
      `--import-map=${writeImportMap()}`,
      `--allow-net=${origins.join(",")}`,
      ...permissions,
      join(root, script),
      ...args,
    ],
    { env: { ...env, NO_COLOR: "1" }, cwd: root },
  );
}

export async function deno(config) {
  const bin = join(root, "node_modules/.bin/deno");
  const version = await runProcess(bin, ["--version"]);
  if (!/^deno 2\./.test(version.output)) return { code: 1, output: `expected Deno 2, got ${version.output}` };
  return denoRun(bin, config, ["--allow-env", "--allow-read"], "test/runtimes/cli.mjs", [], {
    SMOKE_CONFIG: JSON.stringify(config),
  });
}

/** The same built package in Deno with no --allow-env at all (test/runtimes/deno-no-env.mjs). */
export async function denoNoEnv(config) {
  const bin = join(root, "node_modules/.bin/deno");
  return denoRun(bin, config, ["--allow-read"], "test/runtimes/deno-no-env.mjs", [
    config.lyceum.baseUrl,
    config.turbostack.baseUrl,
  ]);
}
