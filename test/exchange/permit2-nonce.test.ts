// permit2NonceFromChain: the Permit2 allowance nonce read on chain through a real viem
// PublicClient (a custom transport plays the RPC node), feeding the client's nonce allocation.
import {
  type Address,
  type Chain,
  createPublicClient,
  custom,
  decodeFunctionData,
  encodeFunctionResult,
  type Hex,
  parseAbi,
} from "viem";
import { mainnet, sepolia } from "viem/chains";
import { describe, expect, it } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { type BuildOrderInput, PERMIT2_ADDRESS, permit2NonceFromChain } from "../../src/exchange/index.js";
import { account, client, freshSim, paths, USDC, useMsw, WETH } from "./helpers.js";

const server = useMsw();
const ALLOWANCE = parseAbi([
  "function allowance(address user, address token, address spender) view returns (uint160, uint48, uint48)",
]);

const order = (): BuildOrderInput => ({
  sell: WETH,
  buy: USDC,
  sellAmount: 10n ** 17n,
  minBuyAmount: 100_000_000n,
  curve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
  durationSecs: 3600,
});

/** A PublicClient whose node answers `allowance` with `nonce` and records each eth_call. */
function node(nonce: () => bigint, chain: Chain = mainnet) {
  const calls: { to: string; args: readonly unknown[] }[] = [];
  const publicClient = createPublicClient({
    chain,
    transport: custom(
      {
        async request({ method, params }) {
          if (method === "eth_chainId") return `0x${chain.id.toString(16)}`;
          if (method !== "eth_call") throw new Error(`unexpected RPC ${method}`);
          const [{ to, data }] = params as [{ to: string; data: Hex }];
          const { args } = decodeFunctionData({ abi: ALLOWANCE, data });
          calls.push({ to, args });
          return encodeFunctionResult({
            abi: ALLOWANCE,
            functionName: "allowance",
            result: [2n ** 100n, 1_900_000_000, Number(nonce())],
          });
        },
      },
      { retryCount: 0 },
    ),
  });
  return { publicClient, calls };
}

describe("permit2NonceFromChain", () => {
  it("reads allowance(owner, sell token, settler) from Permit2 and signs with that nonce, then the next", async () => {
    const sim = freshSim(server);
    const chain = node(() => 12n);
    const { exchange } = client(sim, { permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const settler = (await exchange.config()).turbineSettlerAddress.toLowerCase();

    const first = await exchange.orders.submit(await exchange.orders.build(order()));
    const second = await exchange.orders.submit(await exchange.orders.build(order()));

    expect([first.permitNonce, second.permitNonce]).toEqual([12n, 13n]);
    expect(chain.calls).toHaveLength(2);
    expect(chain.calls[0]!.to.toLowerCase()).toBe(PERMIT2_ADDRESS.toLowerCase());
    const [owner, token, spender] = chain.calls[0]!.args as [Address, Address, Address];
    expect([owner, token, spender.toLowerCase()]).toEqual([account.address, WETH, settler]);
  });

  it("follows the chain when its nonce moves past what this client signed", async () => {
    const sim = freshSim(server);
    let onChain = 3n;
    const { exchange } = client(sim, {
      permit2Nonce: permit2NonceFromChain(node(() => onChain).publicClient),
    });
    const submit = async () =>
      (await exchange.orders.submit(await exchange.orders.build(order()))).permitNonce;
    expect(await submit()).toBe(3n);
    onChain = 40n; // the wallet used Permit2 elsewhere meanwhile
    expect(await submit()).toBe(40n);
  });

  it("refuses a public client on another chain before anything is signed or sent", async () => {
    const sim = freshSim(server);
    const chain = node(() => 0n, sepolia);
    const { exchange, requests } = client(sim, { permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const intent = await exchange.orders.build(order());
    const sentBefore = requests.length;

    const error = await exchange.orders.submit(intent).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("permit2Nonce");
    expect((error as Error).message).toContain(`chain ${sepolia.id}`);
    expect(chain.calls).toHaveLength(0);
    expect(paths(requests.slice(sentBefore))).not.toContain("POST /api/orders");
    expect(sim.providers.exchange.state.orders.size).toBe(0);
  });

  it("a failing node fails the submit with nothing posted, and the nonce is not consumed", async () => {
    const sim = freshSim(server);
    let down = true;
    const chain = node(() => {
      if (down) throw new Error("node unreachable");
      return 5n;
    });
    const { exchange } = client(sim, { permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const intent = await exchange.orders.build(order());

    await expect(exchange.orders.submit(intent)).rejects.toThrow(/node unreachable/);
    expect(sim.providers.exchange.state.orders.size).toBe(0);

    down = false;
    expect((await exchange.orders.submit(intent)).permitNonce).toBe(5n);
    expect(sim.providers.exchange.state.orders.size).toBe(1);
  });
});
