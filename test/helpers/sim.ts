import { passthrough, http as route } from "msw";
import { setupServer } from "msw/node";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { apiKey, bearer, jwtSession } from "../../src/auth/index.js";
import { createTurbineExchange, type TurbineExchangeOptions } from "../../src/exchange/index.js";
import { createLyceum, type LyceumOptions } from "../../src/lyceum/index.js";
import {
  createSimulator,
  type ExchangeSimOptions,
  LYCEUM_SIM_API_KEY,
  type LyceumSimOptions,
  type RequestLog,
  type Simulator,
  type SimulatorOptions,
  type SimulatorServer,
  startSimulatorServer,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  TURBOSTACK_SIM_TOKEN,
  type TurbineXSimOptions,
  type TurboStackSimOptions,
} from "../../src/testing/index.js";
import { createTurbineX, type TurbineXOptions } from "../../src/turbinex/index.js";
import { createTurboStack, type TurboStackOptions } from "../../src/turbostack/index.js";

/** Retry waits for every test client: real retries, no real waiting. */
export const FAST_RETRIES = { retryDelay: { baseMs: 1, maxMs: 5 } } as const;

/** The exchange simulator's test key (Hardhat's first account) and the clock start it is tested at. */
export const EXCHANGE_TEST_KEY =
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
export const EXCHANGE_T0 = 1_776_048_000_000;

interface Providers {
  turbinex: { sim: TurbineXSimOptions; client: TurbineXOptions; make: typeof createTurbineX };
  turbostack: { sim: TurboStackSimOptions; client: TurboStackOptions; make: typeof createTurboStack };
  lyceum: { sim: LyceumSimOptions; client: LyceumOptions; make: typeof createLyceum };
  exchange: { sim: ExchangeSimOptions; client: TurbineExchangeOptions; make: typeof createTurbineExchange };
}
type Name = keyof Providers;

/** Each provider's default test client: the simulator's seeded credentials, fast retries. */
const defaults: { [K in Name]: (sim: Simulator) => Providers[K]["client"] } = {
  turbinex: () => ({
    auth: jwtSession({ credentials: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD } }),
  }),
  turbostack: () => ({ auth: bearer(TURBOSTACK_SIM_TOKEN) }),
  lyceum: () => ({ auth: apiKey(LYCEUM_SIM_API_KEY) }),
  exchange: (sim) => ({ signer: privateKeyToAccount(EXCHANGE_TEST_KEY), now: () => sim.clock.now() }),
};
const factories: { [K in Name]: Providers[K]["make"] } = {
  turbinex: createTurbineX,
  turbostack: createTurboStack,
  lyceum: createLyceum,
  exchange: createTurbineExchange,
};

export interface UseSimOptions<K extends Name> {
  /** The provider simulator's own options. */
  sim?: Providers[K]["sim"];
  /**
   * The rest of `createSimulator`'s options (variant, seed, clock, faults); a function is called
   * for each test's simulator (a clock start read from the wall clock when the test begins).
   */
  simulator?: Omit<SimulatorOptions, "providers"> | (() => Omit<SimulatorOptions, "providers">);
}

/** What `useSim` hands a test file; `sim` and `requests` are this test's (fresh per test). */
export interface SimHarness<K extends Name> {
  readonly sim: Simulator;
  readonly server: ReturnType<typeof setupServer>;
  /** The provider simulator (its state, its helpers). */
  readonly provider: Simulator["providers"][K];
  /** Every request the simulator received in this test. */
  readonly requests: RequestLog;
  /** A client for the simulator: default test credentials and fast retries, `options` on top. */
  client(options?: Providers[K]["client"]): ReturnType<Providers[K]["make"]>;
  /**
   * Serves this test's simulator over real HTTP on 127.0.0.1 (msw lets requests to its origin
   * through) and closes it after the test; its requests land in `requests` like any other. Give a
   * client `{ baseUrl: server.baseUrls.<provider> }`.
   */
  serve(): Promise<SimulatorServer>;
}

/**
 * The one test harness: msw in front of a fresh simulator of one provider for every test, and a
 * client factory. Unhandled requests fail the test.
 */
export function useSim<K extends Name>(provider: K, options: UseSimOptions<K> = {}): SimHarness<K> {
  const server = setupServer();
  let current: Simulator | undefined;
  let served: SimulatorServer | undefined;
  const sim = () => {
    if (!current) throw new Error("useSim: the simulator exists only inside a test");
    return current;
  };
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  beforeEach(() => {
    current = createSimulator({
      seed: 7,
      ...(provider === "exchange" ? { clock: { start: EXCHANGE_T0 } } : {}),
      ...(typeof options.simulator === "function" ? options.simulator() : options.simulator),
      providers: { [provider]: options.sim ?? {} },
    });
    server.resetHandlers(...current.handlers);
  });
  afterEach(async () => {
    server.resetHandlers();
    await served?.close();
    served = undefined;
  });
  afterAll(() => server.close());
  return {
    get sim() {
      return sim();
    },
    server,
    get provider() {
      return sim().providers[provider];
    },
    get requests() {
      return sim().requests;
    },
    client(extra) {
      const make = factories[provider] as (o: object) => ReturnType<Providers[K]["make"]>;
      return make({ ...FAST_RETRIES, ...defaults[provider](sim()), ...extra });
    },
    async serve() {
      if (served) throw new Error("useSim: serve() once per test");
      served = await startSimulatorServer(sim());
      // The same port under its other loopback name too: a page may call it localhost.
      const origins = [served.origin, served.origin.replace("127.0.0.1", "localhost")];
      server.use(...origins.map((origin) => route.all(`${origin}/*`, () => passthrough())));
      return served;
    },
  };
}
