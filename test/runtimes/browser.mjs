// Entry for the Chromium page: the runner puts the config in the URL fragment; results are
// written to the page and to `window.smokeResult`, which the runner waits for.
import { runSmoke } from "./smoke.mjs";

const config = JSON.parse(decodeURIComponent(location.hash.slice(1) || "{}"));
const out = document.getElementById("out");
const lines = [];
const { passed, failed } = await runSmoke(config, (line) => {
  lines.push(line);
  out.textContent += `${line}\n`;
});
window.smokeResult = { passed, failed, lines };
