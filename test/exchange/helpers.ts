import type { setupServer } from "msw/node";
import type { TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createTurbineExchange, type TurbineExchangeOptions } from "../../src/exchange/index.js";
import type { ExchangeSimOptions } from "../../src/testing/exchange/index.js";
import { createSimulator, type Simulator } from "../../src/testing/index.js";

export const PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
export const account = privateKeyToAccount(PRIVATE_KEY);
export const OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
export const BASE = "https://api.turbine.exchange/api";
/** 2026-04-13T02:40:00Z: the seed's example startTime. */
export const T0 = 1_776_048_000_000;
export const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
export const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
export const WBTC = "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599";
export const DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F";

export { useMsw } from "../helpers/msw.js";

export interface Recorded {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export function freshSim(
  server: ReturnType<typeof setupServer>,
  options: ExchangeSimOptions = {},
): Simulator {
  const sim = createSimulator({ providers: { exchange: options }, clock: { start: T0 }, seed: 7 });
  server.use(...sim.handlers);
  return sim;
}

/** A client wired to the simulator's clock, recording every request it sends. */
export function client(sim: Simulator, options: TurbineExchangeOptions = {}) {
  const requests: Recorded[] = [];
  const exchange = createTurbineExchange({
    signer: account,
    now: () => sim.clock.now(),
    maxRetries: 1,
    retryDelay: { baseMs: 1, maxMs: 2 },
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const copy = request.clone();
      requests.push({
        method: request.method,
        url: request.url,
        headers: new Headers(request.headers),
        body: copy.body ? await copy.text() : "",
      });
      return globalThis.fetch(request);
    },
    ...options,
  });
  return { exchange, requests, state: sim.providers.exchange.state };
}

export const paths = (requests: Recorded[]) => requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The test account as a signer that counts what it is asked to sign (and each typed-data primary type). */
export function signingSpy() {
  const calls = { message: 0, typed: 0 };
  const primaryTypes: string[] = [];
  return {
    calls,
    primaryTypes,
    signer: {
      address: account.address,
      signMessage: (message: string) => {
        calls.message++;
        return account.signMessage({ message });
      },
      signTypedData: (definition: TypedDataDefinition) => {
        calls.typed++;
        primaryTypes.push(String(definition.primaryType));
        return account.signTypedData(definition);
      },
    },
  };
}
