// submitMany when /add_orders answers with fewer hashes than inputs: reconciliation by salt or by
// fields, "unknown" instead of a wrong "dropped", no returned hash ever lost, and the Permit2
// nonces of dropped orders.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { BuildOrderInput, SubmitManyResult } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, DAI, stubRoute, T0, USDC, WETH } from "./helpers.js";

const t = useSim("exchange");

const order = (over: Partial<BuildOrderInput> = {}): BuildOrderInput => ({
  sell: WETH,
  buy: USDC,
  sellAmount: 10n ** 17n, // 0.1 WETH ≈ $219
  minBuyAmount: 100_000_000n,
  curve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
  durationSecs: 3600,
  ...over,
});
const SMALL = { sellAmount: 9_100_000_000_000_000n }; // ≈ $19.97: dropped by the $30 minimum
const DAI_ORDER = { sell: DAI, sellAmount: 50n * 10n ** 18n, minBuyAmount: 1n };

const outcomes = (results: SubmitManyResult[]) => results.map((r) => r.outcome);
const sorted = (hashes: string[]) => [...hashes].sort();

/** Every result is 'unknown' (not ok), carries exactly the live hashes, and says why. */
function expectAllUnknown(results: SubmitManyResult[], live: string[], reason: RegExp) {
  expect(outcomes(results)).toEqual(results.map(() => "unknown"));
  for (const r of results) {
    if (r.outcome !== "unknown") throw new Error("expected unknown");
    expect(r.ok).toBe(false);
    expect(sorted(r.unmatchedHashes)).toEqual(live);
    expect(r.reason).toMatch(reason);
  }
}

describe("orders.submitMany reconciliation", () => {
  it("matches against /orders answered by hand in the official OrderDetails shape (no salt, owner or minBuyAmount)", async () => {
    const exchange = t.client();
    const H1 = `0x${"a1".repeat(32)}`;
    const H2 = `0x${"b2".repeat(32)}`;
    const intents = await Promise.all(
      [order(), order({ sellAmount: 3n * 10n ** 17n }), order(DAI_ORDER)].map((o) =>
        exchange.orders.build(o),
      ),
    );
    const [first, , dai] = intents;
    // What turbine-sdk's parseOrderState reads: limitPrice, spreadCurve with time fields,
    // createdTimestamp without a Z; the returned hashes in an order that is not the input's.
    const details = (intent: (typeof intents)[number]) => ({
      sellToken: intent.sellToken.toLowerCase(),
      buyToken: intent.buyToken.toLowerCase(),
      sellAmount: `0x${intent.sellAmount.toString(16)}`,
      limitPrice: { numerator: intent.minBuyAmount.toString(), denominator: intent.sellAmount.toString() },
      startTime: intent.startTime,
      endTime: intent.endTime,
      spreadCurve: {
        startSecs: intent.startTime,
        endSecs: intent.endTime,
        startDeltaBps: -10,
        endDeltaBps: -10,
        points: [],
      },
      createdTimestamp: "2026-04-13T02:40:00.123456",
    });
    stubRoute(t, "POST", "/add_orders", () => HttpResponse.json([{ orderHash: H2 }, { orderHash: H1 }]));
    stubRoute(t, "GET", "/orders", () =>
      HttpResponse.json({
        orders: [
          { hash: H1, status: "Active", execution: [], orderDetails: details(dai!) },
          { hash: H2, status: "Active", execution: [], orderDetails: details(first!) },
        ],
        cursor: null,
        hasMore: false,
      }),
    );

    const results = await exchange.orders.submitMany(intents);

    expect(results.map((r) => [r.outcome, r.ok ? r.orderHash : undefined])).toEqual([
      ["accepted", H2],
      ["dropped", undefined],
      ["accepted", H1],
    ]);
    const list = new URL(t.requests.find((r) => r.path === "/api/orders")!.url);
    expect(list.searchParams.get("hash")).toBe(`${H2},${H1}`);
  });

  it("a batch answered with more hashes than inputs looks up no more hashes than there were inputs", async () => {
    const exchange = t.client();
    const intents = await Promise.all(
      [order(), order({ sellAmount: 3n * 10n ** 17n })].map((o) => exchange.orders.build(o)),
    );
    const many = Array.from({ length: 200 }, (_, i) => ({
      orderHash: `0x${i.toString(16).padStart(64, "0")}`,
    }));
    stubRoute(t, "POST", "/add_orders", () => HttpResponse.json(many));
    stubRoute(t, "GET", "/orders", () => HttpResponse.json({ orders: [], cursor: null, hasMore: false }));
    const results = await exchange.orders.submitMany(intents);
    expect(results).toHaveLength(2);
    const lookups = t.requests.filter((r) => r.path === "/api/orders");
    expect(lookups).toHaveLength(1);
    expect(new URL(lookups[0]!.url).searchParams.get("hash")).toBe(
      `${many[0]!.orderHash},${many[1]!.orderHash}`,
    );
  });

  it("tells apart orders that share tokens and sellAmount by limitPrice and by the resolved curve", async () => {
    const exchange = t.client();
    const [HB, HC] = ["b", "c"].map((c) => `0x${c.repeat(64)}`);
    const intents = await Promise.all(
      [
        order(),
        order({ minBuyAmount: 200_000_000n }),
        order({ curve: { startDeltaBps: -20, endDeltaBps: -20, points: [] } }),
      ].map((o) => exchange.orders.build(o)),
    );
    const details = (intent: (typeof intents)[number], delta: number) => ({
      sellToken: intent.sellToken.toLowerCase(),
      buyToken: intent.buyToken.toLowerCase(),
      sellAmount: `0x${intent.sellAmount.toString(16)}`,
      limitPrice: { numerator: intent.minBuyAmount.toString(), denominator: intent.sellAmount.toString() },
      startTime: intent.startTime,
      endTime: intent.endTime,
      spreadCurve: { startDeltaBps: delta, endDeltaBps: delta, points: [] },
    });
    // Two hashes for three inputs: the first input (the plain one) was dropped. Each returned
    // order also fits the first input but for its price or its curve.
    t.server.use(
      http.post(`${BASE}/add_orders`, () => HttpResponse.json([{ orderHash: HC }, { orderHash: HB }])),
      http.get(`${BASE}/orders`, () =>
        HttpResponse.json({
          orders: [
            { hash: HC, status: "Active", execution: [], orderDetails: details(intents[2]!, -20) },
            { hash: HB, status: "Active", execution: [], orderDetails: details(intents[1]!, -10) },
          ],
          cursor: null,
          hasMore: false,
        }),
      ),
    );
    const results = await exchange.orders.submitMany(intents);
    expect(results.map((r) => (r.ok ? r.orderHash : r.outcome))).toEqual(["dropped", HB, HC]);
  });

  it("reads the official orderDetails: bigints, limitPrice, resolved curve, createdTimestamp as UTC", async () => {
    const exchange = t.client();
    const intent = await exchange.orders.build(
      order({ curve: exchange.spreadCurve.auto({ fastSpreadBps: 20 }) }),
    );
    const { orderHash } = await exchange.orders.submit(intent, {
      annotations: { spreadAtSubmissionHbp: 1234 },
    });
    const [listed] = await exchange.orders.list({ hashes: [orderHash] }).toArray();
    expect(listed!.orderDetails).toEqual({
      sellToken: WETH,
      buyToken: USDC,
      sellAmount: 10n ** 17n,
      limitPrice: { numerator: 100_000_000n, denominator: 10n ** 17n },
      startTime: BigInt(intent.startTime),
      endTime: BigInt(intent.endTime),
      spreadCurve: {
        startSecs: intent.startTime,
        endSecs: intent.endTime,
        startDeltaBps: -1000,
        endDeltaBps: 24,
        points: [
          { timeSecs: intent.startTime + 360, deltaBps: -20 },
          { timeSecs: intent.startTime + 1800, deltaBps: 16 },
        ],
      },
      createdTimestamp: "2026-04-13T02:40:00.000",
      createdAt: new Date(T0),
      annotations: { spreadAtSubmissionHbp: 1234 },
    });
  });

  it("matches by order fields (the simulator's /orders echoes no salt, as the official shape)", async () => {
    const exchange = t.client();
    const intents = await Promise.all(
      [order(), order(SMALL), order(DAI_ORDER), order({ sellAmount: 2n * 10n ** 17n })].map((o) =>
        exchange.orders.build(o),
      ),
    );

    const results = await exchange.orders.submitMany(intents);

    expect(outcomes(results)).toEqual(["accepted", "dropped", "accepted", "accepted"]);
    for (const r of results) {
      if (r.ok) expect(t.provider.state.orders.get(r.orderHash)?.salt).toBe(intents[r.index]!.salt);
    }
  });

  it("inputs it cannot tell apart are 'unknown' and carry every unmatched hash, never 'dropped'", async () => {
    const exchange = t.client();
    // Two orders equal in every echoed field: the listing cannot say which hash is which.
    const intents = await Promise.all([order(), order(), order(SMALL)].map((o) => exchange.orders.build(o)));

    const results = await exchange.orders.submitMany(intents);

    expect(results).toHaveLength(3);
    const live = sorted([...t.provider.state.orders.keys()]);
    expect(live).toHaveLength(2);
    expectAllUnknown(results, live, /may be live/);
  });

  it("a failing /orders read does not throw: the inputs are 'unknown' with the returned hashes", async () => {
    t.server.use(
      http.get(`${BASE}/orders`, () =>
        HttpResponse.json({ code: "INTERNAL_ERROR", message: "boom" }, { status: 503 }),
      ),
    );
    const exchange = t.client();
    const intents = await Promise.all(
      [order(), order(SMALL), order(DAI_ORDER)].map((o) => exchange.orders.build(o)),
    );

    const results = await exchange.orders.submitMany(intents);

    expect(results).toHaveLength(3);
    const live = sorted([...t.provider.state.orders.keys()]);
    expect(live).toHaveLength(2);
    expectAllUnknown(results, live, /could not be read.*InternalServerError/);
    // Each carries the nonce it signed (the wallet's current one by default).
    expect(results.map((r) => (r.outcome === "unknown" ? r.permitNonce : undefined))).toEqual([0n, 0n, 0n]);
  });
});

describe("orders.submitMany Permit2 nonces of dropped orders (sequential allocation)", () => {
  it("a dropped order that is its token's latest gives its nonce back", async () => {
    const exchange = t.client({ permit2NonceAllocation: "sequential" });
    const results = await exchange.orders.submitMany([
      await exchange.orders.build(order()),
      await exchange.orders.build(order(SMALL)),
      await exchange.orders.build(order(SMALL)),
    ]);
    expect(outcomes(results)).toEqual(["accepted", "dropped", "dropped"]);

    const next = await exchange.orders.submit(await exchange.orders.build(order()));

    expect(next.permitNonce).toBe(1n);
  });

  it("a dropped order followed by an accepted one of the same token keeps its nonce (a documented gap)", async () => {
    const exchange = t.client({ permit2NonceAllocation: "sequential" });
    const results = await exchange.orders.submitMany([
      await exchange.orders.build(order()),
      await exchange.orders.build(order(SMALL)),
      await exchange.orders.build(order({ sellAmount: 2n * 10n ** 17n })),
    ]);
    expect(results.map((r) => (r.ok ? r.permitNonce : r.outcome))).toEqual([0n, "dropped", 2n]);

    const next = await exchange.orders.submit(await exchange.orders.build(order()));

    expect(next.permitNonce).toBe(3n);
  });
});
