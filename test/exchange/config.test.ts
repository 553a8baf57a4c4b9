import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ConfigMismatchError, InputValidationError } from "../../src/core/errors.js";
import { DEFAULT_PINS, domainSalt, type TurbineExchangeClient } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, signingSpy, USDC, WETH } from "./helpers.js";

const OTHER = "0x1111111111111111111111111111111111111111";

async function orderFrom(exchange: TurbineExchangeClient) {
  return exchange.orders.build({
    sell: WETH,
    buy: USDC,
    sellAmount: 10n ** 17n,
    minBuyAmount: 1n,
    curve: exchange.spreadCurve.constant(0),
    durationSecs: 600,
  });
}

describe("/config and pins", () => {
  const t = useSim("exchange");

  it("reads /config once per client and caches it; refresh re-reads", async () => {
    const exchange = t.client();
    const a = await exchange.config();
    const b = await exchange.config();
    expect(a).toBe(b);
    expect(a.turbineSettlerAddress).toBe(DEFAULT_PINS.settler);
    expect(a.tokens.map((token) => token.symbol)).toEqual(["WETH", "USDC", "WBTC", "DAI"]);
    expect(a.minTradeSizeUsdc).toBe("30000000");
    expect(t.requests.paths()).toEqual(["GET /api/config"]);
    await exchange.config({ refresh: true });
    expect(t.requests.paths()).toEqual(["GET /api/config", "GET /api/config"]);
  });

  it("health check", async () => {
    const exchange = t.client();
    expect(await exchange.status()).toBe("OK from Turbine");
  });

  it("refuses a /config naming another SIWE domain before anything is signed; siweDomain moves the pin", async () => {
    const good = await t.client().config();
    t.server.use(
      http.get(`${BASE}/config`, () => HttpResponse.json({ ...good, siweDomain: "evil.example" })),
    );
    const spy = signingSpy();
    const exchange = t.client({ signer: spy.signer });

    const error = await exchange.me().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigMismatchError);
    expect(error).toMatchObject({
      field: "siweDomain",
      expected: "app.turbine.exchange",
      actual: "evil.example",
    });
    expect(spy.calls).toEqual({ message: 0, typed: 0 });
    expect(t.requests.paths()).toEqual(["GET /api/config"]);
    // A client told to expect that domain accepts it.
    const moved = t.client({ siweDomain: "evil.example" });
    expect((await moved.config()).siweDomain).toBe("evil.example");
  });

  for (const [what, domain, field] of [
    ["chainId", { chainId: 5 }, "eip712Domain.chainId"],
    ["name", { name: "Turbine2" }, "eip712Domain.name/version"],
    ["version", { version: "2" }, "eip712Domain.name/version"],
  ] as const) {
    it(`EIP-712 mode: refuses a domain whose ${what} differs, before signing anything`, async () => {
      const good = await t.client({ mode: "eip712" }).config();
      t.server.use(
        http.get(`${BASE}/config`, () =>
          HttpResponse.json({ ...good, eip712Domain: { ...good.eip712Domain, ...domain } }),
        ),
      );
      const spy = signingSpy();
      const exchange = t.client({ mode: "eip712", signer: spy.signer });

      const error = await exchange.orders.cancel(`0x${"ab".repeat(32)}`).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConfigMismatchError);
      expect(error).toMatchObject({ field });
      expect(spy.calls).toEqual({ message: 0, typed: 0 });
      expect(t.requests.paths()).toEqual(["GET /api/config"]);
    });
  }

  it("EIP-712 mode: refuses a verifyingContract that is not the settler", async () => {
    const exchange = t.client({ mode: "eip712" });
    const good = await exchange.config();
    t.server.use(
      http.get(`${BASE}/config`, () =>
        HttpResponse.json({ ...good, eip712Domain: { ...good.eip712Domain, verifyingContract: OTHER } }),
      ),
    );
    await expect(exchange.config({ refresh: true })).rejects.toMatchObject({
      field: "eip712Domain.verifyingContract",
      actual: OTHER,
    });
    // Nothing was cached from the failed read: a later call re-checks.
    await expect(exchange.orders.cancel(`0x${"ab".repeat(32)}`)).rejects.toBeInstanceOf(ConfigMismatchError);
  });

  it("EIP-712 mode: a missing eip712Domain is a mismatch", async () => {
    const exchange = t.client();
    const good = await exchange.config();
    t.server.use(http.get(`${BASE}/config`, () => HttpResponse.json({ ...good, eip712Domain: null })));
    const e712 = t.client({ mode: "eip712" });
    await expect(e712.config()).rejects.toMatchObject({ field: "eip712Domain", actual: "missing" });
  });

  it("a malformed /config is a ResponseValidationError", async () => {
    t.server.use(http.get(`${BASE}/config`, () => HttpResponse.json({ version: "x" })));
    const exchange = t.client();
    await expect(exchange.config()).rejects.toMatchObject({ name: "ResponseValidationError" });
  });

  it("validates pins and mode at construction", () => {
    expect(() => t.client({ pins: { settler: "nope" } })).toThrow(InputValidationError);
    expect(() => t.client({ mode: "other" as never })).toThrow(/mode/);
    expect(() => t.client({ chainId: 0 })).toThrow(/chainId/);
    expect(() => t.client({ mode: "eip712", signer: undefined })).toThrow(/signer/);
  });
});

describe("/config from a server with its own token list", () => {
  const t = useSim("exchange", {
    sim: {
      tokens: [
        { address: WETH, symbol: "WETH", decimals: 18, priceUsd: 3000 },
        { address: USDC, symbol: "USDC", decimals: 6, priceUsd: 1 },
      ],
    },
  });

  it("the token list comes from /config: symbols resolve, unknown tokens are refused", async () => {
    const exchange = t.client();
    const intent = await exchange.orders.build({
      sell: "weth",
      buy: "USDC",
      sellAmount: 1n,
      minBuyAmount: 1n,
      curve: exchange.spreadCurve.constant(0),
      durationSecs: 60,
    });
    expect(intent.sellToken).toBe(WETH);
    await expect(
      exchange.orders.build({
        sell: "DAI",
        buy: "USDC",
        sellAmount: 1n,
        minBuyAmount: 1n,
        curve: exchange.spreadCurve.constant(0),
        durationSecs: 60,
      }),
    ).rejects.toMatchObject({ field: "sell" });
  });
});

for (const [pin, field] of [
  ["settler", "turbineSettlerAddress"],
  ["signer", "turbineSignerAddress"],
  ["lpHook", "lpHookAddress"],
  ["lpRouter", "lpRouterAddress"],
  ["poolManager", "poolManagerAddress"],
] as const) {
  describe(`a server with another ${field}`, () => {
    const t = useSim("exchange", { sim: { pins: { [pin]: OTHER } } });

    it(`refuses a server whose ${field} differs from the pin, before signing anything`, async () => {
      const exchange = t.client();
      const error = await exchange.login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigMismatchError);
      expect(error).toMatchObject({ field, expected: DEFAULT_PINS[pin], actual: OTHER });
      await expect(exchange.orders.build({} as never)).rejects.toBeInstanceOf(ConfigMismatchError);
      expect(t.requests.paths().every((p) => p === "GET /api/config")).toBe(true);
      expect(t.requests.paths()).not.toContain("POST /api/nonce");
    });
  });
}

describe("a server on other contract addresses", () => {
  const t = useSim("exchange", { sim: { pins: { settler: OTHER } } });

  it("accepts a server matching custom pins", async () => {
    const exchange = t.client({ pins: { settler: OTHER } });
    const submitted = await exchange.orders.submit(await orderFrom(exchange));
    expect(submitted.intent.owner).toBe(exchange.address);
    const order = t.provider.state.orders.get(submitted.orderHash)!;
    expect(order.status).toBe("Active");
  });
});

describe("a server naming another siweUri", () => {
  const t = useSim("exchange", { sim: { siweUriOverride: "https://evil.example/api" } });

  it("refuses a siweUri that is not the base URL", async () => {
    const exchange = t.client();
    await expect(exchange.config()).rejects.toMatchObject({
      name: "ConfigMismatchError",
      field: "siweUri",
      expected: BASE,
      actual: "https://evil.example/api",
    });
    await expect(exchange.me()).rejects.toBeInstanceOf(ConfigMismatchError);
    expect(t.requests.paths().filter((p) => p !== "GET /api/config")).toEqual([]);
  });
});

describe("a server with another EIP-712 domain salt", () => {
  const t = useSim("exchange", { sim: { saltOverride: domainSalt("https://other.example/api") } });

  it("EIP-712 mode: refuses a domain salt that is not keccak256(baseUrl)", async () => {
    const exchange = t.client({ mode: "eip712" });
    await expect(exchange.config()).rejects.toMatchObject({
      field: "eip712Domain.salt",
      expected: domainSalt(BASE),
    });
  });
});
