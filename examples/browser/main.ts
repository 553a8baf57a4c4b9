// The browser example: the page calls the simulator (another localhost port, so CORS with
// credentials) through the same package a Node script uses. Served by examples/browser/serve.mjs.
import { bearer, isTurbokitError } from "turbokit";
import { createTurboStack } from "turbokit/turbostack";

/** Where the simulator is, and the test credentials it accepts: handed over by serve.mjs. */
interface PageConfig {
  baseUrls: Record<string, string>;
  turbostackToken: string;
}

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const config = (await (await fetch("/config.json")).json()) as PageConfig;
const out = (id: string) => document.querySelector<HTMLElement>(`#${id} .out`)!;
const status = document.getElementById("status")!;

async function turbostack(): Promise<string> {
  const baseUrl = config.baseUrls.turbostack;
  if (!baseUrl) throw new Error("no TurboStack base URL");
  const ts = createTurboStack({ baseUrl, auth: bearer(config.turbostackToken), pageSize: 10 });
  const page = await ts.hosts.list().firstPage();
  // A list page carries its own HTML table (the same one a notebook shows).
  const display = (page as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY];
  out("turbostack").innerHTML = display?.()["text/html"] ?? "";
  return `${page.total ?? page.items.length} hosts`;
}

// Slots, one per provider, in the order the page shows them:
//   exchange: SIWE login with a test key (viem's privateKeyToAccount), then list open orders.
//   turbinex: list jobs as a table.
//   lyceum:   list runs, show a run's GPU metrics with svgLineChart.
const sections: Array<[string, () => Promise<string>]> = [["turbostack", turbostack]];

const results: string[] = [];
for (const [id, run] of sections) {
  try {
    results.push(`${id}: ${await run()}`);
  } catch (error) {
    out(id).textContent = isTurbokitError(error) ? `${error.name}: ${error.message}` : String(error);
    results.push(`${id}: failed`);
  }
}
status.textContent = results.join(" · ");
(window as unknown as { exampleDone: string[] }).exampleDone = results;
