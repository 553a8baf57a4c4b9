// Entry for Node and Deno: the config comes in SMOKE_CONFIG (JSON), results go to stdout, and
// the last line is the summary the runner reads.
import { runSmoke } from "./smoke.mjs";

const env = globalThis.Deno ? globalThis.Deno.env.get("SMOKE_CONFIG") : globalThis.process.env.SMOKE_CONFIG;
const { passed, failed } = await runSmoke(JSON.parse(env ?? "{}"), (line) => console.log(line));
console.log(`smoke: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) {
  if (globalThis.Deno) globalThis.Deno.exit(1);
  else globalThis.process.exitCode = 1;
}
