import type { Address, PublicClient } from "viem";
import { InputValidationError } from "../core/errors.js";

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
 * client's `chainId` is refused before anything is signed.
 */
export function permit2NonceFromChain(
  publicClient: Pick<PublicClient, "readContract" | "chain">,
): Permit2NonceSource {
  return async (token, { owner, spender, permit2, chainId }) => {
    const clientChain = publicClient.chain?.id;
    if (clientChain !== undefined && clientChain !== chainId) {
      throw new InputValidationError(
        "permit2Nonce",
        `the public client reads chain ${clientChain}, but orders are signed for chain ${chainId}`,
      );
    }
    const [, , nonce] = await publicClient.readContract({
      address: permit2,
      abi: ALLOWANCE_ABI,
      functionName: "allowance",
      args: [owner, token, spender],
    });
    return BigInt(nonce);
  };
}
