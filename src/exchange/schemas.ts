import * as z from "zod/mini";
import { intLike, parseTimestamp, readBigint } from "../core/codecs.js";
import { lazy, type Open } from "../core/schema.js";

// ── Public result types ─────────────────────────────────────────────────────────────────────

/** A token the exchange trades, from `/config`. */
export interface ExchangeToken {
  address: string;
  symbol?: string | null | undefined;
  decimals?: number | null | undefined;
  class?: string | null | undefined;
  [key: string]: unknown;
}

/** The EIP-712 domain orders are signed under in `eip712` mode (from `/config`). */
export interface Eip712Domain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: string;
  salt: string;
  [key: string]: unknown;
}

/** The exchange's runtime configuration (`/config`), checked against the client's pins. */
export interface ExchangeConfig {
  version?: string | null | undefined;
  turbineSettlerAddress: string;
  /** Not in the official client's config type: pinned only when the server sends it. */
  turbineSignerAddress?: string | null | undefined;
  lpHookAddress: string;
  lpRouterAddress: string;
  poolManagerAddress: string;
  submitSettlements?: boolean | null | undefined;
  siweDomain: string;
  siweUri: string;
  tokens: ExchangeToken[];
  /** Minimum order size in USDC atomic units (decimal string), when the server says. */
  minTradeSizeUsdc?: string | null | undefined;
  eip712Domain?: Eip712Domain | null | undefined;
  maxSignatureLifetimeS?: number | null | undefined;
  [key: string]: unknown;
}

/** The session's identity (`me()`): the signed-in address. */
export interface MeResponse {
  authenticated?: boolean | null | undefined;
  address?: string | null | undefined;
  [key: string]: unknown;
}

/** An order's status (open: a status this SDK does not know yet passes through). */
export type OrderStatus =
  | "Adding"
  | "Active"
  | "Filled"
  | "PartiallyFilled"
  | "PendingCancellation"
  | "Canceled"
  | "Expired"
  | "Invalid"
  | "Incompatible"
  | "Unknown";

/** A liquidity intent's status (open). */
export type LiquidityIntentStatus =
  | "Pending"
  | "Invalid"
  | "Expired"
  | "Executed"
  | "PendingCancellation"
  | "Canceled";

/** A price as an exact fraction (bigints decoded). */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** One settlement of an order (read from camelCase or legacy snake_case). */
export interface Execution {
  txHash: string | undefined;
  blockNumber: number | undefined;
  soldAmount: bigint;
  boughtAmount: bigint;
  surplusBuyAmount: bigint;
  /** Mid-market price at execution time, when the server says (older executions lack it). */
  midPrice?: Fraction | undefined;
}

/** An order's current state (`orders.states`, `orders.waitFor`). */
export interface OrderState {
  hash: string;
  status: Open<OrderStatus>;
  execution: Execution[];
  [key: string]: unknown;
}

/** An order's curve as `/orders` returns it: absolute seconds (not the request's windowBps). */
export interface ResolvedSpreadCurve {
  startSecs?: number;
  endSecs?: number;
  startDeltaBps?: number;
  endDeltaBps?: number;
  points?: { timeSecs: number; deltaBps: number }[];
  [key: string]: unknown;
}

/**
 * The order as `/orders` describes it — the official client's `OrderDetails`: sellToken, buyToken,
 * sellAmount, limitPrice, startTime, endTime, the resolved spreadCurve, createdTimestamp and
 * annotations. Every field is optional here (bigints decoded when readable); anything else the
 * server adds (an echoed `owner`, `salt`, `minBuyAmount`…) is kept as sent.
 */
export interface OrderDetails {
  sellToken?: string;
  buyToken?: string;
  sellAmount?: bigint;
  limitPrice?: Fraction;
  startTime?: bigint;
  endTime?: bigint;
  spreadCurve?: ResolvedSpreadCurve;
  /** As sent: ISO 8601 in UTC, the server leaving out the `Z`. */
  createdTimestamp?: string;
  /** `createdTimestamp` read as a Date (UTC), when it parses. */
  createdAt?: Date;
  annotations?: { spreadAtSubmissionHbp?: number; [key: string]: unknown };
  owner?: string;
  minBuyAmount?: bigint;
  salt?: string;
  [key: string]: unknown;
}

/** An order as `orders.list` returns it: its state and the order echoed back. */
export interface ListedOrder extends OrderState {
  orderDetails?: OrderDetails | undefined;
}

/** One page of `/orders` on the wire (`orders.list` pages through them). */
export interface OrdersPage {
  orders: ListedOrder[];
  cursor: string | null;
  hasMore: boolean;
}

/** A liquidity intent's current state (`liquidity.states`). */
export interface LiquidityIntentState {
  hash: string;
  status: Open<LiquidityIntentStatus>;
  [key: string]: unknown;
}

// ── Schemas ────────────────────────────────────────────────────────────────────────────────

const opt = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

const tokenSchema = lazy(() =>
  z.looseObject({
    address: z.string(),
    symbol: opt(z.string()),
    // A number on the wire; a numeric string is read as one.
    decimals: opt(intLike()),
    class: opt(z.string()),
  }),
);

export const configSchema = lazy(
  () =>
    z.looseObject({
      version: opt(z.string()),
      turbineSettlerAddress: z.string(),
      turbineSignerAddress: opt(z.string()),
      lpHookAddress: z.string(),
      lpRouterAddress: z.string(),
      poolManagerAddress: z.string(),
      submitSettlements: opt(z.boolean()),
      siweDomain: z.string(),
      siweUri: z.string(),
      tokens: z.array(tokenSchema()),
      minTradeSizeUsdc: opt(z.union([z.string(), z.number()])),
      eip712Domain: opt(
        z.looseObject({
          name: z.string(),
          version: z.string(),
          chainId: z.number(),
          verifyingContract: z.string(),
          salt: z.string(),
        }),
      ),
      maxSignatureLifetimeS: opt(z.number()),
    }) as unknown as z.ZodMiniType<ExchangeConfig, unknown>,
);

export const meSchema = lazy(
  () =>
    z.looseObject({ authenticated: opt(z.boolean()), address: opt(z.string()) }) as unknown as z.ZodMiniType<
      MeResponse,
      unknown
    >,
);

/** A JSON string (the nonce). */
export const stringSchema = lazy(() => z.string());

/** A JSON string holding a 0x-hex (or decimal) bigint. */
export const bigintStringSchema = lazy(() =>
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((value, ctx) => {
      const n = readBigint(value);
      if (n === undefined) {
        ctx.issues.push({ code: "custom", message: "expected a 0x-hex bigint string", input: value });
        return z.NEVER;
      }
      return n;
    }),
  ),
);

export const orderHashSchema = lazy(() => z.looseObject({ orderHash: z.string() }));
export const orderHashesSchema = lazy(() => z.array(orderHashSchema()));
export const intentHashSchema = lazy(() => z.looseObject({ intentHash: z.string() }));

function pick(raw: Record<string, unknown>, camel: string, snake: string): unknown {
  return raw[camel] !== undefined ? raw[camel] : raw[snake];
}

const executionSchema = lazy(() =>
  z.pipe(
    z.looseObject({}),
    z.transform((raw: Record<string, unknown>, ctx): Execution => {
      const amount = (camel: string, snake: string): bigint => {
        const value = pick(raw, camel, snake);
        if (value === undefined || value === null) return 0n;
        const n = readBigint(value);
        if (n === undefined) {
          ctx.issues.push({ code: "custom", message: `${camel}: expected a 0x-hex bigint`, input: value });
          return 0n;
        }
        return n;
      };
      const block = readBigint(pick(raw, "blockNumber", "block_number"));
      const tx = pick(raw, "txHash", "tx_hash");
      const out: Execution = {
        txHash: typeof tx === "string" ? tx : undefined,
        blockNumber:
          block === undefined || block > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(block),
        soldAmount: amount("soldAmount", "sold_amount"),
        boughtAmount: amount("boughtAmount", "bought_amount"),
        surplusBuyAmount: amount("surplusBuyAmount", "surplus_buy_amount"),
      };
      const mid = fraction(pick(raw, "midPrice", "mid_price"));
      if (mid) out.midPrice = mid;
      return out;
    }),
  ),
);

/** `{numerator, denominator}` with both readable as bigints, else undefined. */
function fraction(value: unknown): Fraction | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const numerator = readBigint(v.numerator);
  const denominator = readBigint(v.denominator);
  return numerator === undefined || denominator === undefined ? undefined : { numerator, denominator };
}

const BIGINT_DETAIL_FIELDS = ["sellAmount", "minBuyAmount", "startTime", "endTime"] as const;

// Nothing in it is required: the SDK only reads it to match a batch's hashes to its inputs, and a
// field it cannot read just does not help that match.
const orderDetailsSchema = lazy(() =>
  z.pipe(
    z.looseObject({}),
    z.transform((raw: Record<string, unknown>): OrderDetails => {
      const out: OrderDetails = { ...raw };
      for (const key of BIGINT_DETAIL_FIELDS) {
        const n = readBigint(raw[key]);
        if (n === undefined) delete out[key];
        else out[key] = n;
      }
      const limitPrice = fraction(raw.limitPrice);
      if (limitPrice) out.limitPrice = limitPrice;
      else delete out.limitPrice;
      // The server writes UTC without a zone; the core's reader takes that (and a zone) as UTC.
      const createdAt =
        typeof raw.createdTimestamp === "string" ? parseTimestamp(raw.createdTimestamp) : undefined;
      if (createdAt) out.createdAt = createdAt;
      return out;
    }),
  ),
);

export const orderStateSchema = lazy(
  () =>
    z.pipe(
      z.looseObject({
        hash: z.string(),
        status: z.string(),
        execution: opt(z.array(executionSchema())),
        orderDetails: opt(orderDetailsSchema()),
      }),
      z.transform((raw) => {
        const { execution, orderDetails, ...rest } = raw;
        const out: ListedOrder = { ...rest, hash: raw.hash, status: raw.status, execution: execution ?? [] };
        if (orderDetails) out.orderDetails = orderDetails;
        return out;
      }),
    ) as unknown as z.ZodMiniType<ListedOrder, unknown>,
);

export const orderStatesSchema = lazy(() => z.array(orderStateSchema()));

export const ordersPageSchema = lazy(
  () =>
    z.looseObject({
      orders: z.array(orderStateSchema()),
      // Opaque: a number is kept as its decimal text.
      cursor: opt(
        z.pipe(
          z.union([z.string(), z.number()]),
          z.transform((v) => String(v)),
        ),
      ),
      hasMore: opt(z.boolean()),
    }) as unknown as z.ZodMiniType<
      { orders: ListedOrder[]; cursor?: string | null; hasMore?: boolean | null },
      unknown
    >,
);

export const liquidityStatesSchema = lazy(
  () =>
    z.array(z.looseObject({ hash: z.string(), status: z.string() })) as unknown as z.ZodMiniType<
      LiquidityIntentState[],
      unknown
    >,
);
