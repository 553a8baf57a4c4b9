import type { Hex } from "viem";
import { TurbokitError } from "../core/errors.js";
import type { OrderIntent } from "./intent.js";
import type { Fraction, ListedOrder, OrderDetails, ResolvedSpreadCurve } from "./schemas.js";
import { toTimeKnots } from "./spread-curve.js";

/** An input the server took: its hash and the Permit2 nonce signed. */
export interface SubmitAccepted {
  ok: true;
  outcome: "accepted";
  index: number;
  orderHash: Hex;
  intent: OrderIntent;
  /** The Permit2 allowance nonce signed (undefined for smart orders). */
  permitNonce: bigint | undefined;
}

/** An input the server left out of its answer: every returned hash belongs to another input. */
export interface SubmitDropped {
  ok: false;
  outcome: "dropped";
  index: number;
  intent: OrderIntent;
  reason: string;
}

/**
 * An input whose fate could not be told: the server returned hashes that could not be matched to
 * inputs (or `/orders` could not be read), and one of them may be this order. It may be live: check
 * `unmatchedHashes` (`orders.states`) before submitting it again.
 */
export interface SubmitUnknown {
  ok: false;
  outcome: "unknown";
  index: number;
  intent: OrderIntent;
  reason: string;
  /** The Permit2 allowance nonce signed; it stays allocated, since the order may be live. */
  permitNonce: bigint | undefined;
  /** Every returned hash not matched to an input (the same list on each unknown result). */
  unmatchedHashes: Hex[];
}

/** One result per input of `submitMany`, in input order; `outcome` tells the three cases apart. */
export type SubmitManyResult = SubmitAccepted | SubmitDropped | SubmitUnknown;

const DROPPED =
  "dropped by the server without an error: a per-order check failed (e.g. the minimum order size)";

/**
 * Matches the hashes `/add_orders` returned to the inputs, using the orders `/orders` listed for
 * them: by the salt when a server echoes it, else by the fields of `orderDetails` (the official
 * client's shape: tokens, sellAmount, limitPrice, window, resolved curve) when exactly one
 * unmatched input fits. An
 * input is "dropped" only when every returned hash is accounted for; otherwise unmatched inputs are
 * "unknown" and carry the unmatched hashes, so no returned hash is ever lost. `failure` is the
 * error that cut the `/orders` reads short, if any.
 */
export function matchBatch(
  intents: readonly OrderIntent[],
  nonces: readonly (bigint | undefined)[],
  hashes: readonly string[],
  listed: readonly ListedOrder[],
  failure?: unknown,
): SubmitManyResult[] {
  const details = new Map<string, OrderDetails | undefined>();
  for (const order of listed) details.set(order.hash.toLowerCase(), order.orderDetails);
  const unmatched = new Map<string, Hex>();
  for (const hash of hashes) unmatched.set(hash.toLowerCase(), hash as Hex);
  const byInput = new Map<number, Hex>();
  const take = (key: string, index: number) => {
    byInput.set(index, unmatched.get(key)!);
    unmatched.delete(key);
  };

  const bySalt = new Map(intents.map((intent, index) => [intent.salt.toLowerCase(), index]));
  for (const key of [...unmatched.keys()]) {
    const salt = details.get(key)?.salt;
    const index = typeof salt === "string" ? bySalt.get(salt.toLowerCase()) : undefined;
    if (index !== undefined && !byInput.has(index)) take(key, index);
  }
  // By fields, until nothing moves: an order that fits exactly one input still unmatched is that
  // input (each input yields at most one hash), and each match can make another one unique.
  for (let moved = true; moved; ) {
    moved = false;
    for (const key of [...unmatched.keys()]) {
      const d = details.get(key);
      if (!d) continue;
      const fits = intents.flatMap((intent, index) =>
        !byInput.has(index) && sameOrder(intent, d) ? [index] : [],
      );
      if (fits.length === 1) {
        take(key, fits[0]!);
        moved = true;
      }
    }
  }

  const leftover = [...unmatched.values()];
  const unknownReason = failure
    ? `the batch was accepted, but /orders could not be read to match its hashes to inputs (${describe(failure)}): this order may be live under one of unmatchedHashes`
    : "the server returned hashes that could not be matched to inputs: this order may be live under one of unmatchedHashes";
  return intents.map((intent, index): SubmitManyResult => {
    const orderHash = byInput.get(index);
    const permitNonce = nonces[index];
    if (orderHash) return { ok: true, outcome: "accepted", index, orderHash, intent, permitNonce };
    if (leftover.length === 0) return { ok: false, outcome: "dropped", index, intent, reason: DROPPED };
    return {
      ok: false,
      outcome: "unknown",
      index,
      intent,
      reason: unknownReason,
      permitNonce,
      unmatchedHashes: [...leftover],
    };
  });
}

/**
 * The listed order is this intent. `orderDetails` (official shape) has no salt, owner or
 * minBuyAmount: the tokens and sellAmount must be there and equal; the window, the limit price
 * (minBuyAmount / sellAmount as a fraction, either way up: the sources do not say which) and the
 * resolved curve must agree when present; an echoed salt, owner or minBuyAmount must agree too.
 */
function sameOrder(intent: OrderIntent, d: OrderDetails): boolean {
  const same = (a: unknown, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase();
  if (d.salt != null && !same(d.salt, intent.salt)) return false;
  if (d.owner != null && !same(d.owner, intent.owner)) return false;
  if (d.minBuyAmount != null && d.minBuyAmount !== intent.minBuyAmount) return false;
  if (d.startTime != null && d.startTime !== BigInt(intent.startTime)) return false;
  if (d.endTime != null && d.endTime !== BigInt(intent.endTime)) return false;
  if (d.limitPrice && !sameRatio(d.limitPrice, intent.minBuyAmount, intent.sellAmount)) return false;
  if (d.spreadCurve && !sameCurve(d.spreadCurve, intent)) return false;
  return (
    same(d.sellToken, intent.sellToken) &&
    same(d.buyToken, intent.buyToken) &&
    d.sellAmount === intent.sellAmount
  );
}

function sameRatio(price: Fraction, buy: bigint, sell: bigint): boolean {
  const { numerator: n, denominator: m } = price;
  if (m === 0n) return true; // unreadable as a price: no evidence either way
  return n * sell === m * buy || n * buy === m * sell;
}

/** The resolved curve (absolute seconds) agrees with the intent's curve over its window. */
function sameCurve(curve: ResolvedSpreadCurve, intent: OrderIntent): boolean {
  const num = (v: unknown) => (typeof v === "number" || typeof v === "string" ? Number(v) : Number.NaN);
  const expected = toTimeKnots(intent.spreadCurve, intent);
  if (curve.startDeltaBps != null && num(curve.startDeltaBps) !== expected.startDeltaBps) return false;
  if (curve.endDeltaBps != null && num(curve.endDeltaBps) !== expected.endDeltaBps) return false;
  if (!Array.isArray(curve.points)) return true;
  if (curve.points.length !== expected.points.length) return false;
  return curve.points.every((p, i) => {
    const e = expected.points[i]!;
    return num(p?.timeSecs) === e.timeSecs && num(p?.deltaBps) === e.deltaBps;
  });
}

// Only a TurbokitError's message is known to be scrubbed of secrets; of anything else, its name.
function describe(error: unknown): string {
  if (error instanceof TurbokitError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.name : "unknown error";
}
