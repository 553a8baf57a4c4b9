import { type Address, getAddress, type Hex } from "viem";
import { PERMIT2_ADDRESS } from "../../exchange/config.js";
import { PERMIT_SINGLE_TYPES } from "../../exchange/permit2.js";
import { invalidInput, refusal } from "./errors.js";
import type { ParsedOrder, ParsedPermit } from "./order-input.js";
import { fairBuy, knotDelta, usdValue } from "./pricing.js";
import { recoverSigner } from "./signatures.js";
import { clientLagS, type ExchangeSimState, hashOf, type SimExecution, type SimOrder } from "./state.js";
import { missingField, type Obj } from "./wire.js";

/** The order rules: acceptance, fills, expiry and cancellation over simulated time, listing, fees. */

const ZERO = "0x0000000000000000000000000000000000000000";

/** Semantic checks, the Permit2 signature, the $30 minimum; then the order is stored. */
export async function acceptOrder(
  state: ExchangeSimState,
  nowMs: number,
  owner: Address,
  order: ParsedOrder,
  permit: ParsedPermit | undefined,
  annotations?: Obj,
): Promise<SimOrder> {
  const lagS = clientLagS(state, nowMs, order.startTime);
  const nowS = Math.floor(nowMs / 1000) - lagS;
  if (order.owner !== owner)
    throw refusal(401, "USER_NOT_AUTHORIZED", "order owner is not the authenticated address");
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell) throw invalidInput(`sell token ${order.sellToken} is not supported`);
  if (!buy) throw invalidInput(`buy token ${order.buyToken} is not supported`);
  if (order.sellToken === order.buyToken) throw invalidInput("sell and buy tokens must differ");
  if (order.sellAmount <= 0n) throw invalidInput("sellAmount must be positive");
  if (order.minBuyAmount <= 0n) throw invalidInput("minBuyAmount must be positive");
  if (order.endTime <= nowS) throw invalidInput("endTime must be in the future");
  if (!order.partialFill) throw invalidInput("partialFill must be true");
  const smart = order.callData !== "0x" && order.callDataTarget !== ZERO;
  if ((order.callData !== "0x") !== (order.callDataTarget !== ZERO)) {
    throw invalidInput("callData and callDataTarget must be set together");
  }
  const worth = usdValue(sell, order.sellAmount);
  if (worth < state.options.minTradeSizeUsd) {
    throw invalidInput(
      `Sell amount ${order.sellAmount} is worth ~$${worth.toFixed(6)} which is less than $${state.options.minTradeSizeUsd}`,
    );
  }
  if (!smart) await checkPermit(state, owner, order, permit);
  let active = 0;
  for (const o of state.orders.values()) {
    refresh(state, o, nowMs);
    if (o.owner === owner && (o.status === "Active" || o.status === "PendingCancellation")) active++;
  }
  if (active >= state.options.maxActiveOrders) {
    throw refusal(400, "USER_ORDER_LIMIT_REACHED", `at most ${state.options.maxActiveOrders} active orders`);
  }
  const hash = hashOf({ owner, salt: order.salt, sellToken: order.sellToken, buyToken: order.buyToken });
  if (state.orders.has(hash)) throw refusal(400, "ORDER_ALREADY_EXISTS", `order ${hash} already exists`);
  const stored: SimOrder = {
    hash,
    owner,
    sellToken: order.sellToken,
    buyToken: order.buyToken,
    sellAmount: order.sellAmount,
    minBuyAmount: order.minBuyAmount,
    startTime: order.startTime,
    endTime: order.endTime,
    knots: order.knots,
    salt: order.salt.toLowerCase() as Hex,
    permitNonce: permit === undefined ? undefined : BigInt(permit.details.nonce),
    curve: order.curve,
    annotations,
    createdAt: nowMs,
    lagS,
    status: "Active",
    execution: [],
  };
  state.orders.set(hash, stored);
  return stored;
}

/** A plain (not smart) order's Permit2 `PermitSingle`: present, for the settler, signed by the owner. */
async function checkPermit(
  state: ExchangeSimState,
  owner: Address,
  order: ParsedOrder,
  permit: ParsedPermit | undefined,
): Promise<void> {
  if (!permit) throw missingField("", "signedPermit");
  if (permit.spender !== getAddress(state.pins.settler))
    throw invalidInput("permit spender is not the settler");
  if (permit.details.token !== order.sellToken) throw invalidInput("permit token is not the sell token");
  if (permit.details.expiration < order.endTime || permit.sigDeadline < BigInt(order.endTime)) {
    throw invalidInput("permit expires before the order ends");
  }
  const signer = await recoverSigner(
    {
      domain: { name: "Permit2", chainId: state.options.chainId, verifyingContract: PERMIT2_ADDRESS },
      types: PERMIT_SINGLE_TYPES,
      primaryType: "PermitSingle",
      message: { details: permit.details, spender: permit.spender, sigDeadline: permit.sigDeadline },
    },
    permit.sig,
  );
  if (signer !== owner) throw invalidInput("Permit2 signature does not recover to the order owner");
  // Several open orders of one token may carry the same allowance nonce: the official client
  // signs each permit with the wallet's current on-chain nonce, and no source says the API
  // refuses that, so neither does the simulator.
}

/** Moves an order along simulated time: fills when the curve reaches the threshold, else expires. */
export function refresh(state: ExchangeSimState, order: SimOrder, nowMs: number): SimOrder {
  const nowS = nowMs / 1000 - order.lagS;
  if (order.status === "PendingCancellation") {
    if (nowMs >= (order.cancelRequestedAt ?? 0) + state.options.cancelDelayMs) order.status = "Canceled";
    return order;
  }
  if (order.status !== "Active") return order;
  const from = Math.max(order.startTime, Math.floor(order.createdAt / 1000) - order.lagS);
  const fillAt = firstFill(state, order, from);
  if (fillAt !== undefined && nowS >= fillAt.t) {
    order.status = "Filled";
    order.execution.push(fillAt.execution);
  } else if (nowS >= order.endTime) {
    order.status = "Expired";
  }
  return order;
}

function firstFill(
  state: ExchangeSimState,
  order: SimOrder,
  from: number,
): { t: number; execution: SimExecution } | undefined {
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell || !buy) return undefined;
  const fair = fairBuy(sell, buy, order.sellAmount);
  const steps = 400;
  const span = Math.max(1, order.endTime - from);
  for (let i = 0; i <= steps; i++) {
    const t = Math.min(order.endTime, from + Math.ceil((span * i) / steps));
    const delta = knotDelta(order.knots, t);
    if (delta < state.options.fillThresholdBps) continue;
    const bought = (fair * BigInt(10_000 - Math.round(delta))) / 10_000n;
    if (bought < order.minBuyAmount) continue;
    const seed = hashOf({ order: order.hash, t });
    return {
      t,
      execution: {
        txHash: seed,
        blockNumber: 18_000_000 + Math.floor((t - 1_700_000_000) / 12),
        soldAmount: order.sellAmount,
        boughtAmount: bought,
        surplusBuyAmount: bought - order.minBuyAmount,
      },
    };
  }
  return undefined;
}

/** An owner's request to cancel an active order: Canceled once `cancelDelayMs` has passed. */
export function requestCancel(
  state: ExchangeSimState,
  owner: Address,
  hash: string,
  nowMs: number,
): SimOrder {
  const order = state.orders.get(hash.toLowerCase() as Hex) ?? state.orders.get(hash as Hex);
  if (!order || order.owner !== owner) throw refusal(404, "ORDER_NOT_AVAILABLE", `order ${hash} not found`);
  refresh(state, order, nowMs);
  if (order.status !== "Active") {
    throw refusal(400, "ORDER_NOT_AVAILABLE", `order ${hash} is ${order.status} and cannot be canceled`);
  }
  order.status = "PendingCancellation";
  order.cancelRequestedAt = nowMs;
  return order;
}

/** At most this many hashes in one `/orders` query. */
const MAX_HASHES = 30;

export interface OrdersQuery {
  hashes: string[];
  statuses: string[];
  cursor: string;
  /** 0 means unset (the EIP-712 query's zero value): the server's default of 50. */
  limit: number;
}

/** One page of an owner's orders, newest first, filtered by hash and status. */
export function pageOfOrders(state: ExchangeSimState, owner: Address, q: OrdersQuery, nowMs: number) {
  if (q.hashes.length > MAX_HASHES) throw refusal(400, "TOO_MANY_HASHES", `at most ${MAX_HASHES} hashes`);
  if (!Number.isInteger(q.limit) || q.limit < 0) throw invalidInput("limit must not be negative");
  if (q.limit > 200) throw refusal(400, "LIMIT_TOO_HIGH", "limit must be at most 200");
  let offset = 0;
  if (q.cursor) {
    const m = /^c([0-9]+)$/.exec(q.cursor);
    if (!m) throw refusal(400, "INVALID_CURSOR", "invalid cursor");
    offset = Number(m[1]);
  }
  const wanted = new Set(q.hashes.map((h) => h.toLowerCase()));
  const statuses = new Set(q.statuses);
  const all = [...state.orders.values()]
    .filter((o) => o.owner === owner)
    .map((o) => refresh(state, o, nowMs))
    .filter((o) => wanted.size === 0 || wanted.has(o.hash))
    .filter((o) => statuses.size === 0 || statuses.has(o.status))
    .sort((a, b) => b.createdAt - a.createdAt);
  const limit = q.limit === 0 ? 50 : q.limit;
  const hasMore = offset + limit < all.length;
  return {
    orders: all.slice(offset, offset + limit),
    cursor: hasMore ? `c${offset + limit}` : null,
    hasMore,
  };
}

/** `/order_fees`: the platform fee, `feeBps` of the fair buy amount. */
export function feeFor(state: ExchangeSimState, order: ParsedOrder): bigint {
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell || !buy) throw invalidInput("unsupported token");
  return (fairBuy(sell, buy, order.sellAmount) * BigInt(state.options.feeBps)) / 10_000n;
}
