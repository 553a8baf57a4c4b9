// scripts/check-dts-exports.mjs (the CI check of issue 19, point 1) on a fixture package: a name
// declared as a value but missing at run time fails it; type-only exports (even of a class) and
// matching values pass.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";

let fixture: string | undefined;
afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = undefined;
});

function check(files: { js: string; dts: string }) {
  fixture = mkdtempSync(join(tmpdir(), "dts-fixture-"));
  mkdirSync(join(fixture, "dist"));
  writeFileSync(
    join(fixture, "package.json"),
    JSON.stringify({
      name: "fixture",
      type: "module",
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    }),
  );
  writeFileSync(join(fixture, "dist/index.js"), files.js);
  writeFileSync(join(fixture, "dist/index.d.ts"), files.dts);
  const run = spawnSync(process.execPath, ["scripts/check-dts-exports.mjs", fixture], { encoding: "utf8" });
  return { code: run.status, output: run.stdout + run.stderr };
}

const dts = `export declare const a: number;
declare class Hidden { x: number }
export type { Hidden };
export interface Shape { y: string }
`;

// Each run starts the TypeScript compiler: seconds, more on a busy machine.
describe("check-dts-exports", { timeout: 60_000 }, () => {
  test("passes when the declared values are the run-time exports; type-only names are not values", () => {
    const { code, output } = check({ js: "export const a = 1;\n", dts });
    expect(output).toContain("fixture: 3 names declared, 1 of them values; 1 run-time exports");
    expect(output).toContain("dts exports: 1 entries checked, 0 mismatches");
    expect(code).toBe(0);
  });

  test("fails on a value the declarations promise and the module lacks (the bundler's export type bug)", () => {
    const { code, output } = check({
      js: "export const a = 1;\n",
      dts: `${dts}declare class Ghost {}\nexport { Ghost };\n`,
    });
    expect(output).toContain("fixture: declared as values, missing at run time: Ghost");
    expect(code).toBe(1);
  });

  test("fails on a run-time export the declarations leave out", () => {
    const { code, output } = check({ js: "export const a = 1;\nexport const extra = 2;\n", dts });
    expect(output).toContain("fixture: exported at run time, not declared: extra");
    expect(code).toBe(1);
  });
});
