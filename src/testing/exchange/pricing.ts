import type { Knot, SimToken } from "./state.js";

/** Price in micro-USD as a bigint, for exact integer arithmetic. */
function microUsd(token: SimToken): bigint {
  return BigInt(Math.round(token.priceUsd * 1e6));
}

/** Value of `amount` atomic units of `token` in USD (a float, for messages). */
export function usdValue(token: SimToken, amount: bigint): number {
  const micros = (amount * microUsd(token)) / 10n ** BigInt(token.decimals);
  return Number(micros) / 1e6;
}

/** The mid-price buy amount for selling `amount` of `sell`. */
export function fairBuy(sell: SimToken, buy: SimToken, amount: bigint): bigint {
  return (
    (amount * microUsd(sell) * 10n ** BigInt(buy.decimals)) / (microUsd(buy) * 10n ** BigInt(sell.decimals))
  );
}

/** Linear interpolation over time knots, clamped. */
export function knotDelta(knots: Knot[], t: number): number {
  const first = knots[0]!;
  const last = knots[knots.length - 1]!;
  if (t <= first.t) return first.d;
  if (t >= last.t) return last.d;
  for (let i = 1; i < knots.length; i++) {
    const right = knots[i]!;
    if (t <= right.t) {
      const left = knots[i - 1]!;
      return right.t === left.t ? right.d : left.d + ((right.d - left.d) * (t - left.t)) / (right.t - left.t);
    }
  }
  return last.d;
}
