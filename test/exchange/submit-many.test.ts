// submitMany when /add_orders answers with fewer hashes than inputs: reconciliation by salt or by
// fields, "unknown" instead of a wrong "dropped", no returned hash ever lost, and the Permit2
// nonces of dropped orders.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { BuildOrderInput, SubmitManyResult } from "../../src/exchange/index.js";
import { BASE, client, DAI, freshSim, USDC, useMsw, WETH } from "./helpers.js";

const server = useMsw();

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
  it("matches by order fields when /orders does not echo the salt", async () => {
    const sim = freshSim(server, { echoSalt: false });
    const { exchange, state } = client(sim);
    const intents = await Promise.all(
      [order(), order(SMALL), order(DAI_ORDER), order({ sellAmount: 2n * 10n ** 17n })].map((o) =>
        exchange.orders.build(o),
      ),
    );

    const results = await exchange.orders.submitMany(intents);

    expect(outcomes(results)).toEqual(["accepted", "dropped", "accepted", "accepted"]);
    for (const r of results) {
      if (r.ok) expect(state.orders.get(r.orderHash)?.salt).toBe(intents[r.index]!.salt);
    }
  });

  it("inputs it cannot tell apart are 'unknown' and carry every unmatched hash, never 'dropped'", async () => {
    const sim = freshSim(server, { echoSalt: false });
    const { exchange, state } = client(sim);
    // Two orders equal in every echoed field: the listing cannot say which hash is which.
    const intents = await Promise.all([order(), order(), order(SMALL)].map((o) => exchange.orders.build(o)));

    const results = await exchange.orders.submitMany(intents);

    expect(results).toHaveLength(3);
    const live = sorted([...state.orders.keys()]);
    expect(live).toHaveLength(2);
    expectAllUnknown(results, live, /may be live/);
  });

  it("a failing /orders read does not throw: the inputs are 'unknown' with the returned hashes", async () => {
    const sim = freshSim(server);
    server.use(
      http.get(`${BASE}/orders`, () =>
        HttpResponse.json({ code: "INTERNAL_ERROR", message: "boom" }, { status: 503 }),
      ),
    );
    const { exchange, state } = client(sim);
    const intents = await Promise.all(
      [order(), order(SMALL), order(DAI_ORDER)].map((o) => exchange.orders.build(o)),
    );

    const results = await exchange.orders.submitMany(intents);

    expect(results).toHaveLength(3);
    const live = sorted([...state.orders.keys()]);
    expect(live).toHaveLength(2);
    expectAllUnknown(results, live, /could not be read.*InternalServerError/);
    // The nonces stay allocated (the orders may be live): WETH 0 and 1, DAI 0.
    expect(results.map((r) => (r.outcome === "unknown" ? r.permitNonce : undefined))).toEqual([0n, 1n, 0n]);
  });
});

describe("orders.submitMany Permit2 nonces of dropped orders", () => {
  it("a dropped order that is its token's latest gives its nonce back", async () => {
    const sim = freshSim(server);
    const { exchange } = client(sim);
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
    const sim = freshSim(server);
    const { exchange } = client(sim);
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
