import { HttpResponse, http } from "msw";
import { recoverTypedDataAddress, serializeSignature, type TypedDataDefinition } from "viem";
import { describe, expect, it } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { DEFAULT_PINS } from "../../src/exchange/index.js";
import { permitBatchTransferTypedData, permitTransferTypedData } from "../../src/exchange/permit2.js";
import { account, BASE, client, freshSim, paths, T0, USDC, useMsw, WETH } from "./helpers.js";

const server = useMsw();
const LP = "0x4444444444444444444444444444444444444444";

describe("liquidity", () => {
  it("add signs a PermitBatchTransferFrom over exactly [token0, token1] for the router", async () => {
    const sim = freshSim(server);
    const { exchange, requests, state } = client(sim);
    const { intentHash } = await exchange.liquidity.add({
      token0: "USDC",
      token1: WETH,
      amount0: 1_000_000n,
      amount1: "0x10",
    });
    expect(intentHash).toMatch(/^0x[0-9a-f]{64}$/);
    const body = JSON.parse(requests.find((r) => r.url.endsWith("/add_liquidity"))!.body);
    expect(body.addLiquidity).toEqual({
      owner: account.address,
      token0: USDC,
      token1: WETH,
      amount0: "0xf4240",
      amount1: "0x10",
    });
    const permit = body.permitTokens.permit;
    expect(permit.permitted).toEqual([
      { token: USDC, amount: "0xf4240" },
      { token: WETH, amount: "0x10" },
    ]);
    expect(permit).not.toHaveProperty("spender");
    expect(BigInt(permit.deadline)).toBe(BigInt(T0 / 1000 + 300));
    expect(typeof body.permitTokens.signature.yParity).toBe("boolean");
    const { r, s, yParity } = body.permitTokens.signature;
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
      signature: serializeSignature({ r, s, yParity: yParity ? 1 : 0 }),
    });
    expect(recovered).toBe(account.address);
    // Random unordered nonces: a second add uses a different one.
    await exchange.liquidity.add({ token0: USDC, token1: WETH, amount0: 1n, amount1: 1n });
    const second = JSON.parse(requests.filter((r) => r.url.endsWith("/add_liquidity"))[1]!.body);
    expect(second.permitTokens.permit.nonce).not.toBe(permit.nonce);
    expect(state.liquidity.get(intentHash as `0x${string}`)?.status).toBe("Pending");
  });

  it("states move Pending → Executed over time; unknown statuses pass through", async () => {
    const sim = freshSim(server);
    const { exchange } = client(sim);
    const { intentHash } = await exchange.liquidity.add({
      token0: USDC,
      token1: WETH,
      amount0: 5n,
      amount1: 6n,
    });
    expect(await exchange.liquidity.states([intentHash])).toEqual([{ hash: intentHash, status: "Pending" }]);
    sim.clock.advance(5_000);
    expect(await exchange.liquidity.states([intentHash])).toEqual([{ hash: intentHash, status: "Executed" }]);
    server.use(
      http.post(`${BASE}/liquidity_intent_states`, () =>
        HttpResponse.json([{ hash: intentHash, status: "Migrating", x: 1 }]),
      ),
    );
    expect(await exchange.liquidity.states([intentHash])).toEqual([
      { hash: intentHash, status: "Migrating", x: 1 },
    ]);
    expect(await exchange.liquidity.states([])).toEqual([]);
  });

  it("remove signs a PermitTransferFrom over the LP token", async () => {
    const sim = freshSim(server);
    const { exchange, requests } = client(sim);
    const { intentHash } = await exchange.liquidity.remove({
      token0: USDC,
      token1: WETH,
      lpToken: LP,
      liquidity: 777n,
    });
    expect(intentHash).toMatch(/^0x/);
    const body = JSON.parse(requests.find((r) => r.url.endsWith("/remove_liquidity"))!.body);
    expect(body.removeLiquidity).toMatchObject({ owner: account.address, lpToken: LP, liquidity: "0x309" });
    expect(body.permitLpToken.permit.permitted).toEqual({ token: LP, amount: "0x309" });
    const { r, s, yParity } = body.permitLpToken.signature;
    const recovered = await recoverTypedDataAddress({
      ...permitTransferTypedData(1, {
        permitted: { token: LP, amount: 777n },
        spender: DEFAULT_PINS.lpRouter as `0x${string}`,
        nonce: BigInt(body.permitLpToken.permit.nonce),
        deadline: BigInt(body.permitLpToken.permit.deadline),
      }),
      signature: serializeSignature({ r, s, yParity: yParity ? 1 : 0 }),
    });
    expect(recovered).toBe(account.address);
  });

  it("validates before signing", async () => {
    const sim = freshSim(server);
    let signatures = 0;
    const signer = {
      address: account.address,
      signMessage: (message: string) => account.signMessage({ message }),
      signTypedData: (definition: TypedDataDefinition) => {
        signatures++;
        return account.signTypedData(definition);
      },
    };
    const { exchange, requests } = client(sim, { signer });
    const field = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => (e instanceof InputValidationError ? e.field : String(e)),
      );
    expect(
      await field(exchange.liquidity.add({ token0: USDC, token1: USDC, amount0: 1n, amount1: 1n })),
    ).toBe("token1");
    expect(
      await field(exchange.liquidity.add({ token0: "NOPE", token1: USDC, amount0: 1n, amount1: 1n })),
    ).toBe("token0");
    expect(
      await field(exchange.liquidity.add({ token0: WETH, token1: USDC, amount0: 0n, amount1: 1n })),
    ).toBe("amount0");
    expect(
      await field(exchange.liquidity.add({ token0: WETH, token1: USDC, amount0: 1n, amount1: -1n })),
    ).toBe("amount1");
    expect(
      await field(exchange.liquidity.remove({ token0: WETH, token1: USDC, lpToken: "0x12", liquidity: 1n })),
    ).toBe("lpToken");
    expect(
      await field(exchange.liquidity.remove({ token0: WETH, token1: USDC, lpToken: LP, liquidity: 0n })),
    ).toBe("liquidity");
    expect(await field(exchange.liquidity.states(["bad"]))).toBe("intentHashes[0]");
    // An LP token with a wrong EIP-55 checksum (a typo), or the zero address.
    const badChecksum = "0x8e7Cc22eda4e2d3a8275fd88cf061681b42ce3d1";
    for (const lpToken of [badChecksum, "0x0000000000000000000000000000000000000000", 42 as never]) {
      expect(
        await field(exchange.liquidity.remove({ token0: WETH, token1: USDC, lpToken, liquidity: 1n })),
      ).toBe("lpToken");
    }
    expect(signatures).toBe(0);
    expect(paths(requests).filter((p) => p !== "GET /api/config")).toEqual([]);
    expect(sim.providers.exchange.state.liquidity.size).toBe(0);
  });
});
