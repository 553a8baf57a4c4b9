// Issue 10 §2, through the real client methods: each read method's answer is first captured from
// the simulator (a valid body), then served damaged in every way the fuzzer knows, so the model
// mappers after validation (hosts' config parsing, bigint fields, pagination) see it too. The
// call must return a value or fail as ResponseValidationError (or, for the exchange's /config,
// ConfigMismatchError) — never a TypeError or any other exception.
import fc from "fast-check";
import { setupServer } from "msw/node";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, bearer } from "../../src/auth/index.js";
import { ConfigMismatchError, ResponseValidationError } from "../../src/core/errors.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { createSimulator, LYCEUM_SIM_API_KEY, TURBOSTACK_SIM_TOKEN } from "../../src/testing/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";
import { mutatedBody } from "./support/mutations.js";
import { FUZZ_RUNS, SEED, Tally, writeFigures } from "./support/report.js";

const RUNS = Math.max(50, Math.round(FUZZ_RUNS / 4));
const sim = createSimulator({
  seed: SEED,
  providers: { turbinex: { rateLimits: false }, turbostack: true, lyceum: true, exchange: true },
});
const server = setupServer(...sim.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

/** The body to serve instead of the simulator's for one path (`undefined`: pass through). */
let override: { path: string; text: string } | undefined;
/** The last answer per path, captured on the way through. */
const captured = new Map<string, string>();
const fuzzFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const path = new URL(request.url).pathname;
  if (override && path === override.path) {
    return new Response(override.text, { status: 200, headers: { "content-type": "application/json" } });
  }
  const response = await globalThis.fetch(request);
  if (response.headers.get("content-type")?.includes("json"))
    captured.set(path, await response.clone().text());
  return response;
};

const opts = { fetch: fuzzFetch, maxRetries: 0 };
const tx = async () =>
  createTurbineX({ ...opts, auth: bearer(await sim.providers.turbinex.accessTokenFor("ceo@bigwind.test")) });
const ts = () => createTurboStack({ ...opts, auth: bearer(TURBOSTACK_SIM_TOKEN) });
const ly = () => createLyceum({ ...opts, auth: apiKey(LYCEUM_SIM_API_KEY) });
const ex = () =>
  createTurbineExchange({
    ...opts,
    signer: privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
    now: () => sim.clock.now(),
  });
const page = (p: { firstPage(): Promise<unknown> }) => p.firstPage();

/** Read methods: [name, path the body is served at, call]. */
const METHODS: Array<[string, string, () => Promise<unknown>]> = [
  ["turbinex.auth.me", "/auth/me", async () => (await tx()).auth.me()],
  ["turbinex.jobs.list", "/jobs", async () => page((await tx()).jobs.list())],
  ["turbinex.turbines.list", "/turbines", async () => page((await tx()).turbines.list())],
  ["turbinex.studies.list", "/studies", async () => page((await tx()).studies.list())],
  ["turbinex.notes.list", "/notes", async () => page((await tx()).notes.list())],
  ["turbinex.org.get", "/org", async () => (await tx()).org.get()],
  ["turbinex.usage.get", "/usage", async () => (await tx()).usage.get()],
  ["turbinex.auth.pats.list", "/auth/pats", async () => page((await tx()).auth.pats.list())],
  ["turbostack.hosts.list", "/api/v1/hosts", () => page(ts().hosts.list())],
  ["turbostack.hosts.get", "/api/v1/hosts/102", () => ts().hosts.get(102)],
  ["turbostack.hosts.credentials", "/api/v1/hosts/102/credentials", () => ts().hosts.credentials(102)],
  ["turbostack.clients.list", "/api/v1/clients", () => page(ts().clients.list())],
  ["turbostack.groups.list", "/api/v1/groups", () => page(ts().groups.list())],
  ["lyceum.machineTypes.list", "/api/v2/external/machine-types", () => page(ly().machineTypes.list())],
  ["lyceum.quotas.get", "/api/v2/external/user/quotas", () => ly().quotas.get()],
  ["lyceum.pricing.list", "/api/v2/external/pricing", () => page(ly().pricing.list())],
  ["lyceum.vms.list", "/api/v2/external/vms/list", () => page(ly().vms.list())],
  ["lyceum.vms.availability", "/api/v2/external/vms/availability", () => ly().vms.availability()],
  ["lyceum.storage.list", "/api/v2/external/storage/list-files", () => page(ly().storage.list())],
  ["lyceum.storage.credentials", "/api/v2/external/storage/credentials", () => ly().storage.credentials()],
  ["lyceum.env.list", "/api/v2/external/environment-variables/", () => page(ly().env.list())],
  ["lyceum.runs.list", "/api/v2/external/workloads/list", () => page(ly().runs.list())],
  ["lyceum.billing.credits", "/api/v2/external/billing/credits", () => ly().billing.credits()],
  ["exchange.config", "/api/config", () => ex().config()],
  ["exchange.me", "/api/me", () => ex().me()],
  ["exchange.orders.list", "/api/orders", () => page(ex().orders.list())],
];

const outcomes: Record<string, Record<string, number>> = {};
const skipped: string[] = [];

afterAll(() =>
  writeFigures("fuzz-clients", {
    seed: SEED,
    runsPerMethod: RUNS,
    methods: METHODS.length,
    outcomes,
    skipped,
  }),
);

describe("read methods under damaged answers", () => {
  for (const [name, path, call] of METHODS) {
    it(`${name}: a value or a ResponseValidationError, never another exception`, async () => {
      override = undefined;
      captured.clear();
      await call();
      // The served path is the one the method read (the capture is keyed by the real pathname).
      const key = [...captured.keys()].find((p) => p.endsWith(path));
      expect(key, `${name} read ${path}; saw ${[...captured.keys()].join(", ")}`).toBeDefined();
      const valid = JSON.parse(captured.get(key!)!) as unknown;
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(mutatedBody(fc.constant(valid)), async ({ kind, text }) => {
          override = { path: key!, text };
          try {
            await call();
            tally.add(`${kind}:tolerated`);
          } catch (error) {
            const allowed =
              error instanceof ResponseValidationError ||
              (name === "exchange.config" && error instanceof ConfigMismatchError);
            if (!allowed) throw error;
            tally.add(`${kind}:${(error as Error).name}`);
          } finally {
            override = undefined;
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      outcomes[name] = tally.counts;
    });
  }
});
