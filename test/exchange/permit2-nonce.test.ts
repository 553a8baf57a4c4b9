// permit2NonceFromChain: the Permit2 allowance nonce read on chain through a real viem
// PublicClient (a custom transport plays the RPC node), feeding the client's nonce allocation.
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import {
  type Address,
  type Chain,
  createPublicClient,
  custom,
  decodeFunctionData,
  encodeFunctionResult,
  type Hex,
  parseAbi,
  http as viemHttp,
} from "viem";
import { mainnet, sepolia } from "viem/chains";
import { describe, expect, it } from "vitest";
import { ConnectionError, InputValidationError } from "../../src/core/errors.js";
import { PERMIT2_ADDRESS, permit2NonceFromChain } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { account, signingSpy, WETH, wethOrder } from "./helpers.js";

const t = useSim("exchange");
const ALLOWANCE = parseAbi([
  "function allowance(address user, address token, address spender) view returns (uint160, uint48, uint48)",
]);

const order = () => wethOrder();

/**
 * A PublicClient whose node (on `nodeChain`) answers `allowance` with `nonce` and records each
 * eth_call and eth_chainId. `configured: null` leaves the client without a chain.
 */
function node(nonce: () => bigint, chain: Chain = mainnet, configured: Chain | null = chain) {
  const calls: { to: string; args: readonly unknown[] }[] = [];
  const chainIdCalls: number[] = [];
  const publicClient = createPublicClient({
    chain: configured ?? undefined,
    transport: custom(
      {
        async request({ method, params }) {
          if (method === "eth_chainId") {
            chainIdCalls.push(chain.id);
            return `0x${chain.id.toString(16)}`;
          }
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
  return { publicClient, calls, chainIdCalls };
}

describe("permit2NonceFromChain", () => {
  it("reads allowance(owner, sell token, settler) from Permit2 and signs every permit with that nonce", async () => {
    const chain = node(() => 12n);
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const settler = (await exchange.config()).turbineSettlerAddress.toLowerCase();

    const first = await exchange.orders.submit(await exchange.orders.build(order()));
    const second = await exchange.orders.submit(await exchange.orders.build(order()));

    // The official client's behaviour: each permit carries the chain's current nonce.
    expect([first.permitNonce, second.permitNonce]).toEqual([12n, 12n]);
    expect(chain.calls).toHaveLength(2);
    expect(chain.calls[0]!.to.toLowerCase()).toBe(PERMIT2_ADDRESS.toLowerCase());
    const [owner, token, spender] = chain.calls[0]!.args as [Address, Address, Address];
    expect([owner, token, spender.toLowerCase()]).toEqual([account.address, WETH, settler]);
  });

  it("follows the chain when its nonce moves past what this client signed", async () => {
    let onChain = 3n;
    const exchange = t.client({
      permit2Nonce: permit2NonceFromChain(node(() => onChain).publicClient),
    });
    const submit = async () =>
      (await exchange.orders.submit(await exchange.orders.build(order()))).permitNonce;
    expect(await submit()).toBe(3n);
    onChain = 40n; // the wallet used Permit2 elsewhere meanwhile
    expect(await submit()).toBe(40n);
  });

  it("refuses a public client on another chain before anything is signed or sent", async () => {
    const chain = node(() => 0n, sepolia);
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const intent = await exchange.orders.build(order());
    const sentBefore = t.requests.length;

    const error = await exchange.orders.submit(intent).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("permit2Nonce");
    expect((error as Error).message).toContain(`chain ${sepolia.id}`);
    expect(chain.calls).toHaveLength(0);
    expect(t.requests.slice(sentBefore).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(t.provider.state.orders.size).toBe(0);
  });

  it("a client without a chain asks the node once, and a node on another chain is refused", async () => {
    const spy = signingSpy();
    const chain = node(() => 0n, sepolia, null);
    const exchange = t.client({
      signer: spy.signer,
      permit2Nonce: permit2NonceFromChain(chain.publicClient),
    });
    const intent = await exchange.orders.build(order());
    const sentBefore = t.requests.length;

    const errors = [
      await exchange.orders.submit(intent).catch((e: unknown) => e),
      await exchange.orders.submit(intent).catch((e: unknown) => e),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(InputValidationError);
      expect(error).toMatchObject({ field: "permit2Nonce" });
      expect((error as Error).message).toContain(`chain ${sepolia.id}`);
    }
    expect(chain.chainIdCalls).toEqual([sepolia.id]);
    expect(chain.calls).toHaveLength(0);
    expect(spy.primaryTypes).toEqual([]);
    expect(t.requests.slice(sentBefore).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("a client without a chain whose node is on the signing chain reads the nonce", async () => {
    const chain = node(() => 9n, mainnet, null);
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const submit = async () =>
      (await exchange.orders.submit(await exchange.orders.build(order()))).permitNonce;

    expect([await submit(), await submit()]).toEqual([9n, 9n]);
    expect(chain.chainIdCalls).toEqual([mainnet.id]);
  });

  it("an RPC failure is a ConnectionError naming the step, without the RPC URL (it may carry a key)", async () => {
    const rpcUrl = "https://rpc.example.com/v2/SECRET_RPC_KEY_abc123";
    t.server.use(http.post(rpcUrl, () => HttpResponse.json({ error: "down" }, { status: 500 })));
    const publicClient = createPublicClient({
      chain: mainnet,
      transport: viemHttp(rpcUrl, { retryCount: 0 }),
    });
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(publicClient) });

    const error = await exchange.orders.submit(await exchange.orders.build(order())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    const e = error as ConnectionError;
    expect(e.message).toBe("permit2NonceFromChain: reading the Permit2 allowance nonce failed");
    // viem's own error quotes the URL: that is why it is only the cause.
    expect(String((e.cause as Error).message)).toContain("SECRET_RPC_KEY_abc123");
    for (const shown of [e.message, JSON.stringify(e), inspect(e)]) {
      expect(shown).not.toContain("SECRET_RPC_KEY_abc123");
      expect(shown).not.toContain("rpc.example.com");
    }
    expect(t.provider.state.orders.size).toBe(0);
  });

  it("a failing eth_chainId is a ConnectionError too, and is asked again next time", async () => {
    let down = true;
    const publicClient = createPublicClient({
      transport: custom(
        {
          async request({ method }) {
            if (method !== "eth_chainId") throw new Error(`unexpected RPC ${method}`);
            if (down) throw new Error("connect ECONNREFUSED https://rpc.example.com/SECRET");
            return "0xaa36a7"; // Sepolia
          },
        },
        { retryCount: 0 },
      ),
    });
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(publicClient) });
    const intent = await exchange.orders.build(order());

    const first = await exchange.orders.submit(intent).catch((e: unknown) => e);
    down = false;
    const second = await exchange.orders.submit(intent).catch((e: unknown) => e);

    expect(first).toBeInstanceOf(ConnectionError);
    expect((first as Error).message).toBe("permit2NonceFromChain: reading the node's chain id failed");
    expect((first as Error).message).not.toContain("SECRET");
    expect(second).toMatchObject({ name: "InputValidationError", field: "permit2Nonce" });
  });

  it("a failing node fails the submit with nothing posted, and the nonce is not consumed", async () => {
    let down = true;
    const chain = node(() => {
      if (down) throw new Error("node unreachable");
      return 5n;
    });
    const exchange = t.client({ permit2Nonce: permit2NonceFromChain(chain.publicClient) });
    const intent = await exchange.orders.build(order());

    const error = await exchange.orders.submit(intent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String(((error as Error).cause as Error).message)).toMatch(/node unreachable/);
    expect(t.provider.state.orders.size).toBe(0);

    down = false;
    expect((await exchange.orders.submit(intent)).permitNonce).toBe(5n);
    expect(t.provider.state.orders.size).toBe(1);
  });
});

describe("permit2Nonce source answers", () => {
  for (const [what, answer, problem] of [
    ["a negative nonce", -1n, "non-negative bigint"],
    ["a number instead of a bigint", 5, "non-negative bigint"],
    ["a nonce above uint48", 2n ** 48n, "exceeds uint48"],
  ] as const) {
    it(`refuses ${what} before anything is signed or sent`, async () => {
      const spy = signingSpy();
      const exchange = t.client({
        signer: spy.signer,
        permit2Nonce: async () => answer as bigint,
      });
      const intent = await exchange.orders.build(order());
      const sentBefore = t.requests.length;

      const error = await exchange.orders.submit(intent).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InputValidationError);
      expect(error).toMatchObject({ field: "permit2Nonce" });
      expect((error as Error).message).toContain(problem);
      expect(spy.primaryTypes).toEqual([]);
      expect(t.requests.slice(sentBefore).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });
  }

  it("takes the largest uint48 nonce", async () => {
    const exchange = t.client({ permit2Nonce: () => 2n ** 48n - 1n });
    const submitted = await exchange.orders.submit(await exchange.orders.build(order()));
    expect(submitted.permitNonce).toBe(2n ** 48n - 1n);
  });
});
