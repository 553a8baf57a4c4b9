// `npm run test:notebook`: executes examples/notebook.ipynb headless (`jupyter nbconvert
// --execute`, Debian's jupyter-nbconvert) on the Deno kernel against a fresh simulator, then
// checks the outputs a reader would see: HTML tables (hosts, jobs), SVG charts (a deploy, spread
// curves, a run's GPU metrics), an error block, a page turned into columns, no error cell. Then
// exports it with `jupyter nbconvert --to html` and checks every chart is still drawn there (the
// HTML template cleans `image/svg+xml` outputs to nothing; the charts travel inline in text/html).
import { mkdirSync, readFileSync } from "node:fs";
import { createSimulator, startSimulatorServer } from "turbokit/testing";
import { runProcess } from "../test/runtimes/runners/process.mjs";

const out = ".tmp/notebook";
mkdirSync(out, { recursive: true });
// Asynchronous on purpose: the simulator serves from this process's event loop meanwhile.
const run = (cmd, args, env = {}) => runProcess(cmd, args, { env, timeoutMs: 300_000 });

// The kernelspec records the deno binary's absolute path, so install it for this checkout.
const install = await run("node_modules/.bin/deno", ["jupyter", "--install", "--force"]);
if (install.code !== 0) fail(`deno jupyter --install failed:\n${install.output}`);

const sim = createSimulator({ clock: { speed: 30 } });
const server = await startSimulatorServer(sim);
const executed = await run(
  "jupyter",
  [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "examples/notebook.ipynb",
    "--output-dir",
    out,
    "--ExecutePreprocessor.kernel_name=deno",
    "--ExecutePreprocessor.timeout=120",
  ],
  { TURBOKIT_SIM: server.origin, NO_COLOR: "1" },
);
await server.close();
if (executed.code !== 0) fail(`nbconvert failed:\n${executed.output}`);
const exported = await run("jupyter", [
  "nbconvert",
  "--to",
  "html",
  `${out}/notebook.ipynb`,
  "--output-dir",
  out,
]);
if (exported.code !== 0) fail(`nbconvert --to html failed:\n${exported.output}`);
const page = readFileSync(`${out}/notebook.html`, "utf8");

const notebook = JSON.parse(readFileSync(`${out}/notebook.ipynb`, "utf8"));
const outputs = notebook.cells.flatMap((cell) => cell.outputs ?? []);
// nbformat may store a MIME value as a list of lines.
const mime = (type) =>
  outputs
    .map((o) => o.data?.[type])
    .filter(Boolean)
    .map((v) => (Array.isArray(v) ? v.join("") : String(v)));
const html = mime("text/html");
const svg = mime("image/svg+xml");
// What cells printed (console.log goes to the stream outputs).
const text = outputs
  .filter((o) => o.output_type === "stream")
  .map((o) => (Array.isArray(o.text) ? o.text.join("") : String(o.text)));
// The charts as the exported page shows them: inline <svg> with drawn lines.
const chartsInOutputs = svg.length;
const chartsInPage = [...page.matchAll(/<div class="turbokit-chart"><svg[\s\S]*?<\/svg><\/div>/g)].filter(
  (m) => m[0].includes("<path d="),
).length;
const hostTable = html.find((h) => h.startsWith("<table") && h.includes("turbostack.net")) ?? "";
const checks = {
  "every code cell ran": notebook.cells.every((c) => c.cell_type !== "code" || c.execution_count !== null),
  "no error cells": outputs.every((o) => o.output_type !== "error"),
  "a host page as an HTML table": html.some((h) => h.startsWith("<table") && h.includes("turbostack.net")),
  "an SVG line chart": svg.some((s) => s.startsWith("<svg") && s.includes("<path")),
  "an error as a readable block": html.some(
    (h) => h.includes("turbokit-error") && h.includes("NotFoundError"),
  ),
  "a TurbineX job waited for": text.some((t) => /job job_\w+: succeeded/.test(t)),
  "the TurbineX jobs page as an HTML table": html.some(
    (h) =>
      h.startsWith("<table") && /<td[^>]*>job_\w+<\/td>/.test(h) && /<td[^>]*>notebook run<\/td>/.test(h),
  ),
  "a spread curve as an SVG chart": svg.some(
    (s) => s.includes(">Spread curve<") && s.includes("<title>delta (bps)</title>") && s.includes("<path"),
  ),
  "a custom curve through spreadCurve.chart": svg.some((s) => s.includes(">A custom curve<")),
  "a Lyceum run's GPU metrics as an SVG line chart": svg.some(
    (s) =>
      s.includes("GPU metrics (run ") &&
      s.includes("<title>GPU utilisation %</title>") &&
      s.includes("<title>GPU memory %</title>"),
  ),
  "the GPU chart's axis runs 0-100 %": svg.some(
    (s) => s.includes("GPU metrics (run ") && />0<\/text>[\s\S]*>100<\/text>/.test(s),
  ),
  "the host table: left-aligned, config once, long cells cut with a tooltip": [
    hostTable.includes('<td style="text-align:left'),
    (hostTable.match(/>config<\/th>/g) ?? []).length === 1,
    !hostTable.includes(">json</th>") && !hostTable.includes(">raw</th>"),
    / title="\{&#34;hostname&#34;/.test(hostTable),
  ].every(Boolean),
  "a page turned into columns":
    text.some((t) => /columns: id, client_id, .*monitoring\.disk\.percent/.test(t)) &&
    text.some((t) => /mean disk use of \d+ active hosts: [\d.]+ %/.test(t)) &&
    html.some((h) => h.includes(">monitoring.disk.percent</th>")),
  [`every chart drawn in the nbconvert --to html page (${chartsInPage} of ${chartsInOutputs})`]:
    chartsInOutputs > 0 && chartsInPage === chartsInOutputs,
};
let failed = 0;
for (const [name, ok] of Object.entries(checks)) {
  if (!ok) failed += 1;
  console.log(`${ok ? "ok" : "FAIL"} ${name}`);
}
if (failed > 0) {
  for (const o of outputs.filter((o) => o.output_type === "error")) console.log(`${o.ename}: ${o.evalue}`);
}
console.log(`notebook: ${Object.keys(checks).length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function fail(message) {
  console.log(message);
  console.log("notebook: 0 passed, 1 failed");
  process.exit(1);
}
