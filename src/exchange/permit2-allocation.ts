import type { Address } from "viem";
import { InputValidationError } from "../core/errors.js";
import { PERMIT2_ADDRESS } from "./config.js";
import { MAX_UINT48 } from "./permit2.js";
import type { Permit2NonceSource } from "./permit2-nonce.js";

/** How a client hands out Permit2 allowance nonces (`permit2NonceAllocation`). */
export interface Permit2NonceAllocator {
  /** The Permit2 allowance nonce to sign for a token and spender (per the allocation policy). */
  allocate(token: Address, spender: Address): Promise<bigint>;
  /** Gives back a nonce that was never used (the submit failed), when it is the latest one. */
  release(token: Address, nonce: bigint): void;
}

/**
 * `"current"`: the nonce `source` reports now, every time. `"sequential"`: never the same one twice
 * per token (max(reported, last + 1)). Allocations for one token run one at a time.
 */
export function permit2NonceAllocator(deps: {
  allocation: "current" | "sequential";
  source: Permit2NonceSource;
  chainId: number;
  /** The wallet whose nonces these are (throws when the client has no signer). */
  owner: () => Address;
}): Permit2NonceAllocator {
  const { allocation, source, chainId } = deps;
  const nextNonce = new Map<string, bigint>();
  const locks = new Map<string, Promise<unknown>>();
  return {
    allocate(token, spender) {
      const key = token.toLowerCase();
      const owner = deps.owner();
      const run = (locks.get(key) ?? Promise.resolve()).then(async () => {
        const base = await source(token, { owner, spender, permit2: PERMIT2_ADDRESS, chainId });
        if (typeof base !== "bigint" || base < 0n) {
          throw new InputValidationError("permit2Nonce", "must return a non-negative bigint");
        }
        const local = allocation === "sequential" ? (nextNonce.get(key) ?? 0n) : 0n;
        const nonce = base > local ? base : local;
        if (nonce > MAX_UINT48) throw new InputValidationError("permit2Nonce", "exceeds uint48");
        if (allocation === "sequential") nextNonce.set(key, nonce + 1n);
        return nonce;
      });
      locks.set(
        key,
        run.catch(() => undefined),
      );
      return run;
    },
    release(token, nonce) {
      const key = token.toLowerCase();
      if (allocation === "sequential" && nextNonce.get(key) === nonce + 1n) nextNonce.set(key, nonce);
    },
  };
}
