// Node runners: the toolchain Node 24 (node_modules/.bin) and Node 22 from the npm `node`
// package, installed once into a scratch prefix (.tmp/node22) since one project cannot hold two
// versions of the same package.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { root } from "../entries.mjs";
import { runProcess } from "./process.mjs";

const cli = join(root, "test/runtimes/cli.mjs");

export async function node24(config) {
  // process.execPath is the Node running this script: npm scripts put node@24 first on PATH.
  const version = await runProcess(process.execPath, ["--version"]);
  if (!version.output.startsWith("v24."))
    return { code: 1, output: `expected Node 24, got ${version.output}` };
  return runProcess(process.execPath, [cli], { env: { SMOKE_CONFIG: JSON.stringify(config) }, cwd: root });
}

export async function node22(config) {
  const prefix = join(root, ".tmp/node22");
  const bin = join(prefix, "node_modules/node/bin/node");
  if (!existsSync(bin)) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const install = await runProcess(
      npm,
      ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "node@22"],
      { timeoutMs: 300_000 },
    );
    if (install.code !== 0 || !existsSync(bin))
      return { code: 1, output: `installing node@22 failed\n${install.output}` };
  }
  const version = await runProcess(bin, ["--version"]);
  if (!version.output.startsWith("v22."))
    return { code: 1, output: `expected Node 22, got ${version.output}` };
  return runProcess(bin, [cli], { env: { SMOKE_CONFIG: JSON.stringify(config) }, cwd: root });
}
