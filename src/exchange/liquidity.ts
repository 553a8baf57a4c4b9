import { type Address, getAddress, type Hex, isAddress } from "viem";
import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { optionalBool, requireInt, requireObject } from "../core/args.js";
import { Resource } from "../core/client.js";
import { bigintInput, toHex } from "../core/codecs.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import type { ExchangeInternals, TurbineExchangeCore } from "./client.js";
import type { Eip712PrimaryType } from "./eip712-types.js";
import { checkHash, resolveToken, ZERO_ADDRESS } from "./intent.js";
import { exchangeInternals } from "./internal.js";
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

/** Unix seconds a liquidity permit signed now stays valid until. */
function deadlineNow(inner: ExchangeInternals): bigint {
  return BigInt(Math.floor(inner.now() / 1000) + LIQUIDITY_PERMIT_LIFETIME_S);
}

/** The pool both intents name: two distinct config tokens and a fee. */
function pool(input: { token0: unknown; token1: unknown; fee: unknown }, config: ExchangeConfig) {
  const token0 = resolveToken(input.token0, config, "token0");
  const token1 = resolveToken(input.token1, config, "token1");
  if (token0.toLowerCase() === token1.toLowerCase()) {
    throw new InputValidationError("token1", "must differ from token0");
  }
  // Hundredths of a basis point: 3000 = 0.3 %.
  const fee = requireInt(input.fee, "fee", 0, MAX_POOL_FEE);
  return { token0, token1, fee };
}

/**
 * What both intents start from: `/config`, the signer, the pool, a salt, and a fresh permit nonce
 * and deadline for the router (the spender).
 */
async function intentBase(
  core: TurbineExchangeCore,
  input: { token0: unknown; token1: unknown; fee: unknown; salt?: unknown },
  options: RequestOptions,
) {
  const inner = exchangeInternals(core);
  requireObject(input, "input");
  const config = await inner.config(options);
  const signer = inner.signer();
  return {
    inner,
    signer,
    ...pool(input, config),
    salt: saltOf(input.salt),
    permit: {
      spender: config.lpRouterAddress as Address,
      nonce: randomNonce(),
      deadline: deadlineNow(inner),
    },
  };
}

/** Posts a signed intent in the client's mode. */
function postIntent(
  inner: ExchangeInternals,
  options: RequestOptions,
  form: { session: Route; signed: Route; primaryType: Eip712PrimaryType },
  intent: Record<string, unknown>,
  body: unknown,
): Promise<{ intentHash: string }> {
  return inner.send({
    schema: intentHashSchema(),
    options,
    session: { route: form.session, json: body },
    eip712: { route: form.signed, primaryType: form.primaryType, message: { intent }, payload: body },
  });
}

/** Signs a PermitBatchTransferFrom over exactly [token0, token1] (spender = lpRouter) and posts the intent. */
export function addLiquidity(
  core: TurbineExchangeCore,
  input: AddLiquidityInput,
  options?: RequestOptions,
): APIPromise<{ intentHash: string }> {
  return apiPromise(options, async (options) => {
    const { inner, signer, token0, token1, fee, salt, permit } = await intentBase(core, input, options);
    const token0Amount = bigintInput(input.token0Amount, "token0Amount", { min: 0n, max: MAX_UINT256 });
    const token1Amount = bigintInput(input.token1Amount, "token1Amount", { min: 0n, max: MAX_UINT256 });
    if (token0Amount === 0n && token1Amount === 0n) {
      throw new InputValidationError("token0Amount", "token0Amount or token1Amount must be positive");
    }
    const exact = optionalBool(input.exact, "exact") ?? false;
    const permitted = [
      { token: token0, amount: token0Amount },
      { token: token1, amount: token1Amount },
    ];
    const signature = await signer.signTypedData(
      permitBatchTransferTypedData(inner.chainId, { permitted, ...permit }),
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
        nonce: toHex(permit.nonce),
        deadline: toHex(permit.deadline),
      },
    };
    const form = {
      session: routes.liquidity.add,
      signed: routes.liquidity.addSigned,
      primaryType: "AddLiquidityEip712",
    } as const;
    return postIntent(inner, options, form, intent, { addLiquidity, permitTokens });
  });
}

/** Signs a PermitTransferFrom over the LP token (spender = lpRouter) and posts the intent. */
export function removeLiquidity(
  core: TurbineExchangeCore,
  input: RemoveLiquidityInput,
  options?: RequestOptions,
): APIPromise<{ intentHash: string }> {
  return apiPromise(options, async (options) => {
    const { inner, signer, token0, token1, fee, salt, permit } = await intentBase(core, input, options);
    const lpToken = lpTokenAddress(input.lpToken);
    const lpTokenAmount = bigintInput(input.lpTokenAmount, "lpTokenAmount", { min: 1n, max: MAX_UINT256 });
    const signature = await signer.signTypedData(
      permitTransferTypedData(inner.chainId, {
        permitted: { token: lpToken, amount: lpTokenAmount },
        ...permit,
      }),
    );
    const intent = { owner: signer.address, token0, token1, fee, lpToken, lpTokenAmount, salt };
    const removeLiquidity = { ...intent, lpTokenAmount: toHex(lpTokenAmount) };
    const permitLpToken = {
      signature: permitSignatureForm(signature),
      permit: {
        permitted: { token: lpToken, amount: toHex(lpTokenAmount) },
        nonce: toHex(permit.nonce),
        deadline: toHex(permit.deadline),
      },
    };
    const form = {
      session: routes.liquidity.remove,
      signed: routes.liquidity.removeSigned,
      primaryType: "RemoveLiquidityEip712",
    } as const;
    return postIntent(inner, options, form, intent, { removeLiquidity, permitLpToken });
  });
}

/** Status of each liquidity intent; unknown statuses pass through. */
export function getLiquidityStates(
  core: TurbineExchangeCore,
  intentHashes: string[],
  options?: RequestOptions,
): APIPromise<LiquidityIntentState[]> {
  return apiPromise(options, async (options) => {
    const inner = exchangeInternals(core);
    if (!Array.isArray(intentHashes)) throw new InputValidationError("intentHashes", "must be an array");
    const hashes: Hex[] = intentHashes.map((h, i) => checkHash(h, `intentHashes[${i}]`));
    if (hashes.length === 0) return [];
    return inner.send({
      schema: liquidityStatesSchema(),
      options,
      session: { route: routes.liquidity.states, json: { intentHashes: hashes } },
      eip712: {
        route: routes.liquidity.statesSigned,
        primaryType: "QueryLiquidityIntents",
        message: { hashes },
        payload: { hashes },
      },
    });
  });
}

/** Liquidity intents (`exchange.liquidity`): each method is the standalone operation of the same purpose. */
export class LiquidityResource extends Resource<TurbineExchangeCore> {
  /** Signs a PermitBatchTransferFrom over exactly [token0, token1] (spender = lpRouter) and posts it. */
  add(input: AddLiquidityInput, options?: RequestOptions): APIPromise<{ intentHash: string }> {
    return addLiquidity(this.core, input, options);
  }
  /** Signs a PermitTransferFrom over the LP token (spender = lpRouter) and posts it. */
  remove(input: RemoveLiquidityInput, options?: RequestOptions): APIPromise<{ intentHash: string }> {
    return removeLiquidity(this.core, input, options);
  }
  /** Status of each intent; unknown statuses pass through. */
  states(intentHashes: string[], options?: RequestOptions): APIPromise<LiquidityIntentState[]> {
    return getLiquidityStates(this.core, intentHashes, options);
  }
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
