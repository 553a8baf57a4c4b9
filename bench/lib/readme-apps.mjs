// One app per provider, written as the README writes it: one client, one call (issue 13's bundle
// goals are measured on these). Each is bundled as a user's esbuild/Vite app would bundle it.
export const readmeApps = {
  "turbokit/turbostack": {
    budgetKb: 22,
    call: "hosts.list()",
    // The call's resource module, and the provider's other resource modules (what standalone,
    // tree-shakable operations would let a bundler drop for this app).
    resource: "src/turbostack/hosts.ts",
    otherResources: ["clients.ts", "groups.ts"],
    source: `import { bearer } from "turbokit";
import { createTurboStack } from "turbokit/turbostack";
const ts = createTurboStack({ auth: bearer(globalThis.TOKEN) });
export async function run() { for await (const host of ts.hosts.list()) console.log(host.id, host.name, host.active); }`,
  },
  "turbokit/turbinex": {
    budgetKb: 25,
    call: "jobs.submit()",
    resource: "src/turbinex/jobs.ts",
    otherResources: [
      "notes.ts",
      "org.ts",
      "parametric.ts",
      "public.ts",
      "reports.ts",
      "studies.ts",
      "turbines.ts",
    ],
    source: `import { jwtSession } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
const tx = createTurbineX({ auth: jwtSession({ credentials: { email: "me@example.com", password: globalThis.PASSWORD } }) });
export const run = (file) => tx.jobs.submit({ file, name: "baseline" }, { dedupe: true });`,
  },
  "turbokit/lyceum": {
    budgetKb: 32,
    call: "runs.python()",
    resource: "src/lyceum/runs.ts",
    otherResources: [
      "api-keys.ts",
      "batches.ts",
      "billing.ts",
      "catalog.ts",
      "deployments.ts",
      "env.ts",
      "files.ts",
      "inference.ts",
      "logs.ts",
      "metrics.ts",
      "mfa.ts",
      "orgs.ts",
      "storage.ts",
      "vms.ts",
    ],
    source: `import { apiKey } from "turbokit";
import { createLyceum } from "turbokit/lyceum";
const lyceum = createLyceum({ auth: apiKey(globalThis.KEY) });
export const run = () => lyceum.runs.python({ code: 'print("hello")', machine: "gpu.h100" });`,
  },
  "turbokit/exchange": {
    budgetKb: 55,
    call: "orders.submit() with viem signing",
    resource: "src/exchange/orders.ts",
    otherResources: ["liquidity.ts"],
    source: `import { createTurbineExchange } from "turbokit/exchange";
import { privateKeyToAccount } from "viem/accounts";
const exchange = createTurbineExchange({ signer: privateKeyToAccount(globalThis.PRIVATE_KEY) });
export const run = (intent) => exchange.orders.submit(intent);`,
  },
};
