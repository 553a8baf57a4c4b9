import { privateKeyToAccount } from "viem/accounts";
import { apiKey, bearer, jwtSession } from "../../../src/auth/index.js";
import type { ClientOptions } from "../../../src/core/http.js";
import { createTurbineExchange } from "../../../src/exchange/index.js";
import { createLyceum } from "../../../src/lyceum/index.js";
import {
  LYCEUM_SIM_API_KEY,
  type Simulator,
  type SimulatorServer,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  TURBOSTACK_SIM_TOKEN,
} from "../../../src/testing/index.js";
import { createTurbineX } from "../../../src/turbinex/index.js";
import { createTurboStack } from "../../../src/turbostack/index.js";

/** Anvil's first well-known test key: never a real wallet. */
export const SOAK_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;

/** Short timeouts and fast backoff: a soak must not stall on one hung request. */
export const SOAK_CLIENT_OPTIONS = {
  maxRetries: 2,
  timeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  retryDelay: { baseMs: 1, maxMs: 4, maxRetryAfterMs: 10 },
} satisfies ClientOptions;

/** One client per provider, all against the simulator server, clocks tied to the simulator's. */
export function soakClients(sim: Simulator, server: SimulatorServer) {
  const now = () => sim.clock.now();
  return {
    turbinex: createTurbineX({
      ...SOAK_CLIENT_OPTIONS,
      baseUrl: server.baseUrls.turbinex,
      auth: jwtSession({
        credentials: { email: TURBINEX_SIM_USERS.enterprise, password: TURBINEX_SIM_PASSWORD },
        now,
      }),
    }),
    turbostack: createTurboStack({
      ...SOAK_CLIENT_OPTIONS,
      baseUrl: server.baseUrls.turbostack,
      auth: bearer(TURBOSTACK_SIM_TOKEN),
    }),
    lyceum: createLyceum({
      ...SOAK_CLIENT_OPTIONS,
      baseUrl: server.baseUrls.lyceum,
      auth: apiKey(LYCEUM_SIM_API_KEY),
    }),
    exchange: createTurbineExchange({
      ...SOAK_CLIENT_OPTIONS,
      baseUrl: server.baseUrls.exchange,
      signer: privateKeyToAccount(SOAK_PRIVATE_KEY),
      now,
    }),
  };
}

export type SoakClients = ReturnType<typeof soakClients>;
