import { type Address, getAddress, type Hex, isAddress, isHex } from "viem";
import { bigintInput, toHex } from "../core/codecs.js";
import { InputValidationError } from "../core/errors.js";
import { randomBytes32 } from "./permit2.js";
import type { ExchangeConfig } from "./schemas.js";
import {
  type SpreadCurve,
  type SpreadPoint,
  toTimeKnots,
  validate as validateCurve,
} from "./spread-curve.js";

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;
const MAX_UINT256 = (1n << 256n) - 1n;
const MAX_U64 = (1n << 64n) - 1n;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** A validated order, ready to be signed and submitted. Bigints stay bigints until the wire. */
export interface OrderIntent {
  owner: Address;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  minBuyAmount: bigint;
  spreadCurve: SpreadCurve;
  /** Unix seconds. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
  partialFill: true;
  callData: Hex;
  callDataTarget: Address;
  salt: Hex;
}

/** A point in time: unix seconds (number or bigint) or a `Date`. */
export type TimeInput = number | bigint | Date;

/** What `orders.build` takes: tokens by address or symbol, bigint amounts, a spread curve and a window. */
export interface BuildOrderInput {
  /** Sell token: an address from `/config` tokens, or its symbol when unique. */
  sell: string;
  /** Buy token: an address or a unique symbol. */
  buy: string;
  /** Atomic units (bigint, hex/decimal string, safe integer). */
  sellAmount: bigint | string | number;
  /** Hard floor in buy-token atomic units. */
  minBuyAmount: bigint | string | number;
  /** `spreadCurve.constant(d)`, `spreadCurve.auto({...})`, or a custom curve. */
  curve: SpreadCurve;
  /** Window length in seconds from `startTime` (give this or `endTime`). */
  durationSecs?: number;
  /** Unix seconds (or a Date). */
  endTime?: TimeInput;
  /** Unix seconds (or a Date); default now. */
  startTime?: TimeInput;
  /** Must be true today (the default). */
  partialFill?: boolean;
  /** Smart-order callback: set together with `callDataTarget`, or neither. */
  callData?: Hex;
  callDataTarget?: string;
  /** Random bytes32 by default. */
  salt?: Hex;
  /** Defaults to the signer's address; must equal it. */
  owner?: string;
}

/** True when the order carries a post-execution callback (no Permit2 permit is sent). */
export function isSmartOrder(intent: Pick<OrderIntent, "callData" | "callDataTarget">): boolean {
  return intent.callData !== "0x" && intent.callDataTarget.toLowerCase() !== ZERO_ADDRESS;
}

function toSeconds(value: TimeInput, field: string): number {
  let n: number;
  if (value instanceof Date) n = Math.floor(value.getTime() / 1000);
  else if (typeof value === "bigint") n = Number(value);
  else n = value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new InputValidationError(field, "must be unix seconds (a non-negative integer) or a Date");
  }
  if (BigInt(n) > MAX_U64) throw new InputValidationError(field, "is out of range");
  return n;
}

function address(value: unknown, field: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InputValidationError(field, "must be a 0x-prefixed 20-byte address");
  }
  return getAddress(value);
}

/** Resolves a token (address or unique symbol) against `/config` tokens. */
export function resolveToken(value: unknown, config: ExchangeConfig, field: string): Address {
  if (typeof value !== "string" || value.trim() === "") throw new InputValidationError(field, "is required");
  if (value.startsWith("0x")) {
    const addr = address(value, field);
    if (addr === ZERO_ADDRESS) throw new InputValidationError(field, "must not be the zero address");
    if (!config.tokens.some((t) => t.address.toLowerCase() === addr.toLowerCase())) {
      throw new InputValidationError(field, `token ${addr} is not in the exchange's /config token list`);
    }
    return addr;
  }
  const matches = config.tokens.filter((t) => t.symbol?.toLowerCase() === value.toLowerCase());
  if (matches.length === 0) throw new InputValidationError(field, `no token with symbol ${value} in /config`);
  if (matches.length > 1) {
    throw new InputValidationError(field, `symbol ${value} is ambiguous in /config: pass the address`);
  }
  return address(matches[0]!.address, field);
}

/** Builds and validates an OrderIntent; every rule raises an InputValidationError naming the field. */
export function buildIntent(
  input: BuildOrderInput,
  ctx: { config: ExchangeConfig; owner: Address; nowSecs: number },
): OrderIntent {
  if (typeof input !== "object" || input === null) throw new InputValidationError("order", "is required");
  const owner = input.owner === undefined ? ctx.owner : address(input.owner, "owner");
  const sellToken = resolveToken(input.sell, ctx.config, "sell");
  const buyToken = resolveToken(input.buy, ctx.config, "buy");
  const startTime = input.startTime === undefined ? ctx.nowSecs : toSeconds(input.startTime, "startTime");
  let endTime: number;
  if (input.durationSecs !== undefined && input.endTime !== undefined) {
    throw new InputValidationError("durationSecs", "give durationSecs or endTime, not both");
  }
  if (input.durationSecs !== undefined) {
    const d = input.durationSecs;
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d <= 0) {
      throw new InputValidationError("durationSecs", "must be a positive integer number of seconds");
    }
    endTime = startTime + d;
  } else if (input.endTime !== undefined) {
    endTime = toSeconds(input.endTime, "endTime");
  } else {
    throw new InputValidationError("endTime", "give endTime or durationSecs");
  }
  const intent: OrderIntent = {
    owner,
    sellToken,
    buyToken,
    sellAmount: bigintInput(input.sellAmount, "sellAmount", { min: 1n, max: MAX_UINT256 }),
    minBuyAmount: bigintInput(input.minBuyAmount, "minBuyAmount", { min: 1n, max: MAX_UINT256 }),
    spreadCurve: input.curve,
    startTime,
    endTime,
    partialFill: input.partialFill as true,
    callData: input.callData ?? "0x",
    callDataTarget: (input.callDataTarget ?? ZERO_ADDRESS) as Address,
    salt: input.salt ?? randomBytes32(),
  };
  if (input.partialFill === undefined) intent.partialFill = true;
  const smartGiven = input.callData !== undefined || input.callDataTarget !== undefined;
  if (smartGiven && (input.callData === undefined || input.callDataTarget === undefined)) {
    throw new InputValidationError(
      input.callData === undefined ? "callData" : "callDataTarget",
      "smart orders need callData and callDataTarget together",
    );
  }
  return checkIntent(intent, { ...ctx, fieldPrefix: "" });
}

/** The intents `checkIntent` returned: normalized and deeply frozen, so re-checking cannot change them. */
const CANONICAL = new WeakSet<OrderIntent>();

/**
 * Re-checks an OrderIntent (built here or by hand) before it is signed: owner = signer, distinct
 * non-zero tokens from `/config`, positive amounts, a future window, `partialFill: true`, smart
 * fields together or not at all, a bytes32 salt, and a curve valid for the window.
 */
export function checkIntent(
  intent: OrderIntent,
  ctx: { config: ExchangeConfig; owner: Address; nowSecs: number; fieldPrefix?: string },
): OrderIntent {
  const f = (name: string) => `${ctx.fieldPrefix ?? ""}${name}`;
  if (typeof intent !== "object" || intent === null)
    throw new InputValidationError(f("intent"), "is required");
  const owner = address(intent.owner, f("owner"));
  if (owner.toLowerCase() !== ctx.owner.toLowerCase()) {
    throw new InputValidationError(f("owner"), `must be the signer's address ${ctx.owner}`);
  }
  const sellToken = resolveToken(intent.sellToken, ctx.config, f(ctx.fieldPrefix ? "sellToken" : "sell"));
  const buyToken = resolveToken(intent.buyToken, ctx.config, f(ctx.fieldPrefix ? "buyToken" : "buy"));
  if (sellToken.toLowerCase() === buyToken.toLowerCase()) {
    throw new InputValidationError(
      f(ctx.fieldPrefix ? "buyToken" : "buy"),
      "must differ from the sell token",
    );
  }
  const sellAmount = bigintInput(intent.sellAmount, f("sellAmount"), { min: 1n, max: MAX_UINT256 });
  const minBuyAmount = bigintInput(intent.minBuyAmount, f("minBuyAmount"), { min: 1n, max: MAX_UINT256 });
  const startTime = toSeconds(intent.startTime, f("startTime"));
  const endTime = toSeconds(intent.endTime, f("endTime"));
  if (endTime <= startTime) throw new InputValidationError(f("endTime"), "must be after startTime");
  if (endTime <= ctx.nowSecs) throw new InputValidationError(f("endTime"), "must be in the future");
  if (intent.partialFill !== true) throw new InputValidationError(f("partialFill"), "must be true");
  const callData = intent.callData;
  if (typeof callData !== "string" || !isHex(callData, { strict: true }) || callData.length % 2 !== 0) {
    throw new InputValidationError(f("callData"), "must be 0x-prefixed hex bytes");
  }
  const callDataTarget = address(intent.callDataTarget, f("callDataTarget"));
  const hasData = callData !== "0x";
  const hasTarget = callDataTarget !== ZERO_ADDRESS;
  if (hasData !== hasTarget) {
    throw new InputValidationError(
      f(hasData ? "callDataTarget" : "callData"),
      "smart orders set callData and callDataTarget together, or neither",
    );
  }
  if (typeof intent.salt !== "string" || !BYTES32.test(intent.salt)) {
    throw new InputValidationError(f("salt"), "must be 32 bytes of 0x-hex");
  }
  const spreadCurve = validateCurve(intent.spreadCurve, { startTime, endTime }, f("curve"));
  // Already canonical (made here, frozen throughout): the same object comes back, so callers can
  // match results to their inputs by identity.
  if (CANONICAL.has(intent)) return intent;
  const checked: OrderIntent = Object.freeze({
    owner,
    sellToken,
    buyToken,
    sellAmount,
    minBuyAmount,
    spreadCurve: Object.freeze({
      ...spreadCurve,
      points: Object.freeze(spreadCurve.points.map((p) => Object.freeze(p))) as SpreadPoint[],
    }),
    startTime,
    endTime,
    partialFill: true,
    callData,
    callDataTarget,
    salt: intent.salt.toLowerCase() as Hex,
  });
  CANONICAL.add(checked);
  return checked;
}

/** The OrderIntent as `/add_order`, `/order_fees` and friends read it (bigints as 0x-hex). */
export function wireOrder(intent: OrderIntent) {
  return {
    owner: intent.owner,
    sellToken: intent.sellToken,
    buyToken: intent.buyToken,
    sellAmount: toHex(intent.sellAmount),
    minBuyAmount: toHex(intent.minBuyAmount),
    spreadCurve: {
      startDeltaBps: intent.spreadCurve.startDeltaBps,
      endDeltaBps: intent.spreadCurve.endDeltaBps,
      points: intent.spreadCurve.points.map((p) => ({ windowBps: p.windowBps, deltaBps: p.deltaBps })),
    },
    startTime: toHex(BigInt(intent.startTime)),
    endTime: toHex(BigInt(intent.endTime)),
    partialFill: intent.partialFill,
    callData: intent.callData,
    callDataTarget: intent.callDataTarget,
    salt: intent.salt,
  };
}

export type WireOrder = ReturnType<typeof wireOrder>;

/**
 * The `OrderIntent` struct an EIP-712 `AddOrder` envelope signs (official `src/eip712.ts`): the
 * curve's deltas, its knots at absolute seconds (`SpreadCurvePoint`), and uint256 times. Refuses a
 * curve whose knots do not strictly increase after truncation (see `toTimeKnots`).
 */
export function signedOrderIntent(intent: OrderIntent) {
  const curve = toTimeKnots(intent.spreadCurve, intent);
  return {
    owner: intent.owner,
    sellToken: intent.sellToken,
    buyToken: intent.buyToken,
    sellAmount: intent.sellAmount,
    minBuyAmount: intent.minBuyAmount,
    startDeltaBps: curve.startDeltaBps,
    endDeltaBps: curve.endDeltaBps,
    points: curve.points.map((p) => ({ timeSecs: BigInt(p.timeSecs), deltaBps: p.deltaBps })),
    startTime: BigInt(intent.startTime),
    endTime: BigInt(intent.endTime),
    partialFill: intent.partialFill,
    callData: intent.callData,
    callDataTarget: intent.callDataTarget,
    salt: intent.salt,
  };
}

export function checkHash(value: unknown, field: string): Hex {
  if (typeof value !== "string" || !BYTES32.test(value)) {
    throw new InputValidationError(field, "must be a 32-byte 0x-hex hash");
  }
  return value as Hex;
}
