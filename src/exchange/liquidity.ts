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
  randomNonce,
} from "./permit2.js";
import { routes } from "./routes.js";
import { intentHashSchema, type LiquidityIntentState, liquidityStatesSchema } from "./schemas.js";

const MAX_UINT256 = (1n << 256n) - 1n;
/** SignatureTransfer permits for liquidity live this long (seconds). */
export const LIQUIDITY_PERMIT_LIFETIME_S = 300;

/** What `liquidity.add` signs and sends: two tokens and their amounts. */
export interface AddLiquidityInput {
  /** First pool token (address or unique symbol from `/config`). */
  token0: string;
  token1: string;
  /** Atomic units of token0 / token1 the router may pull. */
  amount0: bigint | string | number;
  amount1: bigint | string | number;
}

/** What `liquidity.remove` signs and sends: the LP token amount to burn. */
export interface RemoveLiquidityInput {
  token0: string;
  token1: string;
  /** The LP token to burn (address). */
  lpToken: string;
  /** LP token amount, atomic units. */
  liquidity: bigint | string | number;
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

  return {
    async add(input, options) {
      if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
      const config = await ctx.config(options);
      const signer = ctx.signer();
      const token0 = resolveToken(input.token0, config, "token0");
      const token1 = resolveToken(input.token1, config, "token1");
      if (token0.toLowerCase() === token1.toLowerCase()) {
        throw new InputValidationError("token1", "must differ from token0");
      }
      const amount0 = bigintInput(input.amount0, "amount0", { min: 1n, max: MAX_UINT256 });
      const amount1 = bigintInput(input.amount1, "amount1", { min: 1n, max: MAX_UINT256 });
      const nonce = randomNonce();
      const deadline = deadlineNow();
      const permitted = [
        { token: token0, amount: amount0 },
        { token: token1, amount: amount1 },
      ];
      const signature = await signer.signTypedData(
        permitBatchTransferTypedData(ctx.chainId, {
          permitted,
          spender: config.lpRouterAddress as Address,
          nonce,
          deadline,
        }),
      );
      const addLiquidity = {
        owner: signer.address,
        token0,
        token1,
        amount0: toHex(amount0),
        amount1: toHex(amount1),
      };
      const permitTokens = {
        signature: permitSignatureForm(signature),
        permit: {
          permitted: permitted.map((p) => ({ token: p.token, amount: toHex(p.amount) })),
          nonce: toHex(nonce),
          deadline: toHex(deadline),
        },
      };
      return ctx.send({
        schema: intentHashSchema(),
        options,
        session: { route: routes.addLiquidity, json: { addLiquidity, permitTokens } },
        eip712: {
          route: routes.eip712.addLiquidity,
          primaryType: "AddLiquidity",
          message: {
            owner: signer.address,
            token0,
            token1,
            amount0,
            amount1,
            permitNonce: nonce,
            permitDeadline: deadline,
          },
          payload: { addLiquidity, permitTokens },
        },
      });
    },

    async remove(input, options) {
      if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
      const config = await ctx.config(options);
      const signer = ctx.signer();
      const token0 = resolveToken(input.token0, config, "token0");
      const token1 = resolveToken(input.token1, config, "token1");
      if (token0.toLowerCase() === token1.toLowerCase()) {
        throw new InputValidationError("token1", "must differ from token0");
      }
      const lpToken = lpTokenAddress(input.lpToken);
      const liquidity = bigintInput(input.liquidity, "liquidity", { min: 1n, max: MAX_UINT256 });
      const nonce = randomNonce();
      const deadline = deadlineNow();
      const signature = await signer.signTypedData(
        permitTransferTypedData(ctx.chainId, {
          permitted: { token: lpToken, amount: liquidity },
          spender: config.lpRouterAddress as Address,
          nonce,
          deadline,
        }),
      );
      const removeLiquidity = {
        owner: signer.address,
        token0,
        token1,
        lpToken,
        liquidity: toHex(liquidity),
      };
      const permitLpToken = {
        signature: permitSignatureForm(signature),
        permit: {
          permitted: { token: lpToken, amount: toHex(liquidity) },
          nonce: toHex(nonce),
          deadline: toHex(deadline),
        },
      };
      return ctx.send({
        schema: intentHashSchema(),
        options,
        session: { route: routes.removeLiquidity, json: { removeLiquidity, permitLpToken } },
        eip712: {
          route: routes.eip712.removeLiquidity,
          primaryType: "RemoveLiquidity",
          message: {
            owner: signer.address,
            lpToken,
            liquidity,
            permitNonce: nonce,
            permitDeadline: deadline,
          },
          payload: { removeLiquidity, permitLpToken },
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
