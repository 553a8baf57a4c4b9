import { HttpResponse, http } from "msw";
import {
  type Hex,
  numberToHex,
  recoverTypedDataAddress,
  serializeSignature,
  type TypedDataDefinition,
} from "viem";
import { describe, expect, it } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { EIP712_TYPES } from "../../src/exchange/eip712-types.js";
import { DEFAULT_PINS, domainSalt } from "../../src/exchange/index.js";
import { permitBatchTransferTypedData, permitTransferTypedData } from "../../src/exchange/permit2.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, T0, USDC, WETH } from "./helpers.js";

const t = useSim("exchange");
const LP = "0x4444444444444444444444444444444444444444";
const SALT = `0x${"5a".repeat(32)}` as const;
/** A wire signature ({r, s} unpadded 0x-hex, boolean yParity) as the 65 bytes viem recovers from. */
const signatureOf = (w: { r: Hex; s: Hex; yParity: boolean }) =>
  serializeSignature({
    r: numberToHex(BigInt(w.r), { size: 32 }),
    s: numberToHex(BigInt(w.s), { size: 32 }),
    yParity: w.yParity ? 1 : 0,
  });
const TURBINE_DOMAIN = {
  name: "Turbine",
  version: "1",
  chainId: 1,
  verifyingContract: DEFAULT_PINS.settler as `0x${string}`,
  salt: domainSalt(BASE),
} as const;

describe("liquidity (the official AddLiquidityIntent / RemoveLiquidityIntent)", () => {
  it("add sends {owner, token0, token1, fee, token0Amount, token1Amount, exact, salt} with a batch permit for the router", async () => {
    const exchange = t.client();
    const { intentHash } = await exchange.liquidity.add({
      token0: "USDC",
      token1: WETH,
      fee: 3000,
      token0Amount: 1_000_000n,
      token1Amount: "0x10",
      exact: true,
      salt: SALT,
    });
    expect(intentHash).toMatch(/^0x[0-9a-f]{64}$/);
    const body = JSON.parse(t.requests.find((r) => r.url.endsWith("/add_liquidity"))!.body);
    expect(Object.keys(body)).toEqual(["addLiquidity", "permitTokens"]);
    expect(body.addLiquidity).toEqual({
      owner: account.address,
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: "0xf4240",
      token1Amount: "0x10",
      exact: true,
      salt: SALT,
    });
    expect(Object.keys(body.addLiquidity)).toEqual([
      "owner",
      "token0",
      "token1",
      "fee",
      "token0Amount",
      "token1Amount",
      "exact",
      "salt",
    ]);
    const permit = body.permitTokens.permit;
    expect(Object.keys(permit)).toEqual(["permitted", "nonce", "deadline"]);
    expect(permit.permitted).toEqual([
      { token: USDC, amount: "0xf4240" },
      { token: WETH, amount: "0x10" },
    ]);
    expect(permit.deadline).toBe(`0x${(T0 / 1000 + 300).toString(16)}`);
    expect(permit.nonce).toMatch(/^0x[0-9a-f]{1,64}$/);
    expect(Object.keys(body.permitTokens.signature)).toEqual(["r", "s", "yParity"]);
    const recovered = await recoverTypedDataAddress({
      ...permitBatchTransferTypedData(1, {
        permitted: [
          { token: USDC, amount: 1_000_000n },
          { token: WETH, amount: 16n },
        ],
        spender: DEFAULT_PINS.lpRouter as `0x${string}`,
        nonce: BigInt(permit.nonce),
        deadline: BigInt(permit.deadline),
      }),
      signature: signatureOf(body.permitTokens.signature),
    });
    expect(recovered).toBe(account.address);
    // Defaults: exact false, a random salt; random unordered permit nonces.
    await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      fee: 500,
      token0Amount: 0n,
      token1Amount: 1n,
    });
    const second = JSON.parse(t.requests.filter((r) => r.url.endsWith("/add_liquidity"))[1]!.body);
    expect(second.addLiquidity).toMatchObject({
      fee: 500,
      token0Amount: "0x0",
      token1Amount: "0x1",
      exact: false,
    });
    expect(second.addLiquidity.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(second.addLiquidity.salt).not.toBe(SALT);
    expect(second.permitTokens.permit.nonce).not.toBe(permit.nonce);
    expect(t.provider.state.liquidity.get(intentHash as `0x${string}`)?.status).toBe("Pending");
  });

  it("states move Pending → Executed over time; unknown statuses pass through", async () => {
    const exchange = t.client();
    const { intentHash } = await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: 5n,
      token1Amount: 6n,
    });
    expect(await exchange.liquidity.states([intentHash])).toEqual([{ hash: intentHash, status: "Pending" }]);
    t.sim.clock.advance(5_000);
    expect(await exchange.liquidity.states([intentHash])).toEqual([{ hash: intentHash, status: "Executed" }]);
    t.server.use(
      http.post(`${BASE}/liquidity_intent_states`, () =>
        HttpResponse.json([{ hash: intentHash, status: "Migrating", x: 1 }]),
      ),
    );
    expect(await exchange.liquidity.states([intentHash])).toEqual([
      { hash: intentHash, status: "Migrating", x: 1 },
    ]);
    expect(await exchange.liquidity.states([])).toEqual([]);
  });

  it("remove sends {owner, token0, token1, fee, lpToken, lpTokenAmount, salt} with a permit over the LP token", async () => {
    const exchange = t.client();
    const { intentHash } = await exchange.liquidity.remove({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      lpToken: LP,
      lpTokenAmount: 777n,
      salt: SALT,
    });
    expect(intentHash).toMatch(/^0x/);
    const body = JSON.parse(t.requests.find((r) => r.url.endsWith("/remove_liquidity"))!.body);
    expect(Object.keys(body)).toEqual(["removeLiquidity", "permitLpToken"]);
    expect(body.removeLiquidity).toEqual({
      owner: account.address,
      token0: USDC,
      token1: WETH,
      fee: 3000,
      lpToken: LP,
      lpTokenAmount: "0x309",
      salt: SALT,
    });
    expect(body.permitLpToken.permit.permitted).toEqual({ token: LP, amount: "0x309" });
    expect(Object.keys(body.permitLpToken.signature)).toEqual(["r", "s", "yParity"]);
    const recovered = await recoverTypedDataAddress({
      ...permitTransferTypedData(1, {
        permitted: { token: LP, amount: 777n },
        spender: DEFAULT_PINS.lpRouter as `0x${string}`,
        nonce: BigInt(body.permitLpToken.permit.nonce),
        deadline: BigInt(body.permitLpToken.permit.deadline),
      }),
      signature: signatureOf(body.permitLpToken.signature),
    });
    expect(recovered).toBe(account.address);
  });

  it("EIP-712 mode signs AddLiquidityEip712 / RemoveLiquidityEip712 over the intent (uint24 fee) and posts the full body", async () => {
    const exchange = t.client({ mode: "eip712" });
    await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: 10n,
      token1Amount: 20n,
      salt: SALT,
    });
    await exchange.liquidity.remove({
      token0: USDC,
      token1: WETH,
      fee: 100,
      lpToken: LP,
      lpTokenAmount: 5n,
      salt: SALT,
    });
    const add = JSON.parse(t.requests.find((r) => r.url.endsWith("/eip712/add_liquidity"))!.body);
    const remove = JSON.parse(t.requests.find((r) => r.url.endsWith("/eip712/remove_liquidity"))!.body);
    expect(Object.keys(add.payload)).toEqual(["addLiquidity", "permitTokens"]);
    expect(add.payload.addLiquidity).toEqual({
      owner: account.address,
      token0: USDC,
      token1: WETH,
      fee: 3000,
      token0Amount: "0xa",
      token1Amount: "0x14",
      exact: false,
      salt: SALT,
    });
    expect(Object.keys(remove.payload)).toEqual(["removeLiquidity", "permitLpToken"]);
    expect(EIP712_TYPES.AddLiquidityEip712.AddLiquidityIntent[3]).toEqual({ name: "fee", type: "uint24" });
    const addSigner = await recoverTypedDataAddress({
      domain: TURBINE_DOMAIN,
      types: EIP712_TYPES.AddLiquidityEip712,
      primaryType: "AddLiquidityEip712",
      message: {
        intent: {
          owner: account.address,
          token0: USDC,
          token1: WETH,
          fee: 3000,
          token0Amount: 10n,
          token1Amount: 20n,
          exact: false,
          salt: SALT,
        },
        nonce: BigInt(add.auth.nonce),
        deadline: BigInt(add.auth.deadline),
      },
      signature: signatureOf(add.auth.signature),
    });
    expect(addSigner).toBe(account.address);
    const removeSigner = await recoverTypedDataAddress({
      domain: TURBINE_DOMAIN,
      types: EIP712_TYPES.RemoveLiquidityEip712,
      primaryType: "RemoveLiquidityEip712",
      message: {
        intent: {
          owner: account.address,
          token0: USDC,
          token1: WETH,
          fee: 100,
          lpToken: LP,
          lpTokenAmount: 5n,
          salt: SALT,
        },
        nonce: BigInt(remove.auth.nonce),
        deadline: BigInt(remove.auth.deadline),
      },
      signature: signatureOf(remove.auth.signature),
    });
    expect(removeSigner).toBe(account.address);
  });

  it("validates before signing", async () => {
    let signatures = 0;
    const signer = {
      address: account.address,
      signMessage: (message: string) => account.signMessage({ message }),
      signTypedData: (definition: TypedDataDefinition) => {
        signatures++;
        return account.signTypedData(definition);
      },
    };
    const exchange = t.client({ signer });
    const field = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => (e instanceof InputValidationError ? e.field : String(e)),
      );
    const add = { token0: WETH, token1: USDC, fee: 3000, token0Amount: 1n, token1Amount: 1n };
    const remove = { token0: WETH, token1: USDC, fee: 3000, lpToken: LP, lpTokenAmount: 1n };
    expect(await field(exchange.liquidity.add({ ...add, token1: WETH }))).toBe("token1");
    expect(await field(exchange.liquidity.add({ ...add, token0: "NOPE" }))).toBe("token0");
    expect(await field(exchange.liquidity.add({ ...add, token0Amount: 0n, token1Amount: 0n }))).toBe(
      "token0Amount",
    );
    expect(await field(exchange.liquidity.add({ ...add, token1Amount: -1n }))).toBe("token1Amount");
    expect(await field(exchange.liquidity.add({ ...add, fee: 1_000_001 }))).toBe("fee");
    expect(await field(exchange.liquidity.add({ ...add, fee: 0.5 }))).toBe("fee");
    expect(await field(exchange.liquidity.add({ ...add, fee: undefined as never }))).toBe("fee");
    expect(await field(exchange.liquidity.add({ ...add, exact: "yes" as never }))).toBe("exact");
    expect(await field(exchange.liquidity.add({ ...add, salt: "0x12" }))).toBe("salt");
    expect(await field(exchange.liquidity.remove({ ...remove, lpToken: "0x12" }))).toBe("lpToken");
    expect(await field(exchange.liquidity.remove({ ...remove, lpTokenAmount: 0n }))).toBe("lpTokenAmount");
    expect(await field(exchange.liquidity.remove({ ...remove, fee: -1 }))).toBe("fee");
    expect(await field(exchange.liquidity.states(["bad"]))).toBe("intentHashes[0]");
    // An LP token with a wrong EIP-55 checksum (a typo), or the zero address.
    const badChecksum = "0x8e7Cc22eda4e2d3a8275fd88cf061681b42ce3d1";
    for (const lpToken of [badChecksum, "0x0000000000000000000000000000000000000000", 42 as never]) {
      expect(await field(exchange.liquidity.remove({ ...remove, lpToken }))).toBe("lpToken");
    }
    expect(signatures).toBe(0);
    expect(t.requests.paths().filter((p) => p !== "GET /api/config")).toEqual([]);
    expect(t.provider.state.liquidity.size).toBe(0);
  });
});
