import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ConfigMismatchError, InputValidationError } from "../../src/core/errors.js";
import { DEFAULT_PINS, domainSalt } from "../../src/exchange/index.js";
import { BASE, client, freshSim, paths, signingSpy, USDC, useMsw, WETH } from "./helpers.js";

const server = useMsw();
const OTHER = "0x1111111111111111111111111111111111111111";

async function orderFrom(exchange: ReturnType<typeof client>["exchange"]) {
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
  it("reads /config once per client and caches it; refresh re-reads", async () => {
    const sim = freshSim(server);
    const { exchange, requests } = client(sim);
    const a = await exchange.config();
    const b = await exchange.config();
    expect(a).toBe(b);
    expect(a.turbineSettlerAddress).toBe(DEFAULT_PINS.settler);
    expect(a.tokens.map((t) => t.symbol)).toEqual(["WETH", "USDC", "WBTC", "DAI"]);
    expect(a.minTradeSizeUsdc).toBe("30000000");
    expect(paths(requests)).toEqual(["GET /api/config"]);
    await exchange.config({ refresh: true });
    expect(paths(requests)).toEqual(["GET /api/config", "GET /api/config"]);
  });

  it("health check", async () => {
    const { exchange } = client(freshSim(server));
    expect(await exchange.status()).toBe("OK from Turbine");
  });

  it("the token list comes from /config: symbols resolve, unknown tokens are refused", async () => {
    const sim = freshSim(server, {
      tokens: [
        { address: WETH, symbol: "WETH", decimals: 18, priceUsd: 3000 },
        { address: USDC, symbol: "USDC", decimals: 6, priceUsd: 1 },
      ],
    });
    const { exchange } = client(sim);
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

  for (const [pin, field] of [
    ["settler", "turbineSettlerAddress"],
    ["signer", "turbineSignerAddress"],
    ["lpHook", "lpHookAddress"],
    ["lpRouter", "lpRouterAddress"],
    ["poolManager", "poolManagerAddress"],
  ] as const) {
    it(`refuses a server whose ${field} differs from the pin, before signing anything`, async () => {
      const sim = freshSim(server, { pins: { [pin]: OTHER } });
      const { exchange, requests } = client(sim);
      const error = await exchange.login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigMismatchError);
      expect(error).toMatchObject({ field, expected: DEFAULT_PINS[pin], actual: OTHER });
      await expect(exchange.orders.build({} as never)).rejects.toBeInstanceOf(ConfigMismatchError);
      expect(paths(requests).every((p) => p === "GET /api/config")).toBe(true);
      expect(sim.providers.exchange.state.calls.get("/nonce")).toBeUndefined();
    });
  }

  it("accepts a server matching custom pins", async () => {
    const sim = freshSim(server, { pins: { settler: OTHER } });
    const { exchange } = client(sim, { pins: { settler: OTHER } });
    const submitted = await exchange.orders.submit(await orderFrom(exchange));
    expect(submitted.intent.owner).toBe(exchange.address);
    const order = sim.providers.exchange.state.orders.get(submitted.orderHash)!;
    expect(order.status).toBe("Active");
  });

  it("refuses a siweUri that is not the base URL", async () => {
    const sim = freshSim(server, { siweUriOverride: "https://evil.example/api" });
    const { exchange, requests } = client(sim);
    await expect(exchange.config()).rejects.toMatchObject({
      name: "ConfigMismatchError",
      field: "siweUri",
      expected: BASE,
      actual: "https://evil.example/api",
    });
    await expect(exchange.me()).rejects.toBeInstanceOf(ConfigMismatchError);
    expect(paths(requests).filter((p) => p !== "GET /api/config")).toEqual([]);
  });

  it("refuses a /config naming another SIWE domain before anything is signed; siweDomain moves the pin", async () => {
    const sim = freshSim(server);
    const good = await client(sim).exchange.config();
    server.use(http.get(`${BASE}/config`, () => HttpResponse.json({ ...good, siweDomain: "evil.example" })));
    const spy = signingSpy();
    const { exchange, requests } = client(sim, { signer: spy.signer });

    const error = await exchange.me().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigMismatchError);
    expect(error).toMatchObject({
      field: "siweDomain",
      expected: "app.turbine.exchange",
      actual: "evil.example",
    });
    expect(spy.calls).toEqual({ message: 0, typed: 0 });
    expect(paths(requests)).toEqual(["GET /api/config"]);
    // A client told to expect that domain accepts it.
    const moved = client(sim, { siweDomain: "evil.example" });
    expect((await moved.exchange.config()).siweDomain).toBe("evil.example");
  });

  for (const [what, domain, field] of [
    ["chainId", { chainId: 5 }, "eip712Domain.chainId"],
    ["name", { name: "Turbine2" }, "eip712Domain.name/version"],
    ["version", { version: "2" }, "eip712Domain.name/version"],
  ] as const) {
    it(`EIP-712 mode: refuses a domain whose ${what} differs, before signing anything`, async () => {
      const sim = freshSim(server);
      const good = await client(sim, { mode: "eip712" }).exchange.config();
      server.use(
        http.get(`${BASE}/config`, () =>
          HttpResponse.json({ ...good, eip712Domain: { ...good.eip712Domain, ...domain } }),
        ),
      );
      const spy = signingSpy();
      const { exchange, requests } = client(sim, { mode: "eip712", signer: spy.signer });

      const error = await exchange.orders.cancel(`0x${"ab".repeat(32)}`).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConfigMismatchError);
      expect(error).toMatchObject({ field });
      expect(spy.calls).toEqual({ message: 0, typed: 0 });
      expect(paths(requests)).toEqual(["GET /api/config"]);
    });
  }

  it("EIP-712 mode: refuses a domain salt that is not keccak256(baseUrl)", async () => {
    const sim = freshSim(server, { saltOverride: domainSalt("https://other.example/api") });
    const { exchange } = client(sim, { mode: "eip712" });
    await expect(exchange.config()).rejects.toMatchObject({
      field: "eip712Domain.salt",
      expected: domainSalt(BASE),
    });
  });

  it("EIP-712 mode: refuses a verifyingContract that is not the settler", async () => {
    const sim = freshSim(server);
    const { exchange } = client(sim, { mode: "eip712" });
    const good = await exchange.config();
    server.use(
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
    const sim = freshSim(server);
    const { exchange } = client(sim);
    const good = await exchange.config();
    server.use(http.get(`${BASE}/config`, () => HttpResponse.json({ ...good, eip712Domain: null })));
    const { exchange: e712 } = client(sim, { mode: "eip712" });
    await expect(e712.config()).rejects.toMatchObject({ field: "eip712Domain", actual: "missing" });
  });

  it("a malformed /config is a ResponseValidationError", async () => {
    const sim = freshSim(server);
    server.use(http.get(`${BASE}/config`, () => HttpResponse.json({ version: "x" })));
    const { exchange } = client(sim);
    await expect(exchange.config()).rejects.toMatchObject({ name: "ResponseValidationError" });
  });

  it("validates pins and mode at construction", () => {
    const sim = freshSim(server);
    expect(() => client(sim, { pins: { settler: "nope" } })).toThrow(InputValidationError);
    expect(() => client(sim, { mode: "other" as never })).toThrow(/mode/);
    expect(() => client(sim, { chainId: 0 })).toThrow(/chainId/);
    expect(() => client(sim, { mode: "eip712", signer: undefined })).toThrow(/signer/);
  });
});
