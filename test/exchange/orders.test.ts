import { delay, HttpResponse, http } from "msw";
import type { Hex, TypedDataDefinition } from "viem";
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  InputValidationError,
  InternalServerError,
  TimeoutError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { Paginator } from "../../src/core/pagination.js";
import { type BuildOrderInput, MinimumOrderSizeError, type OrderIntent } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, DAI, signingSpy, T0, USDC, WBTC, WETH } from "./helpers.js";

const t = useSim("exchange");
const TARGET = "0x2222222222222222222222222222222222222222";

const base = (over: Partial<BuildOrderInput> = {}): BuildOrderInput => ({
  sell: WETH,
  buy: USDC,
  sellAmount: 10n ** 17n, // 0.1 WETH ≈ $219
  minBuyAmount: 100_000_000n, // 100 USDC
  curve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
  durationSecs: 3600,
  ...over,
});

async function fieldOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InputValidationError) return error.field;
  throw error ?? new Error("expected an InputValidationError");
}

describe("orders.build validation (each rule, before signing)", () => {
  const cases: [string, Partial<BuildOrderInput>, string][] = [
    ["missing sell token", { sell: undefined as never }, "sell"],
    ["zero-address sell token", { sell: "0x0000000000000000000000000000000000000000" }, "sell"],
    ["malformed sell token", { sell: "0x1234" }, "sell"],
    ["sell token not in /config", { sell: "0x3333333333333333333333333333333333333333" }, "sell"],
    ["unknown symbol", { buy: "PEPE" }, "buy"],
    ["buy token equal to sell token", { buy: WETH.toLowerCase() }, "buy"],
    ["zero sellAmount", { sellAmount: 0n }, "sellAmount"],
    ["negative sellAmount", { sellAmount: -5n }, "sellAmount"],
    ["non-numeric sellAmount", { sellAmount: "lots" }, "sellAmount"],
    ["unsafe JS number sellAmount", { sellAmount: 2 ** 60 }, "sellAmount"],
    ["zero minBuyAmount", { minBuyAmount: "0x0" }, "minBuyAmount"],
    ["both durationSecs and endTime", { endTime: T0 / 1000 + 60 }, "durationSecs"],
    ["neither durationSecs nor endTime", { durationSecs: undefined }, "endTime"],
    ["zero durationSecs", { durationSecs: 0 }, "durationSecs"],
    ["fractional durationSecs", { durationSecs: 1.5 }, "durationSecs"],
    [
      "endTime not after startTime",
      { durationSecs: undefined, startTime: T0 / 1000 + 100, endTime: T0 / 1000 + 100 },
      "endTime",
    ],
    [
      "endTime in the past",
      { durationSecs: undefined, startTime: T0 / 1000 - 100, endTime: T0 / 1000 - 10 },
      "endTime",
    ],
    ["negative startTime", { startTime: -1 }, "startTime"],
    ["partialFill false", { partialFill: false }, "partialFill"],
    ["callData without callDataTarget", { callData: "0xabcd" }, "callDataTarget"],
    ["callDataTarget without callData", { callDataTarget: TARGET }, "callData"],
    [
      "callDataTarget zero with callData",
      { callData: "0xabcd", callDataTarget: "0x0000000000000000000000000000000000000000" },
      "callDataTarget",
    ],
    ["callData not hex", { callData: "0xzz" as Hex, callDataTarget: TARGET }, "callData"],
    ["bad salt", { salt: "0x1234" }, "salt"],
    ["owner other than the signer", { owner: "0x1111111111111111111111111111111111111111" }, "owner"],
    [
      "curve delta out of domain",
      { curve: { startDeltaBps: -20000, endDeltaBps: 0, points: [] } },
      "curve.startDeltaBps",
    ],
    [
      "curve knots too dense for the window (truncation rule)",
      {
        durationSecs: 5,
        curve: { startDeltaBps: 0, endDeltaBps: 0, points: [{ windowBps: 1000, deltaBps: 0 }] },
      },
      "curve.points[0].windowBps",
    ],
  ];
  for (const [name, over, field] of cases) {
    it(`rejects ${name} → ${field}`, async () => {
      const spy = signingSpy();
      const exchange = t.client({ signer: spy.signer });
      expect(await fieldOf(exchange.orders.build(base(over)))).toBe(field);
      expect(spy.calls.typed).toBe(0);
      expect(t.requests.paths()).toEqual(["GET /api/config"]);
    });
  }

  it("builds a complete intent with defaults (owner, now, partialFill, random salt)", async () => {
    const exchange = t.client();
    const a = await exchange.orders.build(base({ curve: exchange.spreadCurve.auto({ fastSpreadBps: 25 }) }));
    const b = await exchange.orders.build(base());
    expect(a).toMatchObject({
      owner: account.address,
      sellToken: WETH,
      buyToken: USDC,
      sellAmount: 10n ** 17n,
      minBuyAmount: 100_000_000n,
      startTime: T0 / 1000,
      endTime: T0 / 1000 + 3600,
      partialFill: true,
      callData: "0x",
      callDataTarget: "0x0000000000000000000000000000000000000000",
    });
    expect(a.spreadCurve.points).toHaveLength(2);
    expect(a.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(Object.isFrozen(a)).toBe(true);
    const byEnd = await exchange.orders.build(
      base({ durationSecs: undefined, endTime: new Date(T0 + 600_000) }),
    );
    expect(byEnd.endTime).toBe(T0 / 1000 + 600);
  });

  it("submit re-checks a hand-made intent (owner must be the signer)", async () => {
    const spy = signingSpy();
    const exchange = t.client({ signer: spy.signer });
    const intent = await exchange.orders.build(base());
    const forged = { ...intent, owner: "0x1111111111111111111111111111111111111111" } as OrderIntent;
    expect(await fieldOf(exchange.orders.submit(forged))).toBe("intent.owner");
    expect(await fieldOf(exchange.orders.submit({ ...intent, sellAmount: 0n }))).toBe("intent.sellAmount");
    expect(await fieldOf(exchange.orders.submit({ ...intent, endTime: T0 / 1000 - 1 }))).toBe(
      "intent.endTime",
    );
    expect(await fieldOf(exchange.orders.submit(intent, { permitAmount: 0n }))).toBe("permitAmount");
    expect(spy.calls.typed).toBe(0);
  });
});

describe("orders.submit", () => {
  it("smart orders carry no permit and sign nothing", async () => {
    const spy = signingSpy();
    const exchange = t.client({ signer: spy.signer });
    const intent = await exchange.orders.build(base({ callData: "0xdeadbeef", callDataTarget: TARGET }));
    const { orderHash, permitNonce } = await exchange.orders.submit(intent);
    expect(permitNonce).toBeUndefined();
    const body = JSON.parse(t.requests.find((r) => r.url.endsWith("/add_order"))!.body);
    expect(Object.keys(body)).toEqual(["order"]);
    expect(body.order.callData).toBe("0xdeadbeef");
    expect(spy.calls.typed).toBe(0);
    expect(t.provider.state.orders.get(orderHash)?.status).toBe("Active");
  });

  it("the $30 minimum surfaces as MinimumOrderSizeError with the server's message", async () => {
    const exchange = t.client();
    const intent = await exchange.orders.build(base({ sellAmount: 9_100_000_000_000_000n }));
    const error = await exchange.orders.submit(intent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MinimumOrderSizeError);
    expect(error).toBeInstanceOf(BadRequestError);
    const e = error as MinimumOrderSizeError;
    expect(e.status).toBe(400);
    expect(e.code).toBe("INPUT_VALIDATION_ERROR");
    expect(e.serverMessage).toBe("Sell amount 9100000000000000 is worth ~$19.971542 which is less than $30");
    expect(e.message).toContain("less than $30");
    expect(e.worthUsd).toBe("19.971542");
    expect(e.minimumUsd).toBe("30");
    expect(e.minTradeSizeUsdc).toBe("30000000");
    expect(e.name).toBe("MinimumOrderSizeError");
  });

  it("other INPUT_VALIDATION_ERRORs stay BadRequestError with their code", async () => {
    t.server.use(
      http.post(`${BASE}/add_order`, () =>
        HttpResponse.json(
          {
            code: "VALIDATION_ERRORS",
            message: "bad",
            inner: [
              {
                code: "INPUT_VALIDATION_ERROR",
                message: "Sell amount 1 is worth ~$1 which is less than $30",
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const exchange = t.client();
    const error = await exchange.orders.submit(await exchange.orders.build(base())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MinimumOrderSizeError);
    expect((error as MinimumOrderSizeError).code).toBe("VALIDATION_ERRORS");
    t.server.use(
      http.post(`${BASE}/add_order`, () =>
        HttpResponse.json({ code: "USER_ORDER_LIMIT_REACHED", message: "too many" }, { status: 400 }),
      ),
    );
    const other = await exchange.orders.submit(await exchange.orders.build(base())).catch((e: unknown) => e);
    expect(other).not.toBeInstanceOf(MinimumOrderSizeError);
    expect(other).toMatchObject({ name: "BadRequestError", code: "USER_ORDER_LIMIT_REACHED" });
  });

  it("a plain-text 422 becomes an UnprocessableEntityError carrying the text", async () => {
    const text =
      'Failed to deserialize the JSON body into the target type: signedPermit.signature.yParity: invalid type: string "0x0", expected a boolean at line 1 column 698';
    t.server.use(http.post(`${BASE}/add_order`, () => HttpResponse.text(text, { status: 422 })));
    const exchange = t.client();
    const error = await exchange.orders.submit(await exchange.orders.build(base())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).rawBody).toBe(text);
    expect((error as UnprocessableEntityError).message).toContain("expected a boolean");
  });

  it("is never retried (non-idempotent POST)", async () => {
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/add_order`, () => {
        calls++;
        return HttpResponse.json({ code: "INTERNAL_ERROR", message: "boom" }, { status: 503 });
      }),
    );
    const exchange = t.client({ maxRetries: 3 });
    await expect(exchange.orders.submit(await exchange.orders.build(base()))).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(calls).toBe(1);
  });

  it("by default every permit carries the reported nonce: open orders of one token share it (as the official client)", async () => {
    const exchange = t.client({ permit2Nonce: async () => 4n });
    const first = await exchange.orders.submit(await exchange.orders.build(base()));
    const second = await exchange.orders.submit(await exchange.orders.build(base()));
    expect([first.permitNonce, second.permitNonce]).toEqual([4n, 4n]);
    const sent = t.requests.filter((r) => r.url.endsWith("/add_order")).map((r) => JSON.parse(r.body));
    expect(sent.map((b) => b.signedPermit.permit.details.nonce)).toEqual([4, 4]);
    // The simulator takes both, as nothing in the sources says the API refuses a shared nonce.
    expect(t.provider.state.orders.get(first.orderHash)?.status).toBe("Active");
    expect(t.provider.state.orders.get(second.orderHash)?.status).toBe("Active");
  });

  it("sequential allocation (opt-in) hands out distinct nonces per token and gives back a failed one", async () => {
    const exchange = t.client({ permit2NonceAllocation: "sequential" });
    const n = async (over: Partial<BuildOrderInput>) =>
      (await exchange.orders.submit(await exchange.orders.build(base(over)))).permitNonce;
    expect(await n({})).toBe(0n);
    expect(await n({})).toBe(1n);
    expect(await n({ sell: WBTC, sellAmount: 100_000n, minBuyAmount: 1n })).toBe(0n);
    await expect(
      exchange.orders.submit(await exchange.orders.build(base({ sellAmount: 1000n }))),
    ).rejects.toBeInstanceOf(MinimumOrderSizeError);
    expect(await n({})).toBe(2n);
  });

  it("sequential: concurrent submits of one token never share a Permit2 nonce", async () => {
    const exchange = t.client({ permit2Nonce: async () => 3n, permit2NonceAllocation: "sequential" });
    const intents = await Promise.all([1, 2, 3, 4].map(() => exchange.orders.build(base())));
    const submitted = await Promise.all(intents.map((i) => exchange.orders.submit(i)));
    expect(submitted.map((s) => s.permitNonce).sort()).toEqual([3n, 4n, 5n, 6n]);
  });

  it("sequential: takes the on-chain nonce from permit2Nonce and never goes below what it signed", async () => {
    const seen: string[] = [];
    let chain = 7n;
    const exchange = t.client({
      permit2NonceAllocation: "sequential",
      permit2Nonce: async (token) => {
        seen.push(token);
        return chain;
      },
    });
    const n = async () => (await exchange.orders.submit(await exchange.orders.build(base()))).permitNonce;
    expect(await n()).toBe(7n);
    expect(await n()).toBe(8n);
    chain = 20n;
    expect(await n()).toBe(20n);
    expect(seen).toEqual([WETH, WETH, WETH]);
  });
});

describe("orders.submitMany", () => {
  it("one result per input when the server silently drops an order (matched on the official orderDetails)", async () => {
    const exchange = t.client();
    const intents = [
      await exchange.orders.build(base()),
      await exchange.orders.build(base({ sellAmount: 9_100_000_000_000_000n })), // below $30
      await exchange.orders.build(base({ sell: DAI, sellAmount: 50n * 10n ** 18n, minBuyAmount: 1n })),
      await exchange.orders.build(base({ sellAmount: 2n * 10n ** 17n })),
    ];
    const results = await exchange.orders.submitMany(intents);
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "dropped", "accepted", "accepted"]);
    for (const r of results) {
      expect(r.intent).toBe(intents[r.index]); // the caller's own (built, frozen) object back
      if (r.ok) expect(t.provider.state.orders.get(r.orderHash)?.salt).toBe(intents[r.index]!.salt);
      else expect(r.reason).toMatch(/dropped/);
    }
    // Permit2 nonces: each the wallet's current one (0 here), as the official client signs them.
    const sent = JSON.parse(t.requests.find((r) => r.url.endsWith("/add_orders"))!.body) as {
      order: { salt: string };
      signedPermit: { permit: { details: { nonce: number; token: string } } };
    }[];
    expect(sent.map((s) => s.signedPermit.permit.details.nonce)).toEqual([0, 0, 0, 0]);
    // Reconciliation used ONE comma-joined hash param.
    const list = t.requests.find((r) => r.path === "/api/orders")!;
    const params = new URL(list.url).searchParams;
    expect(params.getAll("hash")).toHaveLength(1);
    expect(params.get("hash")!.split(",")).toHaveLength(3);
  });

  it("a batch refused as a whole (4xx) gives every Permit2 nonce back; the next batch reuses them", async () => {
    let refuse = true;
    t.server.use(
      http.post(`${BASE}/add_orders`, () =>
        refuse
          ? HttpResponse.json({ code: "MAX_ORDERS_IN_PAYLOAD", message: "too many orders" }, { status: 400 })
          : undefined,
      ),
    );
    const exchange = t.client({ permit2NonceAllocation: "sequential" });
    const batch = async () =>
      Promise.all(
        [base(), base(), base({ sell: DAI, sellAmount: 50n * 10n ** 18n, minBuyAmount: 1n })].map((o) =>
          exchange.orders.build(o),
        ),
      );
    await expect(exchange.orders.submitMany(await batch())).rejects.toBeInstanceOf(BadRequestError);
    refuse = false;
    const results = await exchange.orders.submitMany(await batch());
    expect(results.map((r) => (r.ok ? r.permitNonce : "dropped"))).toEqual([0n, 1n, 0n]);
  });

  it("a lost answer (5xx) keeps the batch's nonces: the orders may be live", async () => {
    let fail = true;
    t.server.use(
      http.post(`${BASE}/add_orders`, () =>
        fail ? HttpResponse.json({ code: "INTERNAL_ERROR", message: "boom" }, { status: 500 }) : undefined,
      ),
    );
    const exchange = t.client({ permit2NonceAllocation: "sequential" });
    const two = async () => [await exchange.orders.build(base()), await exchange.orders.build(base())];
    await expect(exchange.orders.submitMany(await two())).rejects.toBeInstanceOf(InternalServerError);
    fail = false;
    const results = await exchange.orders.submitMany(await two());
    expect(results.map((r) => (r.ok ? r.permitNonce : "dropped"))).toEqual([2n, 3n]);
  });

  it("a wallet that refuses one signature leaves no nonce gap and sends nothing", async () => {
    let signatures = 0;
    const refusing = {
      address: account.address,
      signMessage: (message: string) => account.signMessage({ message }),
      signTypedData: (definition: TypedDataDefinition) => {
        signatures++;
        if (signatures === 2) throw new Error("user rejected the request");
        return account.signTypedData(definition);
      },
    };
    const exchange = t.client({ signer: refusing, permit2NonceAllocation: "sequential" });
    const intents = [await exchange.orders.build(base()), await exchange.orders.build(base())];
    await expect(exchange.orders.submitMany(intents)).rejects.toThrow(/user rejected/);
    expect(t.requests.paths()).not.toContain("POST /api/add_orders");
    const again = await exchange.orders.submitMany([await exchange.orders.build(base())]);
    expect(again.map((r) => (r.ok ? r.permitNonce : "dropped"))).toEqual([0n]);
  });

  it("maps positionally when nothing was dropped (no extra query)", async () => {
    const exchange = t.client();
    const intents = [await exchange.orders.build(base()), await exchange.orders.build(base())];
    const results = await exchange.orders.submitMany(intents);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(t.requests.paths().filter((p) => p.includes("/orders"))).toEqual([]);
  });

  it("every input dropped → every result says so", async () => {
    const exchange = t.client();
    const intents = [await exchange.orders.build(base({ sellAmount: 1000n }))];
    const [result] = await exchange.orders.submitMany(intents);
    expect(result).toMatchObject({ ok: false, outcome: "dropped", index: 0 });
  });

  it("checks every intent before signing any", async () => {
    const spy = signingSpy();
    const exchange = t.client({ signer: spy.signer });
    const good = await exchange.orders.build(base());
    expect(
      await fieldOf(
        exchange.orders.submitMany([good, { ...good, sellAmount: 0n, salt: `0x${"01".repeat(32)}` }]),
      ),
    ).toBe("intents[1].sellAmount");
    expect(await fieldOf(exchange.orders.submitMany([good, good]))).toBe("intents[1].salt");
    expect(await fieldOf(exchange.orders.submitMany([]))).toBe("intents");
    expect(spy.calls.typed).toBe(0);
  });
});

describe("cancel, states, list, waitFor, fee", () => {
  it("cancel goes PendingCancellation → Canceled over simulated time", async () => {
    const exchange = t.client();
    const { orderHash } = await exchange.orders.submit(await exchange.orders.build(base()));
    expect(await exchange.orders.cancel(orderHash)).toEqual({ orderHash });
    expect((await exchange.orders.states([orderHash]))[0]!.status).toBe("PendingCancellation");
    t.sim.clock.advance(2_000);
    expect((await exchange.orders.states([orderHash]))[0]!.status).toBe("Canceled");
    await expect(exchange.orders.cancel(orderHash)).rejects.toMatchObject({ code: "ORDER_NOT_AVAILABLE" });
    expect(await fieldOf(exchange.orders.cancel("0x12"))).toBe("orderHash");
  });

  it("waitFor follows an auto-curve order to Filled; executions decode to bigints", async () => {
    const exchange = t.client();
    const intent = await exchange.orders.build(
      base({ curve: exchange.spreadCurve.auto({ fastSpreadBps: 20 }) }),
    );
    const { orderHash } = await exchange.orders.submit(intent);
    const seen: string[] = [];
    const final = await exchange.orders.waitFor(orderHash, {
      intervalMs: 1,
      onProgress: (s) => {
        seen.push(s.status);
        t.sim.clock.advance(300_000);
      },
    });
    expect(final.status).toBe("Filled");
    expect(seen[0]).toBe("Active");
    const [execution] = final.execution;
    expect(execution!.soldAmount).toBe(10n ** 17n);
    expect(typeof execution!.boughtAmount).toBe("bigint");
    expect(execution!.boughtAmount).toBeGreaterThan(200_000_000n);
    expect(execution!.surplusBuyAmount).toBe(execution!.boughtAmount - 100_000_000n);
    expect(execution!.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(typeof execution!.blockNumber).toBe("number");
  });

  it("waitFor treats unknown statuses as not final and times out with the last state", async () => {
    const hash = `0x${"0a".repeat(32)}`;
    t.server.use(http.post(`${BASE}/order_states`, () => HttpResponse.json([{ hash, status: "Migrating" }])));
    const exchange = t.client();
    const error = await exchange.orders
      .waitFor(hash, { intervalMs: 5, timeoutMs: 400 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "WaitTimeoutError", lastValue: { hash, status: "Migrating" } });
    const custom = await exchange.orders.waitFor(hash, { until: (s) => s.status === "Migrating" });
    expect(custom.status).toBe("Migrating");
  });

  it("waitFor's `until` ends the wait early but never keeps it going past a final status", async () => {
    const hash = `0x${"0b".repeat(32)}`;
    let polls = 0;
    t.server.use(
      http.post(`${BASE}/order_states`, () => {
        polls++;
        return HttpResponse.json([{ hash, status: "Expired" }]);
      }),
    );
    const final = await t
      .client()
      .orders.waitFor(hash, { intervalMs: 5, timeoutMs: 2_000, until: (s) => s.status === "Filled" });
    expect(final.status).toBe("Expired");
    expect(polls).toBe(1);
  });

  it("waitFor sends the call's headers with every poll, and no poll outlives its timeoutMs", async () => {
    const hash = `0x${"0b".repeat(32)}`;
    const traces: (string | null)[] = [];
    let hang = false;
    t.server.use(
      http.post(`${BASE}/order_states`, async ({ request }) => {
        traces.push(request.headers.get("x-trace"));
        if (hang) await delay("infinite");
        return HttpResponse.json([{ hash, status: traces.length < 3 ? "Active" : "Filled" }]);
      }),
    );
    const exchange = t.client();

    const final = await exchange.orders.waitFor(hash, { intervalMs: 1, headers: { "x-trace": "t-1" } });
    expect(final.status).toBe("Filled");
    expect(traces).toEqual(["t-1", "t-1", "t-1"]);

    // A poll that never answers: the wait's 150 ms bound it, not the client's 60 s attempt timeout.
    hang = true;
    const started = Date.now();
    const error = await exchange.orders.waitFor(hash, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a maker-favorable constant curve never fills and expires at endTime", async () => {
    const exchange = t.client();
    const { orderHash } = await exchange.orders.submit(
      await exchange.orders.build(base({ durationSecs: 600 })),
    );
    t.sim.clock.advance(601_000);
    const [state] = await exchange.orders.states([orderHash]);
    expect(state).toMatchObject({ hash: orderHash, status: "Expired", execution: [] });
  });

  it("states reads camelCase and snake_case executions and keeps unknown statuses", async () => {
    t.server.use(
      http.post(`${BASE}/order_states`, () =>
        HttpResponse.json([
          {
            hash: "0x01",
            status: "Filled",
            execution: [
              {
                txHash: "0xaa",
                blockNumber: 5,
                soldAmount: "0x1a",
                boughtAmount: "0x2c",
                surplusBuyAmount: "0x0",
              },
            ],
          },
          {
            hash: "0x02",
            status: "SomethingNew",
            extra: 1,
            execution: [
              {
                tx_hash: "0xbb",
                block_number: "0x10",
                sold_amount: "0xffffffffffffffffffff",
                bought_amount: "44",
                surplus_buy_amount: "0x1",
              },
            ],
          },
          { hash: "0x03", status: "Active" },
        ]),
      ),
    );
    const exchange = t.client();
    const states = await exchange.orders.states([`0x${"01".repeat(32)}`]);
    expect(states[0]!.execution[0]).toEqual({
      txHash: "0xaa",
      blockNumber: 5,
      soldAmount: 26n,
      boughtAmount: 44n,
      surplusBuyAmount: 0n,
    });
    expect(states[1]).toMatchObject({ status: "SomethingNew", extra: 1 });
    expect(states[1]!.execution[0]).toEqual({
      txHash: "0xbb",
      blockNumber: 16,
      soldAmount: 0xffffffffffffffffffffn,
      boughtAmount: 44n,
      surplusBuyAmount: 1n,
    });
    expect(states[2]!.execution).toEqual([]);
  });

  it("states is a retried query POST; unknown hashes come back Unknown", async () => {
    const exchange = t.client();
    await exchange.login();
    t.sim.faults.configure({ match: (r) => r.url.endsWith("/order_states"), script: ["error5xx"] });
    const hash = `0x${"ee".repeat(32)}`;
    expect(await exchange.orders.states([hash])).toEqual([{ hash, status: "Unknown", execution: [] }]);
    expect(t.requests.paths().filter((p) => p.endsWith("order_states"))).toHaveLength(2);
    expect(await exchange.orders.states([])).toEqual([]);
    expect(await fieldOf(exchange.orders.states(["nope"]))).toBe("orderHashes[0]");
  });

  it("list pages through a cursor, newest first, lazily", async () => {
    const exchange = t.client();
    const hashes: string[] = [];
    for (let i = 0; i < 5; i++) {
      hashes.push((await exchange.orders.submit(await exchange.orders.build(base()))).orderHash);
      t.sim.clock.advance(1000);
    }
    const before = t.requests.length;
    const paginator = exchange.orders.list({ limit: 2 });
    expect(t.requests.length).toBe(before);
    const pages: number[] = [];
    for await (const page of paginator.pages()) pages.push(page.items.length);
    expect(pages).toEqual([2, 2, 1]);
    const all = await exchange.orders.list({ limit: 2 }).toArray();
    expect(all.map((o) => o.hash)).toEqual([...hashes].reverse());
    expect(all[0]!.orderDetails?.sellAmount).toBe(10n ** 17n);
    const listUrls = t.requests.filter((r) => r.path === "/api/orders").map((r) => new URL(r.url));
    expect(listUrls[1]!.searchParams.get("cursor")).toBe("c2");
    expect(listUrls[1]!.searchParams.get("limit")).toBe("2");
    const picked = await exchange.orders
      .list({ hashes: [hashes[0]!, hashes[1]!], statuses: ["Active", "Filled"] })
      .toArray();
    expect(picked.map((o) => o.hash).sort()).toEqual([hashes[0], hashes[1]].sort());
    const last = t.requests[t.requests.length - 1]!;
    expect(new URL(last.url).searchParams.get("status")).toBe("Active,Filled");
    expect(new URL(last.url).searchParams.getAll("hash")).toHaveLength(1);
  });

  it("list checks its parameters before sending", async () => {
    const exchange = t.client();
    const many = Array.from({ length: 31 }, (_, i) => `0x${i.toString(16).padStart(64, "0")}`);
    expect(() => exchange.orders.list({ hashes: many })).toThrow(/at most 30/);
    expect(() => exchange.orders.list({ limit: 0 })).toThrow(InputValidationError);
    expect(() => exchange.orders.list({ limit: 201 })).toThrow(/limit/);
    expect(() => exchange.orders.list({ statuses: ["Active,Filled"] })).toThrow(/statuses\[0\]/);
    expect(() => exchange.orders.list({ cursor: "" })).toThrow(/cursor/);
    expect(exchange.orders.list({ limit: 200 })).toBeInstanceOf(Paginator); // accepted, and lazy:
    expect(t.requests).toHaveLength(0);
  });

  it("an invalid cursor is the server's INVALID_CURSOR", async () => {
    const exchange = t.client();
    await expect(exchange.orders.list({ cursor: "garbage" }).toArray()).rejects.toMatchObject({
      status: 400,
      code: "INVALID_CURSOR",
    });
  });

  it("fee quotes the platform fee as a bigint, without a session", async () => {
    const exchange = t.client();
    const intent = await exchange.orders.build(base());
    const fee = await exchange.orders.fee(intent);
    // 0.1 WETH at $2194.675 = 219.4675 USDC; 5 bps = 0.10973375 USDC → 109733 atomic units
    expect(fee).toBe(109_733n);
    const call = t.requests.find((r) => r.url.endsWith("/order_fees"))!;
    expect(call.headers.get("cookie")).toBeNull();
    expect(JSON.parse(call.body).sellAmount).toBe("0x16345785d8a0000");
    expect(t.requests.paths()).not.toContain("POST /api/nonce");
    // A client without a signer can quote too.
    const anonymous = t.client({ signer: undefined });
    expect(anonymous.address).toBeUndefined();
    expect(await anonymous.orders.fee(intent)).toBe(109_733n);
    await expect(anonymous.orders.submit(intent)).rejects.toMatchObject({ field: "signer" });
  });
});
