// Turbine Exchange against the simulator over real HTTP: pinned /config, a SIWE login (a cookie
// session: captured by hand in Node/Deno, `credentials: "include"` in the browser) and a signed order.
import { createTurbineExchange } from "turbokit/exchange";
import { privateKeyToAccount } from "viem/accounts";
import { assert, assertEqual } from "./assert.mjs";

// Anvil's first well-known test key: never a real wallet.
const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** @param {{ baseUrl: string }} config */
export const exchangeChecks = [
  {
    name: "exchange: SIWE login, signed order, state",
    async run({ baseUrl }) {
      const signer = privateKeyToAccount(KEY);
      const exchange = createTurbineExchange({ baseUrl, signer });
      const me = await exchange.me();
      assertEqual(me.address?.toLowerCase(), signer.address.toLowerCase(), "session address");
      const intent = await exchange.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount: 2n * 10n ** 17n,
        minBuyAmount: 400_000_000n,
        curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
        durationSecs: 3600,
      });
      const { orderHash } = await exchange.orders.submit(intent);
      assert(/^0x[0-9a-f]{64}$/.test(orderHash), `an order hash (${orderHash})`);
      const [state] = await exchange.orders.states([orderHash]);
      assert(state && typeof state.status === "string", "a status");
      return `signed in as ${signer.address.slice(0, 10)}…, order ${state.status}`;
    },
  },
];
