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

// The same calls written with the standalone operations on a client core (issue 13 point 4: what
// a browser app bundles when it imports only the operation it calls). Goal: one call ≤ 18 KB.
export const STANDALONE_GOAL_KB = 18;
export const standaloneApps = {
  "turbokit/turbostack": {
    call: "listHosts(core)",
    source: `import { bearer } from "turbokit";
import { createTurboStackCore, listHosts } from "turbokit/turbostack";
const core = createTurboStackCore({ auth: bearer(globalThis.TOKEN) });
export async function run() { for await (const host of listHosts(core)) console.log(host.id, host.name, host.active); }`,
  },
  "turbokit/turbinex": {
    call: "submitJob(core)",
    source: `import { jwtSession } from "turbokit";
import { createTurbineXCore, submitJob } from "turbokit/turbinex";
const core = createTurbineXCore({ auth: jwtSession({ credentials: { email: "me@example.com", password: globalThis.PASSWORD } }) });
export const run = (file) => submitJob(core, { file, name: "baseline" }, { dedupe: true });`,
  },
  "turbokit/lyceum": {
    call: "startPythonRun(core)",
    source: `import { apiKey } from "turbokit";
import { createLyceumCore, startPythonRun } from "turbokit/lyceum";
const core = createLyceumCore({ auth: apiKey(globalThis.KEY) });
export const run = () => startPythonRun(core, { code: 'print("hello")', machine: "gpu.h100" });`,
  },
  "turbokit/exchange": {
    call: "submitOrder(core) with viem signing",
    source: `import { createTurbineExchangeCore, submitOrder } from "turbokit/exchange";
import { privateKeyToAccount } from "viem/accounts";
const core = createTurbineExchangeCore({ signer: privateKeyToAccount(globalThis.PRIVATE_KEY) });
export const run = (intent) => submitOrder(core, intent);`,
  },
};
