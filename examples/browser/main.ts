// The browser example: the page calls the simulator (another localhost port, so CORS with
// credentials) through the same package a Node script uses. Served by examples/browser/serve.mjs.
import { apiKey, bearer, isTurbokitError, jwtSession } from "turbokit";
import { createTurbineExchange } from "turbokit/exchange";
import { createLyceumCore, getRunMetrics, listRuns, startPythonRun, waitForRun } from "turbokit/lyceum";
import { createTurbineX } from "turbokit/turbinex";
import { createTurboStackCore, listHosts } from "turbokit/turbostack";
import { privateKeyToAccount } from "viem/accounts";

/** Where the simulator is, and the test credentials it accepts: handed over by serve.mjs. */
interface PageConfig {
  baseUrls: Record<string, string>;
  turbostackToken: string;
  turbinex: { email: string; password: string };
  lyceumKey: string;
  /** A well-known TEST private key (Anvil's first account): never a real wallet. */
  exchangeTestKey: `0x${string}`;
}

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const config = (await (await fetch("/config.json")).json()) as PageConfig;
const out = (id: string) => document.querySelector<HTMLElement>(`#${id} .out`)!;
const status = document.getElementById("status")!;

/** The MIME bundle a notebook would show (pages → HTML tables, charts → SVG): the page shows it too. */
function rich(value: unknown, type: "text/html" | "image/svg+xml"): string {
  const render = (value as Record<symbol, (() => Record<string, string>) | undefined>)[JUPYTER_DISPLAY];
  return render?.()[type] ?? "";
}

function baseUrl(provider: string): string {
  const url = config.baseUrls[provider];
  if (!url) throw new Error(`no ${provider} base URL`);
  return url;
}

/** TurboStack the browser-app way: a client core and the one standalone operation the page calls. */
async function turbostack(): Promise<string> {
  const core = createTurboStackCore({
    baseUrl: baseUrl("turbostack"),
    auth: bearer(config.turbostackToken),
    pageSize: 10,
  });
  const page = await listHosts(core).firstPage();
  out("turbostack").innerHTML = rich(page, "text/html");
  return `${page.total ?? page.items.length} hosts`;
}

/** Order windows are signed in unix seconds; the simulator's clock runs fast and says where it is. */
async function serverSkewMs(url: string): Promise<number> {
  const answer = await fetch(url);
  return Number(answer.headers.get("x-sim-now") ?? Date.now()) - Date.now();
}

async function exchange(): Promise<string> {
  const url = baseUrl("exchange");
  const skew = await serverSkewMs(`${url}/config`);
  const signer = privateKeyToAccount(config.exchangeTestKey);
  // In a browser the SIWE session is an HttpOnly cookie: requests go with credentials: "include".
  const ex = createTurbineExchange({ baseUrl: url, signer, now: () => Date.now() + skew });
  const me = await ex.me();
  const curve = ex.spreadCurve.auto({ fastSpreadBps: 30 });
  const intent = await ex.orders.build({
    sell: "WETH",
    buy: "USDC",
    sellAmount: 2n * 10n ** 17n,
    minBuyAmount: 400_000_000n,
    curve,
    durationSecs: 900,
  });
  const { orderHash } = await ex.orders.submit(intent);
  const orders = await ex.orders.list({ limit: 5 }).firstPage();
  out("exchange").innerHTML =
    `<p>signed in with SIWE as <code class="address">${me.address}</code>; order <code>${orderHash.slice(0, 18)}…</code></p>` +
    rich(curve, "image/svg+xml") +
    rich(orders, "text/html");
  return `SIWE ${me.address?.slice(0, 8)}…, ${orders.items.length} order(s)`;
}

async function turbinex(): Promise<string> {
  const tx = createTurbineX({
    baseUrl: baseUrl("turbinex"),
    auth: jwtSession({ credentials: config.turbinex }),
  });
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("wind_speed=10\n")]);
  await tx.jobs.submit({ file: new Blob([zip], { type: "application/zip" }), name: "browser run" });
  const page = await tx.jobs.list({ pageSize: 10 }).firstPage();
  out("turbinex").innerHTML = rich(page, "text/html");
  return `${page.items.length} job(s)`;
}

async function lyceum(): Promise<string> {
  // A client core and the four operations the page calls: the bundle carries no other resource.
  const ly = createLyceumCore({ baseUrl: baseUrl("lyceum"), auth: apiKey(config.lyceumKey) });
  const run = await startPythonRun(ly, { code: 'print("training step")\n'.repeat(30), machine: "gpu.h100" });
  const final = await waitForRun(ly, run.execution_id, {
    intervalMs: 200,
    maxIntervalMs: 500,
    timeoutMs: 60_000,
  });
  const metrics = await getRunMetrics(ly, run.execution_id, { step: "1s" });
  const runs = await listRuns(ly).toArray();
  out("lyceum").innerHTML =
    `<p>run <code>${run.execution_id}</code> ${final.status}; ${runs.length} run(s) still active</p>` +
    rich(metrics, "image/svg+xml");
  return `run ${final.status}, ${metrics.gpuUtilizationPercent.length} GPU samples`;
}

// One section per provider, in the order the page shows them.
const sections: Array<[string, () => Promise<string>]> = [
  ["turbostack", turbostack],
  ["exchange", exchange],
  ["turbinex", turbinex],
  ["lyceum", lyceum],
];

const results: string[] = [];
for (const [id, run] of sections) {
  out(id).classList.remove("pending");
  try {
    results.push(`${id}: ${await run()}`);
  } catch (error) {
    out(id).textContent = isTurbokitError(error) ? `${error.name}: ${error.message}` : String(error);
    results.push(`${id}: failed`);
  }
}
status.textContent = results.join(" · ");
(window as unknown as { exampleDone: string[] }).exampleDone = results;
