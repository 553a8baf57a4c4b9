// `npm run test:packed`: the package as a new user meets it (issue 19). `npm pack`, installed into
// a fresh project outside this checkout together with TypeScript 5.5 (the oldest supported), and
// nothing else: no msw, no viem. There it must type-check (every entry imported, strict), and the
// simulator quick start must run verbatim: `turbokit/testing` imports, the server starts, and a
// client configured only through the variables `npm run sim` prints reads a host.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runProcess } from "../test/runtimes/runners/process.mjs";

const node = resolve("node_modules/.bin/node");
const packed = resolve(".tmp/packed");
rmSync(packed, { recursive: true, force: true });
mkdirSync(packed, { recursive: true });
const pack = await runProcess("npm", ["pack", "--pack-destination", packed]);
const tarball = readdirSync(packed).find((f) => f.endsWith(".tgz"));
if (pack.code !== 0 || !tarball) fail(`npm pack failed:\n${pack.output}`);

const project = mkdtempSync(join(tmpdir(), "turbokit-fresh-"));
try {
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "fresh", private: true, type: "module" }),
  );
  const install = await runProcess(
    "npm",
    ["install", "--no-audit", "--no-fund", join(packed, tarball), "typescript@~5.5", "@types/node@22"],
    { cwd: project, timeoutMs: 300_000 },
  );
  if (install.code !== 0) fail(`npm install failed:\n${install.output}`);

  writeFileSync(
    join(project, "types.ts"),
    `import { bearer, isTurbokitError, type Page, toColumns } from "turbokit";
import { HttpClient } from "turbokit/core";
import { createLyceum } from "turbokit/lyceum";
import { createTurbineX } from "turbokit/turbinex";
import { createTurboStack, type Host } from "turbokit/turbostack";
import { createSimulator } from "turbokit/testing";
const ts = createTurboStack({ auth: bearer("t") });
const page: Page<Host, unknown> = await ts.hosts.list().firstPage();
export const summary = [toColumns(page.items), isTurbokitError(1), HttpClient, createLyceum, createTurbineX, createSimulator];
`,
  );
  const tsc = await runProcess(
    node,
    [
      join(project, "node_modules/typescript/bin/tsc"),
      "--noEmit",
      "--strict",
      "--skipLibCheck",
      "--module",
      "nodenext",
      "--target",
      "es2022",
      "--lib",
      "es2023,dom",
      "types.ts",
    ],
    { cwd: project },
  );
  const checks = { "types compile with TypeScript 5.5 against the packed declarations": tsc.code === 0 };
  if (tsc.code !== 0) console.log(tsc.output);

  writeFileSync(
    join(project, "quickstart.mjs"),
    `import { createSimulator, startSimulatorServer, TURBOSTACK_SIM_TOKEN } from "turbokit/testing";
const server = await startSimulatorServer(createSimulator());
const { createTurboStack } = await import("turbokit/turbostack");
process.env.TURBOSTACK_BASE_URL = server.baseUrls.turbostack;
process.env.TURBOSTACK_TOKEN = TURBOSTACK_SIM_TOKEN;
const host = await createTurboStack().hosts.get(101);
console.log("host " + host.id + " " + host.name);
await server.close();
`,
  );
  const quickstart = await runProcess(node, ["quickstart.mjs"], { cwd: project });
  checks["turbokit/testing runs without msw or viem installed, clients configured from the environment"] =
    quickstart.code === 0 && quickstart.output.includes("host 101 web-01.client1.turbostack.net");
  if (quickstart.code !== 0) console.log(quickstart.output);

  let failed = 0;
  for (const [name, ok] of Object.entries(checks)) {
    if (!ok) failed += 1;
    console.log(`${ok ? "ok" : "FAIL"} ${name}`);
  }
  console.log(`packed: ${Object.keys(checks).length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(project, { recursive: true, force: true });
}

function fail(message) {
  console.log(message);
  console.log("packed: 0 passed, 1 failed");
  process.exit(1);
}
