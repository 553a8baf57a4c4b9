// Pinned to the official client (propeller-heads/turbine-sdk): the cast-signed EIP-712 vectors of
// its tests/eip712.test.ts (produced by foundry's `cast wallet sign --data` from the backend's
// envelope.rs fixtures), its spread-curve maths and builders (src/eip712.ts, src/spreads.ts), its
// annotations, and its /config token classes.
import { HttpResponse, http } from "msw";
import { hashTypedData, keccak256, numberToBytes, recoverAddress, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigMismatchError, InputValidationError } from "../../src/core/errors.js";
import { EIP712_TYPES } from "../../src/exchange/eip712-types.js";
import {
  createTurbineExchange,
  DEFAULT_PINS,
  domainSalt,
  spreadCurve,
  type TurbineExchangeClient,
} from "../../src/exchange/index.js";
import { type OrderIntent, signedOrderIntent } from "../../src/exchange/intent.js";
import { useSim } from "../helpers/sim.js";
import { BASE, USDC, WETH } from "./helpers.js";

const DEV_API = "https://dev-api.turbine.exchange/api";
const FIXTURE_SETTLER = "0x26df0ea798971a97ae121514b32999dfdb220e1f";
const FIXTURE_SIGNER = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
// Anvil's account #9, whose address is FIXTURE_SIGNER: signing with it must give cast's bytes.
const FIXTURE_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
const FIXTURE_HASH = "0xbc99a2cb0a86c1eb704c1b670ec4c59eae55ceaa8f1b0068f170d6d66d1301a1";
const FIXTURE_NONCE = 8421337650123n;
const ADD_ORDER_SIGNATURE =
  "0x913d2e9a20244e3efed83e4a1e98aa3c727809d419a2c98dc855fd06366de24862aa8fc0bb5c0a88fda65a7e0f15f178c8b027ec1f5bb7b1f66943366bf2eb051c";
const QUERY_ORDERS_SIGNATURE =
  "0xc8fa9c6bc1d6c6724dd7ca0bc129a36dff899f8a4698da9fb6690855b537c04216fc08dd7fb613fad8bcaf9fc41449c1b9bfd44bd3c752c7960aed55d0acec391b";
const FIXTURE_DOMAIN = {
  name: "Turbine",
  version: "1",
  chainId: 1,
  verifyingContract: FIXTURE_SETTLER,
  salt: domainSalt(DEV_API),
} as const;
const FIXTURE_ORDER: OrderIntent = {
  owner: "0x9858EfFD232B4033E47d90003D41EC34EcaEda94",
  sellToken: USDC,
  buyToken: WETH,
  sellAmount: 1_000_000n,
  minBuyAmount: 250_000_000_000_000n,
  spreadCurve: { startDeltaBps: 25, endDeltaBps: 40, points: [{ windowBps: 5000, deltaBps: 30 }] },
  startTime: 1_760_000_000,
  endTime: 1_760_003_600,
  partialFill: true,
  callData: "0x",
  callDataTarget: "0x0000000000000000000000000000000000000000",
  salt: FIXTURE_HASH,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the official cast-signed EIP-712 vectors", () => {
  const t = useSim("exchange");

  it("the domain salt is keccak256 of the API URL, as the backend's", () => {
    expect(FIXTURE_DOMAIN.salt).toBe("0x36f58a53af15d7999b9a370d51197631b7a193e5b3010f1950ea636907e5274d");
    expect(FIXTURE_DOMAIN.salt).toBe(keccak256(stringToBytes(DEV_API)));
  });

  it("AddOrder: our types and signed order recover the fixture signer, and re-sign to cast's exact bytes", async () => {
    const typedData = {
      domain: FIXTURE_DOMAIN,
      types: EIP712_TYPES.AddOrder,
      primaryType: "AddOrder",
      message: { order: signedOrderIntent(FIXTURE_ORDER), nonce: FIXTURE_NONCE, deadline: 1_760_000_600n },
    } as const;
    expect(typedData.message.order.points).toEqual([{ timeSecs: 1_760_001_800n, deltaBps: 30 }]);
    const recovered = await recoverAddress({
      hash: hashTypedData(typedData),
      signature: ADD_ORDER_SIGNATURE,
    });
    expect(recovered).toBe(FIXTURE_SIGNER);
    expect(await privateKeyToAccount(FIXTURE_KEY).signTypedData(typedData)).toBe(ADD_ORDER_SIGNATURE);
  });

  it("QueryOrders: the client's own envelope for list({hashes, statuses, limit: 50}) carries cast's signature", async () => {
    const sent: { payload: unknown; auth: Record<string, unknown> }[] = [];
    t.server.use(
      http.get(`${DEV_API}/config`, () =>
        HttpResponse.json({
          version: "0.135.0",
          turbineSettlerAddress: FIXTURE_SETTLER,
          lpHookAddress: DEFAULT_PINS.lpHook,
          lpRouterAddress: DEFAULT_PINS.lpRouter,
          poolManagerAddress: DEFAULT_PINS.poolManager,
          submitSettlements: true,
          siweDomain: "app.turbine.exchange",
          siweUri: DEV_API,
          tokens: [],
          eip712Domain: FIXTURE_DOMAIN,
          maxSignatureLifetimeS: 60,
        }),
      ),
      http.post(`${DEV_API}/eip712/orders`, async ({ request }) => {
        sent.push((await request.json()) as never);
        return HttpResponse.json({ orders: [], cursor: null, hasMore: false });
      }),
    );
    // The envelope's random u64 nonce, pinned to the fixture's.
    const random = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(((buf: ArrayBufferView) => {
      if (buf instanceof Uint8Array && buf.length === 8) {
        buf.set(numberToBytes(FIXTURE_NONCE, { size: 8 }));
        return buf;
      }
      return random(buf as never);
    }) as never);
    const exchange = createTurbineExchange({
      baseUrl: DEV_API,
      mode: "eip712",
      signer: privateKeyToAccount(FIXTURE_KEY),
      pins: { settler: FIXTURE_SETTLER },
      // deadline = now + maxSignatureLifetimeS - 5 = the fixture's 1760000060
      now: () => (1_760_000_060 - 55) * 1000,
    });

    await exchange.orders
      .list({ hashes: [FIXTURE_HASH], statuses: ["Active", "Filled"], limit: 50 })
      .firstPage();

    expect(sent).toEqual([
      {
        payload: { hashes: [FIXTURE_HASH], statuses: ["Active", "Filled"], cursor: "", limit: 50 },
        auth: {
          signer: FIXTURE_SIGNER,
          nonce: "8421337650123",
          deadline: 1_760_000_060,
          signature: {
            r: "0xc8fa9c6bc1d6c6724dd7ca0bc129a36dff899f8a4698da9fb6690855b537c042",
            s: "0x16fc08dd7fb613fad8bcaf9fc41449c1b9bfd44bd3c752c7960aed55d0acec39",
            yParity: false,
          },
        },
      },
    ]);
    expect(QUERY_ORDERS_SIGNATURE.endsWith("1b")).toBe(true); // v = 27: yParity false
  });

  it('eip712/orders without filters signs and sends the zero values, limit 0 ("unset")', async () => {
    const exchange = t.client({ mode: "eip712" });
    const requests = t.requests;
    await exchange.orders.list().firstPage();
    const body = JSON.parse(requests.find((r) => r.url.endsWith("/eip712/orders"))!.body);
    expect(body.payload).toEqual({ hashes: [], statuses: [], cursor: "", limit: 0 });
  });
});

describe("spread curves as the official client computes them", () => {
  it("toTimeKnots: integer maths, rounded down (src/eip712.ts resolveSpreadCurvePoints)", () => {
    const window = { startTime: 1_760_000_000, endTime: 1_760_003_600 };
    expect(
      spreadCurve.toTimeKnots(
        { startDeltaBps: 25, endDeltaBps: 40, points: [{ windowBps: 5000, deltaBps: 30 }] },
        window,
      ).points,
    ).toEqual([{ timeSecs: 1_760_001_800, deltaBps: 30 }]);
    expect(
      spreadCurve.toTimeKnots(
        { startDeltaBps: 0, endDeltaBps: 0, points: [{ windowBps: 3333, deltaBps: 10 }] },
        window,
      ).points,
    ).toEqual([{ timeSecs: 1_760_001_199, deltaBps: 10 }]);
  });

  it("toTimeKnots refuses knots that collapse onto the start or onto each other after truncation", () => {
    const onStart = () =>
      spreadCurve.toTimeKnots(
        { startDeltaBps: 0, endDeltaBps: 0, points: [{ windowBps: 1, deltaBps: 10 }] },
        { startTime: 1_760_000_000, endTime: 1_760_001_000 },
      );
    expect(onStart).toThrow(InputValidationError);
    expect(onStart).toThrow(expect.objectContaining({ field: "curve.points[0].windowBps" }));
    const collapsed = () =>
      spreadCurve.toTimeKnots(
        {
          startDeltaBps: 0,
          endDeltaBps: 0,
          points: [
            { windowBps: 1000, deltaBps: 10 },
            { windowBps: 1500, deltaBps: 20 },
          ],
        },
        { startTime: 1_760_000_000, endTime: 1_760_000_010 },
      );
    expect(collapsed).toThrow(expect.objectContaining({ field: "curve.points[1].windowBps" }));
  });

  it("autoForDuration = the official 0.31 auto: fast up to 300 s, maximizing beyond", () => {
    expect(spreadCurve.autoForDuration({ fastSpreadBps: 20, durationSecs: 300, feeBps: 5 })).toEqual({
      strategy: "fast",
      curve: {
        startDeltaBps: -20,
        endDeltaBps: 45,
        points: [
          { windowBps: 1000, deltaBps: 20 },
          { windowBps: 8000, deltaBps: 25 },
        ],
      },
      metadata: {
        realisticSpreadComponents: { fastSpreadBps: 20, feeBps: 5, bufferBps: 0 },
        maxSpreadComponents: { fastSpreadBps: 20, feeBps: 5, bufferBps: 20 },
      },
    });
    expect(spreadCurve.autoForDuration({ fastSpreadBps: 20, durationSecs: 301, feeBps: 5 })).toEqual({
      strategy: "maximizing",
      curve: {
        startDeltaBps: -1000,
        endDeltaBps: 29,
        points: [
          { windowBps: 1000, deltaBps: -20 },
          { windowBps: 5000, deltaBps: 21 },
        ],
      },
      metadata: {
        realisticSpreadComponents: { fastSpreadBps: 20, feeBps: 5, bufferBps: 0 },
        maxSpreadComponents: { fastSpreadBps: 20, feeBps: 5, bufferBps: 4 },
      },
    });
  });

  it("fast caps fee and buffer at 9999; maximizing's defaults and refusals", () => {
    expect(spreadCurve.fast(9000, 5000).curve).toEqual({
      startDeltaBps: -9000,
      endDeltaBps: 9999,
      points: [
        { windowBps: 1000, deltaBps: 9000 },
        { windowBps: 8000, deltaBps: 9999 },
      ],
    });
    expect(spreadCurve.fast(9000, 5000).metadata.maxSpreadComponents).toEqual({
      fastSpreadBps: 9000,
      feeBps: 999,
      bufferBps: 0,
    });
    // yolo defaults to min(-fast - 1, -1000): below -1000 once fast passes 999.
    expect(spreadCurve.maximizing(1500, 0).curve.startDeltaBps).toBe(-1501);
    expect(spreadCurve.maximizing(100, 10, 50, -2000).curve).toEqual({
      startDeltaBps: -2000,
      endDeltaBps: 160,
      points: [
        { windowBps: 1000, deltaBps: -100 },
        { windowBps: 5000, deltaBps: 60 },
      ],
    });
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof InputValidationError ? e.field : String(e);
      }
      return undefined;
    };
    expect(field(() => spreadCurve.maximizing(100, 0, 200))).toBe("bufferBps");
    expect(field(() => spreadCurve.maximizing(100, 0, 10, -50))).toBe("yoloBps");
    expect(field(() => spreadCurve.maximizing(100, 9890, 10))).toBe("feeBps");
    expect(field(() => spreadCurve.fast(0, 1))).toBe("fastSpreadBps");
    expect(field(() => spreadCurve.fast(10, -1))).toBe("feeBps");
    expect(field(() => spreadCurve.autoForDuration({ fastSpreadBps: 10, durationSecs: 0, feeBps: 1 }))).toBe(
      "durationSecs",
    );
  });

  it("the seed's auto({fastSpreadBps, deltaBps?, yoloBps?}) is unchanged", () => {
    expect(spreadCurve.auto({ fastSpreadBps: 20 })).toEqual({
      startDeltaBps: -1000,
      endDeltaBps: 24,
      points: [
        { windowBps: 1000, deltaBps: -20 },
        { windowBps: 5000, deltaBps: 16 },
      ],
    });
  });
});

describe("annotations and /config, as the official client has them", () => {
  const t = useSim("exchange");

  const build = (exchange: TurbineExchangeClient, sellAmount = 10n ** 17n) =>
    exchange.orders.build({
      sell: WETH,
      buy: USDC,
      sellAmount,
      minBuyAmount: 1n,
      curve: spreadCurve.constant(-10),
      durationSecs: 3600,
    });

  it("add_order carries {order, signedPermit, annotations}; add_orders one per intent; EIP-712 beside the curve", async () => {
    const exchange = t.client();
    const requests = t.requests;
    await exchange.orders.submit(await build(exchange), { annotations: { spreadAtSubmissionHbp: 1234 } });
    const single = JSON.parse(requests.find((r) => r.url.endsWith("/add_order"))!.body);
    expect(Object.keys(single)).toEqual(["order", "signedPermit", "annotations"]);
    expect(single.annotations).toEqual({ spreadAtSubmissionHbp: 1234 });
    await exchange.orders.submitMany([await build(exchange), await build(exchange, 2n * 10n ** 17n)], {
      annotations: [{ spreadAtSubmissionHbp: 7 }, undefined],
    });
    const batch = JSON.parse(requests.find((r) => r.url.endsWith("/add_orders"))!.body);
    expect(batch[0].annotations).toEqual({ spreadAtSubmissionHbp: 7 });
    expect(batch[1]).not.toHaveProperty("annotations");

    const eip = { exchange: t.client({ mode: "eip712" }), requests: t.requests };
    await eip.exchange.orders.submit(await build(eip.exchange), {
      annotations: { spreadAtSubmissionHbp: 9 },
    });
    const envelope = JSON.parse(eip.requests.find((r) => r.url.endsWith("/eip712/add_order"))!.body);
    expect(Object.keys(envelope.payload)).toEqual(["order", "spreadCurve", "signedPermit", "annotations"]);
    expect(envelope.payload.annotations).toEqual({ spreadAtSubmissionHbp: 9 });
  });

  it("annotations are checked before anything is signed", async () => {
    const exchange = t.client();
    const requests = t.requests;
    const intent = await build(exchange);
    const field = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => (e as InputValidationError).field,
      );
    expect(await field(exchange.orders.submit(intent, { annotations: { spreadAtSubmissionHbp: -1 } }))).toBe(
      "annotations.spreadAtSubmissionHbp",
    );
    expect(await field(exchange.orders.submit(intent, { annotations: "x" as never }))).toBe("annotations");
    expect(await field(exchange.orders.submitMany([intent], { annotations: [] }))).toBe("annotations");
    expect(requests.filter((r) => r.url.includes("add_order"))).toEqual([]);
  });

  it("a /config without turbineSignerAddress (the official type has none) is accepted", async () => {
    t.server.use(
      http.get(`${BASE}/config`, () =>
        HttpResponse.json({
          version: "0.135.0",
          turbineSettlerAddress: DEFAULT_PINS.settler,
          lpHookAddress: DEFAULT_PINS.lpHook,
          lpRouterAddress: DEFAULT_PINS.lpRouter,
          poolManagerAddress: DEFAULT_PINS.poolManager,
          submitSettlements: true,
          siweDomain: "app.turbine.exchange",
          siweUri: BASE,
          tokens: [{ address: WETH, symbol: "WETH", decimals: 18, class: "Meme" }],
        }),
      ),
    );
    const exchange = t.client();
    const config = await exchange.config();
    expect(config.turbineSignerAddress).toBeUndefined();
    expect(config.tokens).toEqual([{ address: WETH, symbol: "WETH", decimals: 18, class: "Meme" }]);
  });
});

describe("/config of an exchange on another settler", () => {
  const t = useSim("exchange", { sim: { pins: { settler: "0x5964336d54486f70b6a05b7825021427d99a0e16" } } });

  it("/config: token classes Regular/Stable (kept open), and a pin mismatch names the option to pin", async () => {
    const exchange = t.client();
    const error = await exchange.config().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigMismatchError);
    expect((error as Error).message).toContain(
      'createTurbineExchange({ pins: { settler: "0x5964336d54486f70b6a05b7825021427d99a0e16" } })',
    );
    const pinned = {
      exchange: t.client({ pins: { settler: "0x5964336d54486f70b6a05b7825021427d99a0e16" } }),
    };
    const config = await pinned.exchange.config();
    expect(config.tokens.map((t) => t.class)).toEqual(["Regular", "Stable", "Regular", "Stable"]);
  });
});
