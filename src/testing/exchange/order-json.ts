import type { SimOrder } from "./state.js";

/** How orders are written on the wire: their states and the official client's `orderDetails`. */

const hex = (n: bigint) => `0x${n.toString(16)}`;

/**
 * An order's state. The variant spells the final "Canceled" the British way ("Cancelled"), a word
 * a server may legally use for an open status field.
 */
export function stateJson(order: SimOrder, casing: "snake" | "camel", o: { variant?: boolean } = {}) {
  return {
    hash: order.hash,
    status: o.variant && order.status === "Canceled" ? "Cancelled" : order.status,
    execution: order.execution.map((e) =>
      casing === "snake"
        ? {
            tx_hash: e.txHash,
            block_number: e.blockNumber,
            sold_amount: hex(e.soldAmount),
            bought_amount: hex(e.boughtAmount),
            surplus_buy_amount: hex(e.surplusBuyAmount),
          }
        : {
            txHash: e.txHash,
            blockNumber: e.blockNumber,
            soldAmount: hex(e.soldAmount),
            boughtAmount: hex(e.boughtAmount),
            surplusBuyAmount: hex(e.surplusBuyAmount),
          },
    ),
  };
}

/**
 * `orderDetails` in the official client's shape (`src/models.ts` OrderDetails, parsed by
 * `parseOrderState`): sellToken, buyToken, sellAmount, limitPrice {numerator, denominator},
 * startTime, endTime, the resolved spreadCurve {startSecs, endSecs, startDeltaBps, endDeltaBps,
 * points [{timeSecs, deltaBps}]}, createdTimestamp (ISO, UTC, without `Z`), annotations when sent.
 * The variant writes the other legal forms: times as numbers, amounts as decimal strings, a `Z`
 * on the timestamp, and extra fields.
 */
export function orderDetailsJson(order: SimOrder, o: { variant: boolean; echo: boolean }) {
  const amount = (n: bigint) => (o.variant ? n.toString(10) : hex(n));
  const time = (t: number) => (o.variant ? t : hex(BigInt(t)));
  const iso = new Date(order.createdAt).toISOString();
  const details: Record<string, unknown> = {
    sellToken: order.sellToken,
    buyToken: order.buyToken,
    sellAmount: amount(order.sellAmount),
    // Buy per sell, as the order's floor: minBuyAmount / sellAmount.
    limitPrice: { numerator: amount(order.minBuyAmount), denominator: amount(order.sellAmount) },
    startTime: time(order.startTime),
    endTime: time(order.endTime),
    spreadCurve: {
      startSecs: order.startTime,
      endSecs: order.endTime,
      startDeltaBps: order.curve.startDeltaBps,
      endDeltaBps: order.curve.endDeltaBps,
      points: order.curve.points.map((k) => ({ timeSecs: k.t, deltaBps: k.d })),
    },
    createdTimestamp: o.variant ? iso : iso.slice(0, -1),
  };
  if (order.annotations !== undefined) details.annotations = order.annotations;
  if (o.echo)
    Object.assign(details, {
      owner: order.owner,
      salt: order.salt,
      minBuyAmount: amount(order.minBuyAmount),
    });
  if (o.variant) details.settlementVenue = "turbine";
  return details;
}
