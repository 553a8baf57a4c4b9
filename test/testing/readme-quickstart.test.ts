// The README's TurboStack and Lyceum quick starts, run verbatim (only the package specifiers point
// at the sources) against `npm run sim`'s server, configured the way its banner says: through
// the environment. The ids they use must exist in the simulator, and the banner must name them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { simulatorBanner } from "../../src/testing/banner.js";
import { createSimulator, type SimulatorServer, startSimulatorServer } from "../../src/testing/index.js";

const readme = readFileSync("README.md", "utf8");
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");

/** The README block that creates a client with `factory` and uses `verb`, its imports sent to the sources. */
function quickStart(factory: string, verb: string): string {
  const block = blocks.find((b) => b.includes(`= ${factory}(`) && b.includes(verb));
  if (!block) throw new Error(`README has no block calling ${factory} and ${verb}`);
  return block.replace(/from "turbokit(\/[a-z]+)?"/g, (_, sub: string | undefined) => {
    const file = sub ? `src${sub}/index.ts` : "src/index.ts";
    return `from ${JSON.stringify(pathToFileURL(resolve(file)).href)}`;
  });
}

let server: SimulatorServer;
let banner: string[];
beforeAll(async () => {
  // Fast simulated time, so the deploy and the run finish within seconds.
  server = await startSimulatorServer(createSimulator({ clock: { speed: 600 } }));
  banner = simulatorBanner(server, 600);
  // Paste the banner's export lines, as a reader would.
  for (const line of banner.filter((l) => l.trim().startsWith("export "))) {
    for (const pair of line.trim().slice("export ".length).split(" ")) {
      const eq = pair.indexOf("=");
      vi.stubEnv(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

async function runBlock(name: string, code: string): Promise<string> {
  const dir = resolve(".tmp/readme-quickstart");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(format(...args)));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await import(/* @vite-ignore */ `${pathToFileURL(file).href}?t=${Date.now()}`);
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  return printed.join("\n");
}

describe("README quick starts against the simulator", () => {
  test("the banner gives base URLs and credentials as the variables the SDK reads", () => {
    const origin = server.origin;
    expect(banner).toContain(
      `  export TURBOSTACK_BASE_URL=${origin}/turbostack TURBOSTACK_TOKEN=ts_pat_demo_4f9a2c7e1b`,
    );
    expect(banner).toContain(
      `  export LYCEUM_BASE_URL=${origin}/lyceum/api/v2/external LYCEUM_API_KEY=lk_sim_ada_lab_0001`,
    );
    expect(banner).toContain(`  export TURBINEX_BASE_URL=${origin}/turbinex`);
    expect(banner).toContain(`  export TURBINE_EXCHANGE_BASE_URL=${origin}/exchange/api`);
    expect(banner.join("\n")).toContain('email: "owner@acme.test", password: "turbinex-sim-password"');
  });

  test("TurboStack: hosts listed, host 101's config edited, deployed and followed", async () => {
    const output = await runBlock("turbostack", quickStart("createTurboStack", "waitForDeploy"));
    expect(output).toContain("101 web-01.client1.turbostack.net true");
    expect(output).toMatch(/^succeeded$/m);
  }, 60_000);

  test("the first example: hosts listed", async () => {
    const output = await runBlock(
      "use",
      quickStart("createTurboStack", "hosts.list()) console.log(host.id, host.name)"),
    );
    expect(output).toMatch(/^101 web-01\.client1\.turbostack\.net$/m);
  }, 60_000);

  test("Lyceum: a python run streamed to its exit code, its GPU metrics read", async () => {
    const output = await runBlock("lyceum", quickStart("createLyceum", "runs.stream"));
    expect(output).toContain("exit code 0");
    // The GPU-utilisation series, printed as an array of numbers.
    expect(output).toMatch(/^\[[\d.,\s]*\]$/m);
  }, 60_000);
});
