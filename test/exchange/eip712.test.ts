import { HttpResponse, http } from "msw";
import { numberToHex, recoverTypedDataAddress, serializeSignature } from "viem";
import { describe, expect, it } from "vitest";
import { ConflictError, InputValidationError } from "../../src/core/errors.js";
import { EIP712_TYPES } from "../../src/exchange/eip712-types.js";
import { DEFAULT_PINS, domainSalt, type TurbineExchangeClient } from "../../src/exchange/index.js";
import { signedOrderIntent } from "../../src/exchange/intent.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, stubRoute, T0, USDC, WETH } from "./helpers.js";

const t = useSim("exchange");

const build = (exchange: TurbineExchangeClient, sellAmount = 10n ** 17n) =>
  exchange.orders.build({
    sell: WETH,
    buy: USDC,
    sellAmount,
    minBuyAmount: 100_000_000n,
    curve: exchange.spreadCurve.auto({ fastSpreadBps: 20 }),
    durationSecs: 3600,
  });

describe("EIP-712 mode", () => {
  it("submits {order without spreadCurve, spreadCurve, signedPermit} signed as AddOrder (timeSecs knots)", async () => {
    const exchange = t.client({ mode: "eip712" });
    const intent = await build(exchange);
    const { orderHash } = await exchange.orders.submit(intent);
    expect(t.provider.state.orders.get(orderHash)?.status).toBe("Active");
    expect(t.requests.paths()).toEqual(["GET /api/config", "POST /api/eip712/add_order"]);
    const sent = t.requests[1]!;
    expect(sent.headers.get("cookie")).toBeNull();
    const body = JSON.parse(sent.body);
    expect(Object.keys(body)).toEqual(["payload", "auth"]);
    expect(Object.keys(body.auth)).toEqual(["signer", "nonce", "deadline", "signature"]);
    expect(body.auth.signer).toBe(account.address);
    expect(body.auth.nonce).toMatch(/^\d+$/);
    expect(BigInt(body.auth.nonce)).toBeLessThan(1n << 64n);
    expect(body.auth.deadline).toBe(T0 / 1000 + 60 - 5);
    expect(Object.keys(body.auth.signature)).toEqual(["r", "s", "yParity"]);
    // The official wire form (turbine-sdk src/eip712.ts buildAddOrderWirePayload): the curve
    // moves out of the order, in its windowBps form.
    expect(Object.keys(body.payload)).toEqual(["order", "spreadCurve", "signedPermit"]);
    expect(body.payload.order).toEqual({
      owner: account.address,
      sellToken: WETH,
      buyToken: USDC,
      sellAmount: "0x16345785d8a0000",
      minBuyAmount: "0x5f5e100",
      startTime: `0x${(T0 / 1000).toString(16)}`,
      endTime: `0x${(T0 / 1000 + 3600).toString(16)}`,
      partialFill: true,
      callData: "0x",
      callDataTarget: "0x0000000000000000000000000000000000000000",
      salt: intent.salt,
    });
    expect(body.payload.spreadCurve).toEqual({
      startDeltaBps: -1000,
      endDeltaBps: 24,
      points: [
        { windowBps: 1000, deltaBps: -20 },
        { windowBps: 5000, deltaBps: 16 },
      ],
    });
    expect(Object.keys(body.payload.signedPermit.signature)).toEqual(["r", "s", "yParity"]);
    // Signed: the curve's knots at absolute seconds, uint256 times.
    const message = {
      order: signedOrderIntent(intent),
      nonce: BigInt(body.auth.nonce),
      deadline: BigInt(body.auth.deadline),
    };
    expect(message.order.points).toEqual([
      { timeSecs: BigInt(T0 / 1000 + 360), deltaBps: -20 },
      { timeSecs: BigInt(T0 / 1000 + 1800), deltaBps: 16 },
    ]);
    const recovered = await recoverTypedDataAddress({
      domain: {
        name: "Turbine",
        version: "1",
        chainId: 1,
        verifyingContract: DEFAULT_PINS.settler as `0x${string}`,
        salt: domainSalt(BASE),
      },
      types: EIP712_TYPES.AddOrder,
      primaryType: "AddOrder",
      message,
      signature: serializeSignature({
        r: numberToHex(BigInt(body.auth.signature.r), { size: 32 }),
        s: numberToHex(BigInt(body.auth.signature.s), { size: 32 }),
        yParity: body.auth.signature.yParity ? 1 : 0,
      }),
    });
    expect(recovered).toBe(account.address);
  });

  it("the simulator refuses a replayed envelope with 409 NONCE_ALREADY_USED", async () => {
    const exchange = t.client({ mode: "eip712" });
    const { orderHash } = await exchange.orders.submit(await build(exchange));
    await exchange.orders.cancel(orderHash);
    const cancel = t.requests.find((r) => r.url.endsWith("/eip712/cancel_order"))!;
    const replay = await fetch(cancel.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: cancel.body,
    });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: "NONCE_ALREADY_USED" });
  });

  it("a 409 NONCE_ALREADY_USED is replayed once with the identical body", async () => {
    const exchange = t.client({ mode: "eip712" });
    let conflicts = 1;
    stubRoute(t, "POST", "/eip712/cancel_order", () =>
      conflicts-- > 0
        ? HttpResponse.json({ code: "NONCE_ALREADY_USED", message: "nonce used" }, { status: 409 })
        : undefined,
    );
    const { orderHash } = await exchange.orders.submit(await build(exchange));
    expect(await exchange.orders.cancel(orderHash)).toEqual({ orderHash });
    const sent = t.requests.filter((r) => r.url.endsWith("/eip712/cancel_order"));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toBe(sent[1]!.body);
  });

  it("a second 409 surfaces as ConflictError", async () => {
    stubRoute(t, "POST", "/eip712/cancel_order", () =>
      HttpResponse.json({ code: "NONCE_ALREADY_USED", message: "nonce used" }, { status: 409 }),
    );
    const exchange = t.client({ mode: "eip712" });
    const error = await exchange.orders.cancel(`0x${"aa".repeat(32)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("NONCE_ALREADY_USED");
    expect(t.requests.filter((r) => r.url.endsWith("/eip712/cancel_order"))).toHaveLength(2);
  });

  it("states, list, waitFor and submitMany go through /eip712/orders", async () => {
    const exchange = t.client({ mode: "eip712" });
    const results = await exchange.orders.submitMany([
      await build(exchange),
      await build(exchange, 1000n), // below the minimum: dropped
      await build(exchange, 2n * 10n ** 17n), // told apart from the first by its amount (orderDetails has no salt)
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const hashes = results.flatMap((r) => (r.ok ? [r.orderHash] : []));
    const states = await exchange.orders.states(hashes);
    expect(states.map((s) => s.status)).toEqual(["Active", "Active"]);
    const listed = await exchange.orders.list({ limit: 1 }).toArray();
    expect(listed).toHaveLength(2);
    const final = await exchange.orders.waitFor(hashes[0]!, {
      intervalMs: 1,
      onProgress: () => t.sim.clock.advance(600_000),
    });
    expect(final.status).toBe("Filled");
    expect(final.execution[0]!.soldAmount).toBe(10n ** 17n);
    expect(t.requests.paths()).not.toContain("POST /api/nonce");
    // The batch was one bare array of AddOrder envelopes, one nonce each.
    const batch = JSON.parse(t.requests.find((r) => r.url.endsWith("/eip712/add_orders"))!.body);
    expect(Array.isArray(batch)).toBe(true);
    expect(batch).toHaveLength(3);
    expect(new Set(batch.map((e: { auth: { nonce: string } }) => e.auth.nonce)).size).toBe(3);
    expect(Object.keys(batch[0])).toEqual(["payload", "auth"]);
    expect(Object.keys(batch[0].payload)).toEqual(["order", "spreadCurve", "signedPermit"]);
    expect(t.requests.paths().filter((p) => p === "POST /api/eip712/orders").length).toBeGreaterThanOrEqual(
      4,
    );
  });

  describe("signed queries are retried under a fresh nonce, never replayed as-is", () => {
    type Sent = { auth: { signer: string; nonce: string } };
    /**
     * Lets `/eip712/{path}` fail `failures` times with 503 after the server has spent the nonce
     * (the app read the envelope, the answer was lost), then lets requests through. Returns the
     * nonces of every envelope sent there, read from the request log.
     */
    function lostAnswers(path: string, failures: number): () => string[] {
      let spent = 0;
      t.server.use(
        http.post(`${BASE}/eip712/${path}`, async ({ request }) => {
          if (spent++ >= failures) return undefined;
          const { auth } = (await request.clone().json()) as Sent;
          t.provider.state.envelopeNonces.add(`${auth.signer}:${auth.nonce}`);
          return undefined; // on to the simulator, which logs it and (scripted) loses the answer
        }),
      );
      t.sim.faults.configure({
        match: (r) => r.url.endsWith(`/eip712/${path}`),
        script: Array.from({ length: Math.min(failures, 50) }, () => "error5xx" as const),
      });
      return () =>
        t.requests
          .filter((r) => r.path === `/api/eip712/${path}`)
          .map((r) => (JSON.parse(r.body) as Sent).auth.nonce);
    }

    it("orders.states (QueryOrders): a lost answer is asked again with a new nonce and signature", async () => {
      const exchange = t.client({ mode: "eip712" });
      const { orderHash } = await exchange.orders.submit(await build(exchange));
      const nonces = lostAnswers("orders", 1);

      const states = await exchange.orders.states([orderHash]);

      expect(states.map((s) => [s.hash, s.status])).toEqual([[orderHash, "Active"]]);
      expect(nonces()).toHaveLength(2);
      expect(new Set(nonces()).size).toBe(2);
    });

    it("liquidity.states (QueryLiquidityIntents) too", async () => {
      const exchange = t.client({ mode: "eip712" });
      const { intentHash } = await exchange.liquidity.add({
        token0: USDC,
        token1: WETH,
        fee: 3000,
        token0Amount: 10n,
        token1Amount: 20n,
      });
      const nonces = lostAnswers("liquidity_intents", 1);

      const states = await exchange.liquidity.states([intentHash]);

      expect(states).toEqual([{ hash: intentHash, status: "Pending" }]);
      expect(new Set(nonces()).size).toBe(2);
    });

    it("stops after maxRetries (one signature per attempt), and never retries a 4xx", async () => {
      const exchange = t.client({ mode: "eip712", maxRetries: 2 });
      await exchange.config();
      const nonces = lostAnswers("orders", 99);

      const error = await exchange.orders.states([`0x${"ab".repeat(32)}`]).catch((e: unknown) => e);

      expect(error).toMatchObject({ name: "InternalServerError", status: 503 });
      expect(nonces()).toHaveLength(3);
      expect(new Set(nonces()).size).toBe(3);

      stubRoute(t, "POST", "/eip712/orders", () =>
        HttpResponse.json({ code: "INVALID_CURSOR", message: "bad" }, { status: 400 }),
      );
      const before = nonces().length;
      await expect(exchange.orders.states([`0x${"ab".repeat(32)}`])).rejects.toMatchObject({ status: 400 });
      expect(nonces()).toHaveLength(before + 1);
    });
  });

  it("liquidity add/remove/states sign envelopes", async () => {
    const exchange = t.client({ mode: "eip712" });
    const added = await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: 10n,
      token1Amount: 20n,
    });
    const removed = await exchange.liquidity.remove({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      lpToken: "0x4444444444444444444444444444444444444444",
      lpTokenAmount: 5n,
    });
    const states = await exchange.liquidity.states([added.intentHash, removed.intentHash]);
    expect(states.map((s) => s.status)).toEqual(["Pending", "Pending"]);
  });

  it("an expired deadline is refused by the simulator", async () => {
    // The client's clock lags the server by two minutes: its deadline is already past.
    const exchange = t.client({ mode: "eip712", now: () => t.sim.clock.now() - 120_000 });
    await expect(exchange.orders.cancel(`0x${"aa".repeat(32)}`)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("deadline"),
    });
  });

  it("session-only calls are refused", async () => {
    const exchange = t.client({ mode: "eip712" });
    await expect(exchange.me()).rejects.toBeInstanceOf(InputValidationError);
    await expect(exchange.login()).rejects.toMatchObject({ field: "mode" });
    await expect(exchange.logout()).rejects.toMatchObject({ field: "mode" });
  });
});
