import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/core/errors.js";
import {
  createTurbineExchange,
  domainSalt,
  MinimumOrderSizeError,
  type TurbineExchangeClient,
} from "../../src/exchange/index.js";
import type { Simulator } from "../../src/testing/index.js";
import { useSim } from "../helpers/sim.js";
import { account, T0, USDC, WETH } from "./helpers.js";

// Real HTTP: each test's simulator served on 127.0.0.1 (the harness's serve()).

// The same walkthrough against the default answers and the variant ones (other legal shapes:
// legacy snake_case executions, decimal amounts and numeric times in orderDetails, a "Cancelled"
// spelling, no turbineSignerAddress in /config, extra fields everywhere).
describe.each([false, true])("exchange end to end over HTTP (variant: %s)", (variant) => {
  const t = useSim("exchange", { simulator: { clock: { start: T0 }, variant, seed: 3 } });

  it("logs in, trades, batches, cancels and adds liquidity", async () => {
    const baseUrl = (await t.serve()).baseUrls.exchange!;
    await walkthrough(t.sim, t.client({ baseUrl }), baseUrl, variant);
  });
});

// `exchange` signs as `account` on the simulator's clock (the harness's default client).
async function walkthrough(
  sim: Simulator,
  exchange: TurbineExchangeClient,
  baseUrl: string,
  variant: boolean,
) {
  {
    const state = sim.providers.exchange.state;

    const config = await exchange.config();
    expect(config.siweUri).toBe(baseUrl);
    expect(config.turbineSignerAddress).toBe(
      variant ? undefined : "0x89c740fea6bd1df86d0f8dff3f4c4c23cb598890",
    );
    expect(await exchange.me()).toMatchObject({ authenticated: true, address: account.address });

    // An auto-curve order that fills over simulated time.
    const intent = await exchange.orders.build({
      sell: "WETH",
      buy: "USDC",
      sellAmount: 2n * 10n ** 17n,
      minBuyAmount: 400_000_000n,
      curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
      durationSecs: 1800,
    });
    const fee = await exchange.orders.fee(intent);
    expect(fee).toBe(219_467n);
    const { orderHash } = await exchange.orders.submit(intent);
    const statuses: string[] = [];
    const filled = await exchange.orders.waitFor(orderHash, {
      intervalMs: 5,
      onProgress: (s) => {
        statuses.push(s.status);
        sim.clock.advance(120_000);
      },
    });
    expect(filled.status).toBe("Filled");
    expect(statuses[0]).toBe("Active");
    expect(filled.execution[0]!.soldAmount).toBe(2n * 10n ** 17n);
    expect(filled.execution[0]!.boughtAmount).toBeGreaterThanOrEqual(400_000_000n);

    // A batch with one order below the $30 minimum: one result per input.
    const make = (sellAmount: bigint) =>
      exchange.orders.build({
        sell: WETH,
        buy: USDC,
        sellAmount,
        minBuyAmount: 1n,
        curve: exchange.spreadCurve.constant(-10),
        durationSecs: 3600,
      });
    const batch = [await make(10n ** 17n), await make(9_100_000_000_000_000n), await make(3n * 10n ** 17n)];
    const results = await exchange.orders.submitMany(batch);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const [first, dropped, third] = results;
    expect(dropped).toMatchObject({ ok: false, index: 1, intent: batch[1] });
    expect(first!.ok && third!.ok && first!.orderHash !== third!.orderHash).toBe(true);
    // The single-order path shows the typed minimum error.
    await expect(exchange.orders.submit(await make(1000n))).rejects.toBeInstanceOf(MinimumOrderSizeError);

    // Cancel one.
    if (!first!.ok) throw new Error("unreachable");
    await exchange.orders.cancel(first!.orderHash);
    sim.clock.advance(2_500);
    const [canceled] = await exchange.orders.states([first!.orderHash]);
    expect(canceled!.status).toBe(variant ? "Cancelled" : "Canceled");
    // Either spelling is final: the wait ends at once.
    expect(
      (await exchange.orders.waitFor(first!.orderHash, { intervalMs: 5, timeoutMs: 2_000 })).status,
    ).toBe(canceled!.status);

    // Listing sees everything, newest first; orderDetails read exactly in either form.
    const listed = await exchange.orders.list({ limit: 2 }).toArray();
    expect(listed.map((o) => o.status).sort()).toEqual(["Active", canceled!.status, "Filled"].sort());
    const mine = listed.find((o) => o.hash === orderHash)!;
    expect(mine.orderDetails).toMatchObject({
      sellAmount: 2n * 10n ** 17n,
      startTime: BigInt(intent.startTime),
      endTime: BigInt(intent.endTime),
      limitPrice: { numerator: 400_000_000n, denominator: 2n * 10n ** 17n },
      createdAt: new Date(T0),
    });

    // Liquidity.
    const { intentHash } = await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: 1_000_000_000n,
      token1Amount: 5n * 10n ** 17n,
    });
    sim.clock.advance(6_000);
    expect(await exchange.liquidity.states([intentHash])).toMatchObject([
      { hash: intentHash, status: "Executed" },
    ]);

    // The session cookie really travelled over HTTP: one login for the whole walkthrough.
    expect(sim.requests.paths().filter((p) => p.endsWith("/api/verify"))).toEqual([
      expect.stringMatching(/^POST /),
    ]);
    await exchange.logout();
    expect([...state.sessions.values()].filter((s) => s.address)).toHaveLength(0);
  }
}

describe("the README's order against `npm run sim` (a fast clock) from a client on the wall clock", () => {
  // A minute of uptime at x30: simulated time runs 30 minutes ahead of the wall clock (read when
  // each test's simulator is made).
  const fastClock = () => ({ clock: { start: Date.now() + 30 * 60_000, speed: 30 }, seed: 5 });

  describe("with wallClockClients", () => {
    const t = useSim("exchange", { sim: { wallClockClients: true }, simulator: fastClock });

    it("an order signed from the wall clock is accepted and fills, a minute of x30 uptime later, via localhost", async () => {
      const fast = t.sim;
      const running = await t.serve();
      // The page or script may name the server localhost rather than 127.0.0.1.
      const baseUrl = running.baseUrls.exchange!.replace("127.0.0.1", "localhost");
      const exchange = createTurbineExchange({ baseUrl, signer: account, maxRetries: 0 }); // now: Date.now
      const config = await exchange.config();
      expect(config.siweUri).toBe(baseUrl);
      expect(config.eip712Domain?.salt).toBe(domainSalt(baseUrl));
      const intent = await exchange.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount: 200_000_000_000_000_000n,
        minBuyAmount: 400_000_000n,
        curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
        durationSecs: 1800,
      });
      const { orderHash } = await exchange.orders.submit(intent);
      const [first] = await exchange.orders.states([orderHash]);
      expect(first!.status).toBe("Active");
      fast.clock.advance(20 * 60_000); // the order's own window moves on at simulated speed
      const final = await exchange.orders.waitFor(orderHash, { intervalMs: 20, timeoutMs: 5_000 });
      expect(final.status).toBe("Filled");
      // The SIWE cookie works for a localhost client: SameSite=None; Secure (loopback).
      expect(fast.requests.paths().filter((p) => p.endsWith("/api/verify"))).toHaveLength(1);
      // The EIP-712 mode too: its deadline is read in the client's frame.
      const stateless = createTurbineExchange({ baseUrl, signer: account, mode: "eip712", maxRetries: 0 });
      const again = await stateless.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount: 10n ** 17n,
        minBuyAmount: 1n,
        curve: stateless.spreadCurve.constant(-10),
        durationSecs: 600,
      });
      expect((await stateless.orders.submit(again)).orderHash).toMatch(/^0x[0-9a-f]{64}$/);
    });
  });

  describe("without wallClockClients", () => {
    const t = useSim("exchange", { simulator: fastClock });

    it("without wallClockClients (the default) the same wall-clock order is refused: a clock bug still fails", async () => {
      const fast = t.sim;
      const running = await t.serve();
      const exchange = createTurbineExchange({
        baseUrl: running.baseUrls.exchange!,
        signer: account,
        maxRetries: 0,
      });
      const intent = await exchange.orders.build({
        sell: "WETH",
        buy: "USDC",
        sellAmount: 200_000_000_000_000_000n,
        minBuyAmount: 400_000_000n,
        curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
        durationSecs: 1800,
      });
      const error = await exchange.orders.submit(intent).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect([...fast.providers.exchange.state.orders.values()]).toHaveLength(0);
    });

    it("the session cookie is SameSite=None; Secure on loopback, so a page on another loopback name can log in", async () => {
      const baseUrl = (await t.serve()).baseUrls.exchange!;
      const nonce = await fetch(`${baseUrl}/nonce`, { method: "POST" });
      expect(nonce.headers.getSetCookie()[0]).toMatch(
        /^id=[0-9a-f]+; Path=\/; HttpOnly; Secure; SameSite=None; Max-Age=\d+$/,
      );
    });
  });
});
