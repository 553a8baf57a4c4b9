// What each provider's smoke checks need from a running simulator: one entry per provider.
// Runs in Node only (it reads the simulator's credentials from `turbokit/testing`).
import * as testing from "turbokit/testing";

/** @param {{ baseUrls: Record<string, string> }} server a started simulator server */
export function simConfig(server) {
  return {
    turbostack: { baseUrl: server.baseUrls.turbostack, token: testing.TURBOSTACK_SIM_TOKEN },
    turbinex: {
      baseUrl: server.baseUrls.turbinex,
      email: testing.TURBINEX_SIM_USERS.owner,
      password: testing.TURBINEX_SIM_PASSWORD,
    },
    lyceum: { baseUrl: server.baseUrls.lyceum, key: testing.LYCEUM_SIM_API_KEY },
    exchange: { baseUrl: server.baseUrls.exchange },
  };
}
