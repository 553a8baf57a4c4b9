import { http } from "msw";
import type { TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type BuildOrderInput, DEFAULT_BASE_URL } from "../../src/exchange/index.js";
import { EXCHANGE_T0, EXCHANGE_TEST_KEY, type SimHarness } from "../helpers/sim.js";

/** The harness's exchange signer (Hardhat's first account) and a second wallet's key. */
export const account = privateKeyToAccount(EXCHANGE_TEST_KEY);
export const OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
export const BASE = DEFAULT_BASE_URL;
/** 2026-04-13T02:40:00Z: the seed's example startTime, where the harness starts the clock. */
export const T0 = EXCHANGE_T0;
export const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
export const USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
export const WBTC = "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599";
export const DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F";

/** 0.1 WETH (≈ $219 in the seed) for at least 100 USDC over an hour, at a constant -10 bps. */
export const wethOrder = (over: Partial<BuildOrderInput> = {}): BuildOrderInput => ({
  sell: WETH,
  buy: USDC,
  sellAmount: 10n ** 17n,
  minBuyAmount: 100_000_000n,
  curve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
  durationSecs: 3600,
  ...over,
});

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

/**
 * Answers `METHOD path` in place of the simulator while `answer` returns a response (`undefined`
 * hands the request on to the simulator). A stubbed request is logged in `t.requests` like any
 * other, so tests see everything that was sent in one place.
 */
export function stubRoute(
  t: SimHarness<"exchange">,
  method: "GET" | "POST",
  path: string,
  answer: (request: Request) => Response | undefined | Promise<Response | undefined>,
): void {
  const on = method === "GET" ? http.get : http.post;
  t.server.use(
    on(`${BASE}${path}`, async ({ request }) => {
      const response = await answer(request);
      if (response) await t.requests.record(request);
      return response;
    }),
  );
}
