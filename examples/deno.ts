// TurboStack from Deno, through an import map. In this repo, examples/deno.json maps `turbokit`
// to the built package (run `npm run build` first); in your own project map it to npm instead:
//   { "imports": { "turbokit": "npm:turbokit@^0.1", "turbokit/turbostack": "npm:turbokit@^0.1/turbostack" } }
//
//   npm run sim   (another shell)
//   npx deno run --config examples/deno.json --allow-net=127.0.0.1 --allow-env examples/deno.ts
import { bearer, NotFoundError } from "turbokit";
import { createTurboStack } from "turbokit/turbostack";

const baseUrl = Deno.env.get("TURBOSTACK_BASE_URL") ?? "http://127.0.0.1:4010/turbostack";
// Without TURBOSTACK_TOKEN this is the local simulator's demo token (`turbokit/testing` exports it).
const token = Deno.env.get("TURBOSTACK_TOKEN") ?? "ts_pat_demo_4f9a2c7e1b";
const ts = createTurboStack({ baseUrl, auth: bearer(token) });

const hosts = await ts.hosts.list().toArray();
console.table(hosts.slice(0, 5).map(({ id, name, active }) => ({ id, name, active })));
console.log(`${hosts.length} hosts`);

try {
  await ts.hosts.get(987654);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`a missing host is a ${error.name} (${error.status})`);
}
