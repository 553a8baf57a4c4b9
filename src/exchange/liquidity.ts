import { type Address, getAddress, type Hex, isAddress } from "viem";
import { bigintInput, toHex } from "../core/codecs.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { ExchangeContext } from "./context.js";
import { checkHash, resolveToken, ZERO_ADDRESS } from "./intent.js";
import {
  permitBatchTransferTypedData,
  permitSignatureForm,
  permitTransferTypedData,
  randomBytes32,
  randomNonce,
} from "./permit2.js";
import { routes } from "./routes.js";
import {
  type ExchangeConfig,
  intentHashSchema,
  type LiquidityIntentState,
  liquidityStatesSchema,
} from "./schemas.js";

const MAX_UINT256 = (1n << 256n) - 1n;
/** SignatureTransfer permits for liquidity live this long (seconds), as in the official client. */
export const LIQUIDITY_PERMIT_LIFETIME_S = 300;
/** Pool fees are in hundredths of a basis point (3000 = 0.3 %), 0 … 1_000_000 (official `validateFee`). */
export const MAX_POOL_FEE = 1_000_000;

/**
 * What `liquidity.add` signs and sends: the official `AddLiquidityIntent` (owner = the signer).
 */
export interface AddLiquidityInput {
  /** First pool token (address or unique symbol from `/config`). */
  token0: string;
  token1: string;
  /** The pool's fee in hundredths of a basis point (3000 = 0.3 %). */
  fee: number;
  /** Atomic units of token0 / token1 (one of them may be 0 for a single-sided add). */
  token0Amount: bigint | string | number;
  token1Amount: bigint | string | number;
  /**
   * true: deposit exactly these amounts (paying a swap fee on the imbalance); false (default):
   * deposit in the pool's ratio, the amounts being maxima.
   */
  exact?: boolean;
  /** Distinguishes otherwise equal intents; random bytes32 by default. */
  salt?: Hex;
}

/** What `liquidity.remove` signs and sends: the official `RemoveLiquidityIntent`. */
export interface RemoveLiquidityInput {
  token0: string;
  token1: string;
  /** The pool's fee in hundredths of a basis point. */
  fee: number;
  /** The LP token to burn (address). */
  lpToken: string;
  /** LP token amount to burn, atomic units. */
  lpTokenAmount: bigint | string | number;
  /** Random bytes32 by default. */
  salt?: Hex;
}

/** Liquidity intents (`exchange.liquidity`). */
export interface LiquidityResource {
  /** Signs a PermitBatchTransferFrom over exactly [token0, token1] (spender = lpRouter) and posts it. */
  add(input: AddLiquidityInput, options?: RequestOptions): Promise<{ intentHash: string }>;
  /** Signs a PermitTransferFrom over the LP token (spender = lpRouter) and posts it. */
  remove(input: RemoveLiquidityInput, options?: RequestOptions): Promise<{ intentHash: string }>;
  /** Status of each intent; unknown statuses pass through. */
  states(intentHashes: string[], options?: RequestOptions): Promise<LiquidityIntentState[]>;
}

export function createLiquidity(ctx: ExchangeContext): LiquidityResource {
  const deadlineNow = () => BigInt(Math.floor(ctx.now() / 1000) + LIQUIDITY_PERMIT_LIFETIME_S);

  /** The pool both intents name: two distinct config tokens and a fee. */
  function pool(input: { token0: unknown; token1: unknown; fee: unknown }, config: ExchangeConfig) {
    const token0 = resolveToken(input.token0, config, "token0");
    const token1 = resolveToken(input.token1, config, "token1");
    if (token0.toLowerCase() === token1.toLowerCase()) {
      throw new InputValidationError("token1", "must differ from token0");
    }
    const fee = input.fee;
    if (typeof fee !== "number" || !Number.isInteger(fee) || fee < 0 || fee > MAX_POOL_FEE) {
      throw new InputValidationError(
        "fee",
        `must be an integer in [0, ${MAX_POOL_FEE}] (hundredths of a basis point: 3000 = 0.3 %)`,
      );
    }
    return { token0, token1, fee };
  }

  return {
    async add(input, options) {
      if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
      const config = await ctx.config(options);
      const signer = ctx.signer();
      const { token0, token1, fee } = pool(input, config);
      const token0Amount = bigintInput(input.token0Amount, "token0Amount", { min: 0n, max: MAX_UINT256 });
      const token1Amount = bigintInput(input.token1Amount, "token1Amount", { min: 0n, max: MAX_UINT256 });
      if (token0Amount === 0n && token1Amount === 0n) {
        throw new InputValidationError("token0Amount", "token0Amount or token1Amount must be positive");
      }
      const exact = input.exact ?? false;
      if (typeof exact !== "boolean") throw new InputValidationError("exact", "must be a boolean");
      const salt = saltOf(input.salt);
      const nonce = randomNonce();
      const deadline = deadlineNow();
      const permitted = [
        { token: token0, amount: token0Amount },
        { token: token1, amount: token1Amount },
      ];
      const signature = await signer.signTypedData(
        permitBatchTransferTypedData(ctx.chainId, {
          permitted,
          spender: config.lpRouterAddress as Address,
          nonce,
          deadline,
        }),
      );
      const intent = { owner: signer.address, token0, token1, fee, token0Amount, token1Amount, exact, salt };
      const addLiquidity = {
        ...intent,
        token0Amount: toHex(token0Amount),
        token1Amount: toHex(token1Amount),
      };
      const permitTokens = {
        signature: permitSignatureForm(signature),
        permit: {
          permitted: permitted.map((p) => ({ token: p.token, amount: toHex(p.amount) })),
          nonce: toHex(nonce),
          deadline: toHex(deadline),
        },
      };
      const body = { addLiquidity, permitTokens };
      return ctx.send({
        schema: intentHashSchema(),
        options,
        session: { route: routes.addLiquidity, json: body },
        eip712: {
          route: routes.eip712.addLiquidity,
          primaryType: "AddLiquidityEip712",
          message: { intent },
          payload: body,
        },
      });
    },

    async remove(input, options) {
      if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
      const config = await ctx.config(options);
      const signer = ctx.signer();
      const { token0, token1, fee } = pool(input, config);
      const lpToken = lpTokenAddress(input.lpToken);
      const lpTokenAmount = bigintInput(input.lpTokenAmount, "lpTokenAmount", { min: 1n, max: MAX_UINT256 });
      const salt = saltOf(input.salt);
      const nonce = randomNonce();
      const deadline = deadlineNow();
      const signature = await signer.signTypedData(
        permitTransferTypedData(ctx.chainId, {
          permitted: { token: lpToken, amount: lpTokenAmount },
          spender: config.lpRouterAddress as Address,
          nonce,
          deadline,
        }),
      );
      const intent = { owner: signer.address, token0, token1, fee, lpToken, lpTokenAmount, salt };
      const removeLiquidity = { ...intent, lpTokenAmount: toHex(lpTokenAmount) };
      const permitLpToken = {
        signature: permitSignatureForm(signature),
        permit: {
          permitted: { token: lpToken, amount: toHex(lpTokenAmount) },
          nonce: toHex(nonce),
          deadline: toHex(deadline),
        },
      };
      const body = { removeLiquidity, permitLpToken };
      return ctx.send({
        schema: intentHashSchema(),
        options,
        session: { route: routes.removeLiquidity, json: body },
        eip712: {
          route: routes.eip712.removeLiquidity,
          primaryType: "RemoveLiquidityEip712",
          message: { intent },
          payload: body,
        },
      });
    },

    async states(intentHashes, options) {
      if (!Array.isArray(intentHashes)) throw new InputValidationError("intentHashes", "must be an array");
      const hashes: Hex[] = intentHashes.map((h, i) => checkHash(h, `intentHashes[${i}]`));
      if (hashes.length === 0) return [];
      return ctx.send({
        schema: liquidityStatesSchema(),
        options,
        session: { route: routes.liquidityIntentStates, json: { intentHashes: hashes } },
        eip712: {
          route: routes.eip712.liquidityIntents,
          primaryType: "QueryLiquidityIntents",
          message: { hashes },
          payload: { hashes },
        },
      });
    },
  };
}

function saltOf(value: unknown): Hex {
  return value === undefined ? randomBytes32() : (checkHash(value, "salt").toLowerCase() as Hex);
}

/**
 * The LP token to burn. Not from `/config` (pools are not listed there), so checked here: a valid
 * address (a mixed-case one must carry a correct EIP-55 checksum: a wrong one is a typo), not zero.
 */
function lpTokenAddress(value: unknown): Address {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InputValidationError(
      "lpToken",
      "must be a 0x-prefixed 20-byte address (EIP-55 checksum if mixed case)",
    );
  }
  const address = getAddress(value);
  if (address === ZERO_ADDRESS) throw new InputValidationError("lpToken", "must not be the zero address");
  return address;
}
