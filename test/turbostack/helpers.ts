import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { bearer } from "../../src/auth/index.js";
import { createSimulator, type Simulator } from "../../src/testing/index.js";
import { TURBOSTACK_SIM_TOKEN, type TurboStackSimOptions } from "../../src/testing/turbostack/index.js";
import { createTurboStack, type TurboStackOptions } from "../../src/turbostack/index.js";

export const BASE = "https://my.turbostack.app";
export const API = `${BASE}/api/v1`;

/** A simulator under msw for one test file, plus a client factory with fast retries. */
export function useTurboStackSim(options: TurboStackSimOptions = {}) {
  const sim: Simulator = createSimulator({ providers: { turbostack: options } });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    server.resetHandlers();
    sim.faults.configure(undefined);
  });
  afterAll(() => server.close());
  const state = sim.providers.turbostack.state;
  const client = (extra: TurboStackOptions = {}) =>
    createTurboStack({
      auth: bearer(TURBOSTACK_SIM_TOKEN),
      retryDelay: { baseMs: 1, maxMs: 5 },
      ...extra,
    });
  return { sim, server, state, client };
}
