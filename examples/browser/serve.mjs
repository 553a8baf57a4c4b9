// `npm run example:browser`: starts the simulator, bundles main.ts with esbuild (browser
// platform, `turbokit` resolved to the built package) and serves the page on localhost.
// Run `npm run build` first. PORT (default 5173) and SIM_PORT (default: a free one) pick ports.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import {
  createSimulator,
  LYCEUM_SIM_API_KEY,
  startSimulatorServer,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  TURBOSTACK_SIM_TOKEN,
} from "turbokit/testing";
import { bundle } from "../../test/runtimes/runners/chromium.mjs";

/** Starts simulator + page; resolves to { url, close }. */
export async function startBrowserExample({ port = 0, simPort = 0 } = {}) {
  const sim = createSimulator({
    clock: { speed: 30 },
    // The page signs times from the browser's wall clock while this clock runs fast.
    providers: { turbinex: true, turbostack: true, lyceum: true, exchange: { wallClockClients: true } },
  });
  const simServer = await startSimulatorServer(sim, { port: simPort });
  const script = await bundle(fileURLToPath(new URL("main.ts", import.meta.url)));
  const html = readFileSync(new URL("index.html", import.meta.url), "utf8");
  // Test credentials of the simulator only: a real app never ships a token or a key in a page (it
  // signs in its user, and signs with the user's wallet). The exchange key is Anvil's public test key.
  const config = JSON.stringify({
    baseUrls: simServer.baseUrls,
    turbostackToken: TURBOSTACK_SIM_TOKEN,
    turbinex: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD },
    lyceumKey: LYCEUM_SIM_API_KEY,
    exchangeTestKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  });
  const files = {
    "/": ["text/html; charset=utf-8", html],
    "/main.js": ["text/javascript", script],
    "/config.json": ["application/json", config],
  };
  const page = createServer((req, res) => {
    const file = files[req.url ?? "/"];
    res.writeHead(file ? 200 : 404, file ? { "content-type": file[0] } : {});
    res.end(file?.[1]);
  });
  await new Promise((resolve) => page.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${page.address().port}/`,
    simOrigin: simServer.origin,
    close: async () => {
      // A tab still open holds its keep-alive connection: close it rather than wait for it.
      page.closeAllConnections();
      await new Promise((resolve) => page.close(resolve));
      await simServer.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = await startBrowserExample({
    port: Number(process.env.PORT ?? 5173),
    simPort: Number(process.env.SIM_PORT ?? 0),
  });
  console.log(`browser example on ${example.url} (simulator on ${example.simOrigin}); Ctrl-C stops`);
  process.on("SIGINT", () => void example.close().then(() => process.exit(0)));
}
