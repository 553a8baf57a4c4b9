// Permit2 allowance nonces around an ambiguous order submit. By default every permit carries the
// wallet's current on-chain nonce (what the official client does), so a lost answer changes
// nothing. With the opt-in sequential allocation, an order whose answer was lost may be live: its
// nonce must not be handed out again for the next order.
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { ConnectionError, ResponseValidationError } from "../../src/core/errors.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { createSimulator, type FaultKind } from "../../src/testing/index.js";
import { useMsw } from "../helpers/msw.js";
import { SEED } from "./support/report.js";

const server = useMsw();

describe("Permit2 nonces after an ambiguous order submit", () => {
  it("default (current nonce): after a lost answer the next order signs the chain's nonce again and is accepted", async () => {
    const sim = createSimulator({ seed: SEED, providers: { exchange: true } });
    server.use(...sim.handlers);
    const exchange = createTurbineExchange({
      signer: privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"),
      now: () => sim.clock.now(),
      permit2Nonce: () => 5n,
    });
    const order = () =>
      exchange.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount: 10n ** 17n,
        minBuyAmount: 1n,
        curve: exchange.spreadCurve.constant(-10),
        durationSecs: 3600,
      });
    sim.faults.configure({ script: ["truncate"], match: (r) => r.url.endsWith("/add_order") });
    await expect(exchange.orders.submit(await order())).rejects.toBeInstanceOf(ConnectionError);
    const second = await exchange.orders.submit(await order());
    expect(second.permitNonce).toBe(5n);
    const orders = sim.providers.exchange.state.orders;
    expect([...orders.values()].map((o) => [o.permitNonce, o.status])).toEqual([
      [5n, "Active"],
      [5n, "Active"],
    ]);
  });

  for (const [fault, ErrorClass] of [
    ["truncate", ConnectionError],
    ["malformedJson", ResponseValidationError],
  ] as [FaultKind, typeof ConnectionError][]) {
    it(`sequential: a ${fault} answer keeps the nonce spent: the next order signs a new one and is accepted`, async () => {
      const sim = createSimulator({ seed: SEED, providers: { exchange: true } });
      server.use(...sim.handlers);
      const exchange = createTurbineExchange({
        signer: privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"),
        now: () => sim.clock.now(),
        permit2NonceAllocation: "sequential",
      });
      const order = () =>
        exchange.orders.build({
          sell: "WETH",
          buy: "USDC",
          sellAmount: 10n ** 17n,
          minBuyAmount: 1n,
          curve: exchange.spreadCurve.constant(-10),
          durationSecs: 3600,
        });
      const first = await order();
      sim.faults.configure({ script: [fault], match: (r) => r.url.endsWith("/add_order") });
      await expect(exchange.orders.submit(first)).rejects.toBeInstanceOf(ErrorClass);
      const orders = sim.providers.exchange.state.orders;
      expect(orders.size).toBe(1); // the server did take it

      const second = await exchange.orders.submit(await order());
      expect(second.permitNonce).toBe(1n);
      expect(orders.size).toBe(2);
      const nonces = [...orders.values()].map((o) => o.permitNonce);
      expect(new Set(nonces).size).toBe(2);
    });
  }

  it("sequential: a refusal (4xx) gives the nonce back", async () => {
    const sim = createSimulator({ seed: SEED, providers: { exchange: true } });
    server.use(...sim.handlers);
    const exchange = createTurbineExchange({
      signer: privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"),
      now: () => sim.clock.now(),
      permit2NonceAllocation: "sequential",
    });
    const build = (sellAmount: bigint) =>
      exchange.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount,
        minBuyAmount: 1n,
        curve: exchange.spreadCurve.constant(-10),
        durationSecs: 3600,
      });
    await expect(exchange.orders.submit(await build(1000n))).rejects.toMatchObject({ status: 400 });
    const accepted = await exchange.orders.submit(await build(10n ** 17n));
    expect(accepted.permitNonce).toBe(0n);
  });
});
