// Headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser) driven by
// playwright-core: a page bundled with esbuild and served from its own localhost port calls the
// simulator on another port, so CORS preflights and credentialed requests are exercised for real.
import { createServer } from "node:http";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { chromium as playwright } from "playwright-core";
import { resolveEntry, root } from "../entries.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** esbuild plugin: `turbokit` and `turbokit/<entry>` resolve to the built files in dist/. */
export const builtPackage = {
  name: "turbokit-built",
  setup(build) {
    build.onResolve({ filter: /^turbokit(\/|$)/ }, (args) => {
      const path = resolveEntry(args.path);
      return path ? { path } : { errors: [{ text: `${args.path} is not a turbokit export` }] };
    });
  },
};

/** Bundles a browser entry (browser platform, like a user's Vite/esbuild app) to one script. */
export async function bundle(entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: [builtPackage],
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** Serves one page and its script on 127.0.0.1 (a free port); resolves to { origin, close }. */
export async function servePage(html, script) {
  const server = createServer((req, res) => {
    if (req.url === "/main.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(script);
    } else if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const SMOKE_PAGE = `<!doctype html><meta charset="utf-8"><title>turbokit smoke</title>
<pre id="out"></pre><script type="module" src="/main.js"></script>`;

export async function chromium(config) {
  const script = await bundle(join(root, "test/runtimes/browser.mjs"));
  const page = await servePage(SMOKE_PAGE, script);
  const browser = await playwright.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  const problems = [];
  try {
    const tab = await browser.newPage();
    tab.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    tab.on("console", (m) => {
      // 401/404 answers are expected (typed-error checks); Chromium logs each as a console error.
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
        problems.push(`console: ${m.text()}`);
    });
    await tab.goto(`${page.origin}/#${encodeURIComponent(JSON.stringify(config))}`);
    await tab.waitForFunction(() => window.smokeResult, undefined, { timeout: 90_000 });
    const smoke = await tab.evaluate(() => window.smokeResult);
    const example = await checkExample(browser);
    const lines = [...smoke.lines, example.line];
    const passed = smoke.passed + (example.ok ? 1 : 0);
    // An uncaught error or a console error on the page fails the run even when the checks passed.
    const failed = smoke.failed + (example.ok ? 0 : 1) + problems.length;
    const output = [`Chromium ${browser.version()}, page ${page.origin}`, ...lines, ...problems];
    output.push(`smoke: ${passed} passed, ${failed} failed`);
    return { code: failed === 0 && passed > 0 ? 0 : 1, output: output.join("\n") };
  } catch (error) {
    return { code: 1, output: [...problems, String(error?.stack ?? error)].join("\n") };
  } finally {
    await browser.close();
    await page.close();
  }
}

/** The browser example (examples/browser) as a person sees it: every section filled, by provider. */
async function checkExample(browser) {
  const { startBrowserExample } = await import("../../../examples/browser/serve.mjs");
  const example = await startBrowserExample();
  const tab = await browser.newPage();
  try {
    const errors = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(example.url);
    await tab.waitForFunction(() => window.exampleDone, undefined, { timeout: 90_000 });
    const done = await tab.evaluate(() => window.exampleDone);
    const count = (selector) => tab.locator(selector).count();
    const text = (selector) => tab.locator(selector).first().textContent();
    const seen = {
      "TurboStack host rows": await count("#turbostack table tbody tr"),
      "TurbineX job rows": await count("#turbinex table tbody tr"),
      "TurbineX rows naming the submitted job": await count('#turbinex td:text-is("browser run")'),
      "SIWE address": await text("#exchange code.address"),
      "spread-curve charts": await count("#exchange svg path"),
      "exchange order rows": await count("#exchange table tbody tr"),
      "GPU metric lines": await count("#lyceum svg path"),
    };
    const problems = [
      ...done.filter((r) => r.endsWith("failed")),
      ...errors.map((e) => `page error: ${e}`),
      seen["TurboStack host rows"] === 10 ? "" : "not 10 host rows",
      seen["TurbineX job rows"] >= 1 && seen["TurbineX rows naming the submitted job"] >= 1
        ? ""
        : "no job row",
      // Anvil's first test account: the address the SIWE session was opened for.
      seen["SIWE address"] === "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" ? "" : "wrong SIWE address",
      seen["spread-curve charts"] === 1 ? "" : "no spread-curve chart",
      seen["exchange order rows"] >= 1 ? "" : "no order row",
      seen["GPU metric lines"] === 2 ? "" : "not 2 GPU metric lines",
    ].filter(Boolean);
    const ok = problems.length === 0;
    const details = Object.entries(seen)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return {
      ok,
      line: `${ok ? "ok" : "FAIL"} browser example: ${done.join(", ")}; ${details}${ok ? "" : ` — ${problems.join("; ")}`}`,
    };
  } catch (error) {
    return { ok: false, line: `FAIL browser example: ${error?.message ?? error}` };
  } finally {
    // The tab first: its open connections would otherwise keep the example's servers waiting.
    await tab.close();
    await example.close();
  }
}
