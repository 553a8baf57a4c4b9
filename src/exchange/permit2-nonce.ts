import type { Address, PublicClient } from "viem";
import { ConnectionError, InputValidationError, TurbokitError } from "../core/errors.js";

/** What the client knows when it asks for a Permit2 allowance nonce. */
export interface Permit2NonceContext {
  /** The signer's address (the allowance owner). */
  owner: Address;
  /** The settler the permit is for (the pinned `turbineSettlerAddress`). */
  spender: Address;
  /** The Permit2 contract. */
  permit2: Address;
  /** The chain the permit is signed for. */
  chainId: number;
}

/** Reads a Permit2 allowance nonce: `createTurbineExchange`'s `permit2Nonce` option. */
export type Permit2NonceSource = (token: Address, context: Permit2NonceContext) => bigint | Promise<bigint>;

// Permit2's `allowance(owner, token, spender)` → (amount uint160, expiration uint48, nonce uint48).
const ALLOWANCE_ABI = [
  {
    type: "function",
    name: "allowance",
    stateMutability: "view",
    inputs: [
      { name: "user", type: "address" },
      { name: "token", type: "address" },
      { name: "spender", type: "address" },
    ],
    outputs: [
      { name: "amount", type: "uint160" },
      { name: "expiration", type: "uint48" },
      { name: "nonce", type: "uint48" },
    ],
  },
] as const;

/**
 * A `permit2Nonce` source that reads the owner's current allowance nonce from the Permit2
 * contract through a viem `PublicClient` (one `eth_call` per order's sell token). Use it for a
 * wallet that has signed Permit2 allowances for the settler before: a stale nonce makes the
 * permit, and so the order, unusable on chain. A client whose chain differs from the exchange
 * client's `chainId` is refused before anything is signed: its `chain`, or when it has none, the
 * node's answer to `eth_chainId` (asked once). A failed read is a `ConnectionError` naming the step,
 * with viem's error as `cause`: viem's messages quote the RPC URL, which often carries an API key.
 */
export function permit2NonceFromChain(
  publicClient: Pick<PublicClient, "readContract" | "chain" | "getChainId">,
): Permit2NonceSource {
  let nodeChain: Promise<number> | undefined;
  const chainOf = (): Promise<number> => {
    const configured = publicClient.chain?.id;
    if (configured !== undefined) return Promise.resolve(configured);
    nodeChain ??= read("reading the node's chain id", () => publicClient.getChainId()).catch((error) => {
      nodeChain = undefined; // a failed read is asked again next time
      throw error;
    });
    return nodeChain;
  };

  return async (token, { owner, spender, permit2, chainId }) => {
    const clientChain = await chainOf();
    if (clientChain !== chainId) {
      throw new InputValidationError(
        "permit2Nonce",
        `the public client reads chain ${clientChain}, but orders are signed for chain ${chainId}`,
      );
    }
    const [, , nonce] = await read("reading the Permit2 allowance nonce", () =>
      publicClient.readContract({
        address: permit2,
        abi: ALLOWANCE_ABI,
        functionName: "allowance",
        args: [owner, token, spender],
      }),
    );
    return BigInt(nonce);
  };
}

async function read<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TurbokitError) throw error;
    // A fixed message: the original (kept as `cause`) names the RPC URL and the request.
    throw new ConnectionError(`permit2NonceFromChain: ${step} failed`, { cause: error });
  }
}
