// Issue 10 §1: fault-injection soak over real HTTP (127.0.0.1) against the simulator server.
// Every operation must succeed or fail with a TurbokitError; no SDK replay may create anything
// twice on the server (the simulator's state and the arrivals behind the fault injector are the
// witnesses); the run is bounded in count (RELIABILITY_OPS) and in time (the test timeout).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTurbokitError } from "../../src/core/errors.js";
import {
  createSimulator,
  type FaultKind,
  type SimulatorServer,
  seededRandom,
  startSimulatorServer,
} from "../../src/testing/index.js";
import { SEED, Tally, writeFigures } from "./support/report.js";
import { SOAK_CLIENT_OPTIONS, type SoakClients, soakClients } from "./support/soak-clients.js";
import { type Arrival, OP_HEADER, witnessed } from "./support/witness.js";

const OPS = Number(process.env.RELIABILITY_OPS ?? 10_000);
// With 8 workers the order requests reach the server (and so which one draws which fault) varies a
// little run to run; RELIABILITY_CONCURRENCY=1 makes a seed repeat the run exactly.
const CONCURRENCY = Number(process.env.RELIABILITY_CONCURRENCY ?? 8);
const TIME_BOUND_MS = 180_000;
const RETRY_BUDGET = SOAK_CLIENT_OPTIONS.maxRetries;
const RATES: Partial<Record<FaultKind, number>> = {
  error5xx: 0.06,
  drop: 0.06,
  truncate: 0.06,
  malformedJson: 0.06,
  latency: 0.06,
};
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1Y2V1bXRlc3RrZXlub3RyZWFsMDAwMDAwMDAw soak@ci";
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x73, 0x6f, 0x61, 0x6b]);

/** Creating operations: which POST creates the thing, and how many the simulator holds. */
type Creation = "job" | "deploy" | "run" | "vm" | "order";
const CREATION_PATHS: Record<Creation, RegExp> = {
  job: /\/turbinex\/jobs$/,
  deploy: /\/turbostack\/api\/v1\/hosts\/\d+\/deploy$/,
  run: /\/lyceum\/.*\/execution\/streaming\/start$/,
  vm: /\/lyceum\/.*\/vms\/create$/,
  order: /\/exchange\/.*\/add_order$/,
};

interface Op {
  name: string;
  creates?: Creation;
  run(
    c: SoakClients,
    pick: <T>(items: T[]) => T | undefined,
    headers: Record<string, string>,
  ): Promise<unknown>;
}

const known = { jobs: [] as string[], runs: [] as string[], orders: [] as string[] };
const HOST_IDS = Array.from({ length: 42 }, (_, i) => 101 + i);

const OPS_TABLE: Array<[weight: number, op: Op]> = [
  [
    6,
    {
      name: "turbinex.jobs.list",
      run: (c, _p, headers) => c.turbinex.jobs.list({}, { headers }).firstPage(),
    },
  ],
  [
    6,
    {
      name: "turbinex.jobs.get",
      run: async (c, pick, headers) => c.turbinex.jobs.get(pick(known.jobs) ?? "job_missing", { headers }),
    },
  ],
  [
    4,
    {
      name: "turbinex.turbines.list",
      run: (c, _p, headers) => c.turbinex.turbines.list({}, { headers }).firstPage(),
    },
  ],
  [3, { name: "turbinex.usage", run: (c, _p, headers) => c.turbinex.usage.get({ headers }) }],
  [
    5,
    {
      name: "turbinex.jobs.submit",
      creates: "job",
      run: async (c, _p, headers) => {
        const job = await c.turbinex.jobs.submit({ file: ZIP, name: "soak" }, { headers });
        known.jobs.push(job.id);
        return job;
      },
    },
  ],
  [
    6,
    {
      name: "turbostack.hosts.list",
      run: (c, _p, headers) => c.turbostack.hosts.list({}, { headers }).firstPage(),
    },
  ],
  [
    6,
    {
      name: "turbostack.hosts.get",
      run: (c, pick, headers) => c.turbostack.hosts.get(pick(HOST_IDS)!, { headers }),
    },
  ],
  [
    4,
    {
      name: "turbostack.hosts.deployStatus",
      run: (c, pick, headers) => c.turbostack.hosts.deployStatus(pick(HOST_IDS)!, { headers }),
    },
  ],
  [
    5,
    {
      name: "turbostack.hosts.deploy",
      creates: "deploy",
      run: (c, pick, headers) => c.turbostack.hosts.deploy(pick(HOST_IDS)!, { type: "deploy" }, { headers }),
    },
  ],
  [
    5,
    {
      name: "lyceum.runs.python",
      creates: "run",
      run: async (c, _p, headers) => {
        const run = await c.lyceum.runs.python({ code: 'print("soak")' }, { headers });
        known.runs.push(run.execution_id);
        return run;
      },
    },
  ],
  [
    6,
    {
      name: "lyceum.runs.status",
      run: (c, pick, headers) => c.lyceum.runs.status(pick(known.runs) ?? "missing-run", { headers }),
    },
  ],
  [
    4,
    {
      name: "lyceum.machineTypes.list",
      run: (c, _p, headers) => c.lyceum.machineTypes.list({ headers }).firstPage(),
    },
  ],
  [4, { name: "lyceum.vms.list", run: (c, _p, headers) => c.lyceum.vms.list({}, { headers }).firstPage() }],
  [
    3,
    {
      name: "lyceum.vms.create",
      creates: "vm",
      run: (c, _p, headers) =>
        c.lyceum.vms.create(
          { publicKey: SSH_KEY, hardware: "h100", gpus: 1, instanceType: "on-demand" },
          { headers },
        ),
    },
  ],
  [4, { name: "exchange.status", run: (c, _p, headers) => c.exchange.status({ headers }) }],
  [4, { name: "exchange.me", run: (c, _p, headers) => c.exchange.me({ headers }) }],
  [
    5,
    {
      name: "exchange.orders.list",
      run: (c, _p, headers) => c.exchange.orders.list({ limit: 5 }, { headers }).firstPage(),
    },
  ],
  [
    4,
    {
      name: "exchange.orders.states",
      run: (c, pick, headers) => {
        const hash = pick(known.orders);
        return hash ? c.exchange.orders.states([hash], { headers }) : c.exchange.config({ headers });
      },
    },
  ],
  [
    5,
    {
      name: "exchange.orders.submit",
      creates: "order",
      run: async (c, _p, headers) => {
        const intent = await c.exchange.orders.build(
          {
            sell: "WETH",
            buy: "USDC",
            sellAmount: 10n ** 17n,
            minBuyAmount: 1n,
            curve: c.exchange.spreadCurve.constant(-10),
            durationSecs: 3600,
          },
          { headers },
        );
        const { orderHash } = await c.exchange.orders.submit(intent, { headers });
        known.orders.push(orderHash);
        return orderHash;
      },
    },
  ],
];

const sim = createSimulator({
  seed: SEED,
  providers: {
    turbinex: { rateLimits: false },
    turbostack: true,
    lyceum: true,
    exchange: { maxActiveOrders: 1_000_000 },
  },
  faults: { rates: RATES, latencyMs: 15 },
});
const { sim: served, arrivals } = witnessed(sim);
let server: SimulatorServer;
// Stacks, not bare errors: a failure must say where the rejection came from.
const unhandled: string[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(String((reason as Error)?.stack ?? reason));

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startSimulatorServer(served);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server?.close();
});

/** The simulator's own count of each kind of created thing: the state witness. */
function created(): Record<Creation, number> {
  const p = sim.providers;
  const lyceumOrg = p.lyceum.state.orgs.get("ada-lab");
  return {
    job: p.turbinex.state.jobs.size,
    deploy: [...p.turbostack.state.deployments.values()].reduce((n, list) => n + list.length, 0),
    run: lyceumOrg?.runs.size ?? 0,
    vm: lyceumOrg?.vms.size ?? 0,
    order: p.exchange.state.orders.size,
  };
}

describe("fault-injection soak over real HTTP", () => {
  it(
    `runs ${OPS} mixed operations under ≥ 20 % injected faults with only typed errors and no duplicates`,
    async () => {
      const clients = soakClients(sim, server);
      const random = seededRandom(SEED ^ 0x5eed);
      const pick = <T>(items: T[]): T | undefined =>
        items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
      const totalWeight = OPS_TABLE.reduce((n, [w]) => n + w, 0);
      const choose = (): Op => {
        let r = random() * totalWeight;
        for (const [w, op] of OPS_TABLE) {
          r -= w;
          if (r < 0) return op;
        }
        return OPS_TABLE[0]![1];
      };

      const before = created();
      const outcomes = new Tally();
      const byOp: Record<string, Tally> = {};
      const untyped: string[] = [];
      const nonceReuse: string[] = [];
      /** One message per operation and error class, to read what went wrong. */
      const samples: Record<string, string> = {};
      /** Per creating op id: the client's verdict. */
      const verdicts = new Map<string, { kind: Creation; verdict: "ok" | "maybe" | "no" }>();
      const started = Date.now();
      let next = 0;

      async function worker(): Promise<void> {
        for (;;) {
          const index = next++;
          if (index >= OPS) return;
          // Simulated time moves on: deploys finish, JWTs expire and refresh, runs progress.
          if (index % 25 === 0) sim.clock.advance(30_000);
          const op = choose();
          const id = `op-${index}`;
          byOp[op.name] ??= new Tally();
          const tally = byOp[op.name]!;
          try {
            await op.run(clients, pick, { [OP_HEADER]: id });
            outcomes.add("ok");
            tally.add("ok");
            if (op.creates) verdicts.set(id, { kind: op.creates, verdict: "ok" });
          } catch (error) {
            if (!isTurbokitError(error)) {
              untyped.push(`${op.name}: ${String(error)}`);
              continue;
            }
            outcomes.add(error.name);
            tally.add(error.name);
            samples[`${op.name}: ${error.name}`] ??= error.message.slice(0, 200);
            // An order refused because its Permit2 nonce was signed twice (see RELIABILITY.md).
            if (/nonce \d+ is already used/i.test(error.message)) nonceReuse.push(error.message);
            if (op.creates) {
              // The request may have been acted on when the answer was lost or unreadable; an
              // AcceptedWriteError says it was (a 2xx whose body the fault spoiled).
              const ambiguous = [
                "ConnectionError",
                "TimeoutError",
                "ResponseValidationError",
                "AcceptedWriteError",
              ].includes(error.name);
              verdicts.set(id, { kind: op.creates, verdict: ambiguous ? "maybe" : "no" });
            }
          }
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsedMs = Date.now() - started;
      const after = created();

      // Server side, per creating operation: how many times its creating POST reached a handler
      // that answered 2xx. More than one would be a duplicate caused by an SDK replay.
      const actedByOp = new Map<string, Arrival[]>();
      const creationArrivals: Record<Creation, number> = { job: 0, deploy: 0, run: 0, vm: 0, order: 0 };
      const sentByOp = new Map<string, number>();
      for (const a of arrivals) {
        const entry = verdicts.get(a.op);
        if (!entry || a.method !== "POST" || !CREATION_PATHS[entry.kind].test(a.path)) continue;
        sentByOp.set(a.op, (sentByOp.get(a.op) ?? 0) + 1);
        if (a.acted && a.status >= 200 && a.status < 300) {
          const list = actedByOp.get(a.op) ?? [];
          list.push(a);
          actedByOp.set(a.op, list);
          creationArrivals[entry.kind]++;
        }
      }
      const duplicates = [...actedByOp.values()].filter((list) => list.length > 1).length;
      const replays = [...sentByOp.values()].filter((n) => n > 1).length;

      // Every SDK call, whatever failed along the way, sends one request at most 1 + maxRetries
      // times: status retries, dropped connections, cut-off bodies and a 401 replay share one
      // budget. (Logins and refreshes carry no operation id, so they are not counted here.)
      const sendsPerCall = new Map<string, number>();
      for (const a of arrivals) {
        if (a.op === "") continue;
        const key = `${a.op} ${a.method} ${a.path}`;
        sendsPerCall.set(key, (sendsPerCall.get(key) ?? 0) + 1);
      }
      const mostSendsOfOneCall = Math.max(0, ...sendsPerCall.values());

      const perKind = {} as Record<Creation, Record<string, number>>;
      for (const kind of Object.keys(CREATION_PATHS) as Creation[]) {
        const mine = [...verdicts.values()].filter((v) => v.kind === kind);
        perKind[kind] = {
          attempted: mine.length,
          clientOk: mine.filter((v) => v.verdict === "ok").length,
          clientMaybe: mine.filter((v) => v.verdict === "maybe").length,
          serverCreated: after[kind] - before[kind],
          serverCreatedBySoakRequests: creationArrivals[kind],
        };
      }

      const counts = { ...sim.faults.counts };
      const injected =
        counts.latency + counts.error5xx + counts.drop + counts.truncate + counts.malformedJson;
      writeFigures("soak", {
        seed: SEED,
        operations: OPS,
        concurrency: CONCURRENCY,
        elapsedMs,
        requests: counts.requests,
        faults: { ...counts, injected, share: injected / counts.requests },
        outcomes: outcomes.counts,
        byOperation: Object.fromEntries(Object.entries(byOp).map(([k, t]) => [k, t.counts])),
        samples,
        creations: perKind,
        duplicates,
        creatingRequestsSentTwice: replays,
        mostSendsOfOneCall,
        retryBudget: 1 + RETRY_BUDGET,
        untyped: untyped.length,
        permit2NonceReused: nonceReuse.length,
        unhandledRejections: unhandled.length,
      });

      expect(untyped).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(nonceReuse).toEqual([]);
      expect(outcomes.total).toBe(OPS);
      expect(injected / counts.requests).toBeGreaterThanOrEqual(0.2);
      for (const kind of ["latency", "error5xx", "drop", "truncate", "malformedJson"] as const) {
        expect(counts[kind]).toBeGreaterThan(0);
      }
      // No creating request was ever sent twice for one SDK call, so none was acted on twice.
      expect(replays).toBe(0);
      expect(duplicates).toBe(0);
      expect(mostSendsOfOneCall).toBeLessThanOrEqual(1 + RETRY_BUDGET);
      expect(mostSendsOfOneCall, "the faults must make some call retry").toBeGreaterThan(1);
      for (const [kind, k] of Object.entries(perKind)) {
        // Everything the simulator created came from exactly one acted-on request of this soak …
        expect(k.serverCreated, kind).toBe(k.serverCreatedBySoakRequests);
        // … every creation the client saw succeed exists, and nothing beyond the ambiguous ones.
        expect(k.serverCreated, kind).toBeGreaterThanOrEqual(k.clientOk!);
        expect(k.serverCreated, kind).toBeLessThanOrEqual(k.clientOk! + k.clientMaybe!);
        expect(k.clientOk, `${kind}: some creations must succeed`).toBeGreaterThan(0);
      }
      expect(outcomes.counts.ok ?? 0).toBeGreaterThan(OPS / 2);
    },
    TIME_BOUND_MS,
  );
});
