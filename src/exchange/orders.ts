import type { Address, Hex } from "viem";
import { type APIPromise, apiPromise, withSinkOf } from "../core/api-promise.js";
import { optionalInt, requireId, requireObject, requireStringArray } from "../core/args.js";
import { Resource } from "../core/client.js";
import { ApiError, ConfigMismatchError, InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { nextByCursor, Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import type { ExchangeInternals, TurbineExchangeCore } from "./client.js";
import { MinimumOrderSizeError } from "./errors.js";
import {
  type BuildOrderInput,
  buildIntent,
  checkHash,
  checkIntent,
  isSmartOrder,
  type OrderIntent,
  signedOrderIntent,
  type WireOrder,
  wireOrder,
} from "./intent.js";
import { exchangeInternals } from "./internal.js";
import {
  MAX_UINT160,
  type PermitSingleValues,
  permitSignatureForm,
  permitSingleTypedData,
  type WirePermitSignature,
  wirePermitSingle,
} from "./permit2.js";
import { matchBatch, type SubmitManyResult } from "./reconcile.js";
import { routes } from "./routes.js";
import {
  bigintStringSchema,
  type ExchangeConfig,
  type ListedOrder,
  type OrderState,
  type OrderStatus,
  type OrdersPage,
  orderHashesSchema,
  orderHashSchema,
  orderStatesSchema,
  ordersPageSchema,
} from "./schemas.js";

export const MAX_HASHES_PER_QUERY = 30;
export const MAX_LIST_LIMIT = 200;
/**
 * Statuses after which an order no longer changes (compared without regard to case; "Cancelled"
 * is the other legal spelling of "Canceled").
 */
export const FINAL_ORDER_STATUSES: readonly string[] = [
  "Filled",
  "Canceled",
  "Cancelled",
  "Expired",
  "Invalid",
  "Incompatible",
];
const FINAL = new Set(FINAL_ORDER_STATUSES.map((s) => s.toLowerCase()));

/** True when an order in this status will not change any more. */
export function isFinalOrderStatus(status: string): boolean {
  return FINAL.has(status.toLowerCase());
}
/** The official SDK's "pending" group. */
export const PENDING_ORDER_STATUSES: readonly string[] = ["Adding", "Active", "PendingCancellation"];

/**
 * Informational metadata stored with an order (not signed; returned in `orderDetails.annotations`),
 * as the official client's `OrderAnnotations`.
 */
export interface OrderAnnotations {
  /** Spread of the quote the order was made from, in hundredths of a basis point (10_000 = 1 %). */
  spreadAtSubmissionHbp?: number;
}

/** Options of `orders.submit`: the Permit2 allowance cap, annotations, plus request options. */
export interface SubmitOptions extends RequestOptions {
  /** Permit2 allowance cap (default maxUint160, i.e. unlimited). */
  permitAmount?: bigint;
  /** Stored with the order, sent beside it as `annotations`. */
  annotations?: OrderAnnotations;
}

/** Options of `orders.submitMany`: as `submit`, with one (optional) annotations entry per intent. */
export interface SubmitManyOptions extends Omit<SubmitOptions, "annotations"> {
  /** Aligned with the intents by index; its length must equal theirs. */
  annotations?: (OrderAnnotations | undefined)[];
}

/** An accepted order: its hash, the intent sent and the Permit2 nonce signed. */
export interface SubmittedOrder {
  orderHash: Hex;
  intent: OrderIntent;
  /** The Permit2 allowance nonce signed (undefined for smart orders). */
  permitNonce: bigint | undefined;
}

/** Filters and paging of `orders.list`. */
export interface ListOrdersParams {
  /** At most 30 order hashes. */
  hashes?: string[];
  statuses?: (OrderStatus | (string & {}))[];
  /** Start from this cursor (default: the newest order). */
  cursor?: string;
  /** Page size 1–200 (server default 50). */
  limit?: number;
  /** Stop after this many pages. */
  maxPages?: number;
}

/**
 * Options of `orders.waitFor`: `onProgress`, `timeoutMs`, `signal`, poll intervals, and `until`
 * (ends the wait early, e.g. once an order is `Active`; a final status — Filled, Canceled, Expired,
 * Invalid, Incompatible — always ends it).
 */
export type WaitForOrderOptions = WaitOptions<OrderState>;

interface SignedOrderBody {
  order: WireOrder;
  signedPermit?: { signature: WirePermitSignature; permit: ReturnType<typeof wirePermitSingle> };
  annotations?: OrderAnnotations;
}

function nowSecs(inner: ExchangeInternals): number {
  return Math.floor(inner.now() / 1000);
}

/** `/config` and the intent checked against it (owner = the signer, or any owner for a quote). */
async function checked(
  inner: ExchangeInternals,
  intent: OrderIntent,
  options: RequestOptions,
  anyOwner = false,
): Promise<{ config: ExchangeConfig; intent: OrderIntent }> {
  const config = await inner.config(options);
  const owner = anyOwner
    ? (inner.maybeSigner()?.address ?? ((intent?.owner ?? "") as Address))
    : inner.signer().address;
  return {
    config,
    intent: checkIntent(intent, { config, owner, nowSecs: nowSecs(inner), fieldPrefix: "intent." }),
  };
}

/** The order's wire body with its Permit2 PermitSingle signed (smart orders carry none). */
async function signBody(
  inner: ExchangeInternals,
  intent: OrderIntent,
  config: ExchangeConfig,
  permitAmount: bigint | undefined,
  annotations: OrderAnnotations | undefined,
): Promise<{ body: SignedOrderBody; nonce: bigint | undefined }> {
  const order = wireOrder(intent);
  const extra = annotations === undefined ? {} : { annotations };
  if (isSmartOrder(intent)) return { body: { order, ...extra }, nonce: undefined };
  const amount = permitAmount ?? MAX_UINT160;
  if (typeof amount !== "bigint" || amount <= 0n || amount > MAX_UINT160) {
    throw new InputValidationError("permitAmount", "must be a bigint in [1, 2^160 - 1]");
  }
  const spender = config.turbineSettlerAddress as Address;
  const nonce = await inner.permit2Nonces.allocate(intent.sellToken, spender);
  const values: PermitSingleValues = {
    token: intent.sellToken,
    amount,
    expiration: intent.endTime,
    nonce,
    spender,
    sigDeadline: BigInt(intent.endTime),
  };
  try {
    const signature = await inner.signer().signTypedData(permitSingleTypedData(inner.chainId, values));
    return {
      body: {
        order,
        signedPermit: { signature: permitSignatureForm(signature), permit: wirePermitSingle(values) },
        ...extra,
      },
      nonce,
    };
  } catch (error) {
    inner.permit2Nonces.release(intent.sellToken, nonce);
    throw error;
  }
}

/**
 * The EIP-712 form of an order (official `src/eip712.ts`): the signed message carries the curve's
 * knots at absolute seconds (`SpreadCurvePoint`), and the wire payload moves `spreadCurve` out of
 * the order to sit beside it: `{order, spreadCurve, signedPermit?, annotations?}`.
 */
function eip712Payload(body: SignedOrderBody, intent: OrderIntent) {
  const message = { order: signedOrderIntent(intent) };
  const { spreadCurve, ...order } = body.order;
  const payload: Record<string, unknown> = { order, spreadCurve };
  if (body.signedPermit) payload.signedPermit = body.signedPermit;
  if (body.annotations) payload.annotations = body.annotations;
  return { message, payload };
}

interface PageQuery {
  hashes: string[];
  statuses: string[];
  cursor: string | undefined;
  limit: number | undefined;
}

/** One page of your orders: `GET /orders`, or the signed `QueryOrders` in EIP-712 mode. */
async function queryPage(
  inner: ExchangeInternals,
  query: PageQuery,
  options: RequestOptions,
): Promise<OrdersPage> {
  let page: { orders: ListedOrder[]; cursor?: string | null; hasMore?: boolean | null };
  if (inner.envelopes) {
    page = await inner.envelopes.call(
      routes.orders.listSigned,
      "QueryOrders",
      {
        hashes: query.hashes,
        statuses: query.statuses,
        cursor: query.cursor ?? "",
        // Zero values mean "unset" to the API: no limit signs 0 (the server's default applies).
        limit: BigInt(query.limit ?? 0),
      },
      {
        hashes: query.hashes,
        statuses: query.statuses,
        cursor: query.cursor ?? "",
        limit: query.limit ?? 0,
      },
      ordersPageSchema(),
      options,
    );
  } else {
    page = await inner.http.json(routes.orders.list, {
      query: {
        hash: query.hashes.length > 0 ? query.hashes.join(",") : undefined,
        status: query.statuses.length > 0 ? query.statuses.join(",") : undefined,
        cursor: query.cursor,
        limit: query.limit,
      },
      schema: ordersPageSchema(),
      options,
    });
  }
  return { orders: page.orders, cursor: page.cursor ?? null, hasMore: page.hasMore ?? false };
}

/** The orders listed for these hashes, ≤ 30 per query; `found` collects them as they come. */
async function listByHashes(
  inner: ExchangeInternals,
  hashes: string[],
  options: RequestOptions,
  found: ListedOrder[] = [],
): Promise<ListedOrder[]> {
  for (let i = 0; i < hashes.length; i += MAX_HASHES_PER_QUERY) {
    const chunk = hashes.slice(i, i + MAX_HASHES_PER_QUERY);
    const page = await queryPage(
      inner,
      { hashes: chunk, statuses: [], cursor: undefined, limit: MAX_LIST_LIMIT },
      options,
    );
    found.push(...page.orders);
  }
  return found;
}

/** Order states: `/order_states`, or (EIP-712 mode, which has no such call) signed order queries. */
function statesOf(
  inner: ExchangeInternals,
  hashes: string[],
  options: RequestOptions,
): Promise<OrderState[]> {
  if (inner.envelopes) return listByHashes(inner, hashes, options);
  return inner.http.json(routes.orders.states, {
    json: { orderHashes: hashes },
    schema: orderStatesSchema(),
    options,
  });
}

function checkHashes(hashes: unknown, field: string, max?: number): string[] {
  if (!Array.isArray(hashes)) throw new InputValidationError(field, "must be an array of order hashes");
  if (max !== undefined && hashes.length > max) {
    throw new InputValidationError(field, `at most ${max} hashes per query`);
  }
  return hashes.map((h, i) => checkHash(h, `${field}[${i}]`));
}

/** A validated OrderIntent (owner = signer, tokens from `/config`, random salt). Nothing is signed. */
export function buildOrder(
  core: TurbineExchangeCore,
  input: BuildOrderInput,
  options?: RequestOptions,
): APIPromise<OrderIntent> {
  return apiPromise(options, async (options) => {
    const inner = exchangeInternals(core);
    const config = await inner.config(options);
    return buildIntent(input, { config, owner: inner.signer().address, nowSecs: nowSecs(inner) });
  });
}

/** Signs the Permit2 PermitSingle (smart orders: none) and posts `/add_order`. Never retried. */
export function submitOrder(
  core: TurbineExchangeCore,
  intent: OrderIntent,
  options?: SubmitOptions,
): APIPromise<SubmittedOrder> {
  return apiPromise(options, async (traced) => {
    const inner = exchangeInternals(core);
    const { config, intent: checkedIntent } = await checked(inner, intent, traced);
    const annotations = checkAnnotations(options?.annotations, "annotations");
    const { body, nonce } = await signBody(inner, checkedIntent, config, options?.permitAmount, annotations);
    try {
      const { message, payload } = eip712Payload(body, checkedIntent);
      const result = await inner.send({
        schema: orderHashSchema(),
        options: traced,
        session: { route: routes.orders.add, json: body },
        eip712: { route: routes.orders.addSigned, primaryType: "AddOrder", message, payload },
      });
      return { orderHash: result.orderHash as Hex, intent: checkedIntent, permitNonce: nonce };
    } catch (error) {
      // Give the Permit2 nonce back only when the order surely was not taken: the server refused
      // it (4xx) or nothing was sent. After a lost or unreadable answer (connection cut, timeout,
      // malformed body, 5xx) the order may be live, and re-signing its nonce would collide.
      if (nonce !== undefined && surelyNotAccepted(error))
        inner.permit2Nonces.release(checkedIntent.sellToken, nonce);
      if (error instanceof MinimumOrderSizeError && config.minTradeSizeUsdc != null) {
        error.minTradeSizeUsdc = String(config.minTradeSizeUsdc);
      }
      throw error;
    }
  });
}

/**
 * Posts `/add_orders`; one result per input, in input order, even when the server silently drops
 * some: `accepted`, `dropped`, or `unknown` (could not be matched; carries the unmatched hashes).
 * When the server dropped some, the orders are looked up afterwards: `withResponse()` reports the
 * last of those reads.
 */
export function submitOrders(
  core: TurbineExchangeCore,
  intents: OrderIntent[],
  options?: SubmitManyOptions,
): APIPromise<SubmitManyResult[]> {
  return apiPromise(options, async (traced) => {
    const inner = exchangeInternals(core);
    if (!Array.isArray(intents) || intents.length === 0) {
      throw new InputValidationError("intents", "must be a non-empty array of OrderIntents");
    }
    const config = await inner.config(traced);
    const owner = inner.signer().address;
    const now = nowSecs(inner);
    // Every intent is checked before anything is signed.
    const checkedIntents = intents.map((intent, i) =>
      checkIntent(intent, { config, owner, nowSecs: now, fieldPrefix: `intents[${i}].` }),
    );
    const given = options?.annotations;
    if (given !== undefined && (!Array.isArray(given) || given.length !== checkedIntents.length)) {
      throw new InputValidationError(
        "annotations",
        `must be an array of ${checkedIntents.length} entries, one per intent`,
      );
    }
    const annotations = checkedIntents.map((_, i) => checkAnnotations(given?.[i], `annotations[${i}]`));
    const salts = new Set<string>();
    for (const [i, intent] of checkedIntents.entries()) {
      if (salts.has(intent.salt))
        throw new InputValidationError(`intents[${i}].salt`, "duplicates another order");
      salts.add(intent.salt);
    }
    // One at a time, in input order (a sequential nonce allocation hands out n, n+1, … so).
    const signed: { body: SignedOrderBody; nonce: bigint | undefined }[] = [];
    // Gives back the signed nonces of the inputs `which` picks (default: all), latest first, so
    // a token's counter rolls back over a whole run of them.
    const release = (which: (index: number) => boolean = () => true) => {
      for (let i = signed.length - 1; i >= 0; i--) {
        const nonce = signed[i]!.nonce;
        if (nonce !== undefined && which(i)) inner.permit2Nonces.release(checkedIntents[i]!.sellToken, nonce);
      }
    };
    try {
      for (const [i, intent] of checkedIntents.entries()) {
        signed.push(await signBody(inner, intent, config, options?.permitAmount, annotations[i]));
      }
    } catch (error) {
      release(); // the wallet refused one: nothing was sent
      throw error;
    }

    const forms = checkedIntents.map((intent, i) => eip712Payload(signed[i]!.body, intent));
    let hashes: string[];
    try {
      // EIP-712: a bare array of AddOrder envelopes, one nonce each (there is no batch type).
      const answer = inner.envelopes
        ? await inner.envelopes.callMany(
            routes.orders.addManySigned,
            "AddOrder",
            forms,
            orderHashesSchema(),
            traced,
          )
        : await inner.http.json(routes.orders.addMany, {
            json: signed.map((s) => s.body),
            schema: orderHashesSchema(),
            options: traced,
          });
      hashes = answer.map((r) => r.orderHash);
    } catch (error) {
      // As for one order: only a batch surely refused as a whole gives its nonces back.
      if (surelyNotAccepted(error)) release();
      throw error;
    }

    const nonces = signed.map((s) => s.nonce);
    if (hashes.length === checkedIntents.length) {
      return checkedIntents.map((intent, index) => ({
        ok: true as const,
        outcome: "accepted" as const,
        index,
        orderHash: hashes[index] as Hex,
        intent,
        permitNonce: nonces[index],
      }));
    }
    // The batch was accepted: a failing look-up does not throw, what was read so far is matched
    // and the failure reported with the unmatched results.
    const listed: ListedOrder[] = [];
    let failure: unknown;
    // Each input yields at most one hash: a server answering with more does not get to make us
    // look up every one of them.
    const lookUp = hashes.slice(0, checkedIntents.length);
    if (lookUp.length > 0)
      await listByHashes(inner, lookUp, traced, listed).catch((e: unknown) => (failure = e));
    const results = matchBatch(checkedIntents, nonces, hashes, listed, failure);
    // A surely dropped order's nonce goes back (when it is still its token's latest).
    release((i) => results[i]!.outcome === "dropped");
    return results;
  });
}

/** Ask to cancel an order; it goes `PendingCancellation`, then `Canceled` (or fills first). */
export function cancelOrder(
  core: TurbineExchangeCore,
  orderHash: string,
  options?: RequestOptions,
): APIPromise<{ orderHash: string }> {
  return apiPromise(options, async (options) => {
    const hash = checkHash(orderHash, "orderHash");
    return exchangeInternals(core).send({
      schema: orderHashSchema(),
      options,
      session: { route: routes.orders.cancel, json: { orderHash: hash } },
      eip712: {
        route: routes.orders.cancelSigned,
        primaryType: "CancelOrder",
        message: { orderHash: hash },
        payload: { orderHash: hash },
      },
    });
  });
}

/** Current state of each order (a read-only query: retried on transient failures). */
export function getOrderStates(
  core: TurbineExchangeCore,
  orderHashes: string[],
  options?: RequestOptions,
): APIPromise<OrderState[]> {
  return apiPromise(options, async (options) => {
    const inner = exchangeInternals(core);
    const hashes = checkHashes(orderHashes, "orderHashes");
    if (hashes.length === 0) return [];
    return statesOf(inner, hashes, options);
  });
}

/** Your orders, newest first, as a cursor paginator (lazy). Bad filters throw at once. */
export function listOrders(
  core: TurbineExchangeCore,
  params: ListOrdersParams = {},
  options?: RequestOptions,
): Paginator<ListedOrder, { cursor?: string }> {
  const inner = exchangeInternals(core);
  const hashes =
    params.hashes === undefined ? [] : checkHashes(params.hashes, "hashes", MAX_HASHES_PER_QUERY);
  const statuses = requireStringArray(params.statuses ?? [], "statuses");
  for (const [i, s] of statuses.entries()) {
    // Sent comma-joined in one query parameter.
    if (s === "" || s.includes(",")) {
      throw new InputValidationError(`statuses[${i}]`, "must be a non-empty status without commas");
    }
  }
  const limit = optionalInt(params.limit, "limit", 1, MAX_LIST_LIMIT);
  const cursor = params.cursor === undefined ? undefined : requireId(params.cursor, "cursor");
  return new Paginator<ListedOrder, { cursor?: string }>({
    first: cursor === undefined ? {} : { cursor },
    maxPages: params.maxPages,
    signal: options?.signal,
    fetchPage: async (state) => {
      const page = await queryPage(inner, { hashes, statuses, cursor: state.cursor, limit }, options ?? {});
      const next = nextByCursor(page.cursor, page.hasMore);
      return { items: page.orders, next: next === undefined ? undefined : { cursor: next } };
    },
  });
}

/**
 * Polls until the order reaches a final status (or `until` says so); `withResponse()` reports the last
 * poll's response.
 */
export function waitForOrder(
  core: TurbineExchangeCore,
  orderHash: string,
  options: WaitForOrderOptions & RequestOptions = {},
): APIPromise<OrderState> {
  return apiPromise(options, async (traced) => {
    const inner = exchangeInternals(core);
    const hash = checkHash(orderHash, "orderHash");
    // `timeoutMs` is the whole wait's deadline: a poll gets what is left of it as its own budget,
    // so a hanging request cannot outlive the wait. Headers and retries apply to every poll.
    const endsAt = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
    const pollOptions = (signal: AbortSignal | undefined): RequestOptions => {
      const out: RequestOptions = {};
      if (signal) out.signal = signal;
      if (options.headers) out.headers = options.headers;
      if (options.maxRetries !== undefined) out.maxRetries = options.maxRetries;
      let budget = options.totalTimeoutMs;
      if (endsAt !== undefined) {
        const left = Math.max(1, endsAt - Date.now());
        budget = budget === undefined ? left : Math.min(budget, left);
      }
      if (budget !== undefined) out.totalTimeoutMs = budget;
      return withSinkOf(traced, out);
    };
    return waitFor<OrderState>({
      ...options,
      what: `order ${hash}`,
      poll: async (signal) => {
        const states = await statesOf(inner, [hash], pollOptions(signal));
        return (
          states.find((s) => s.hash.toLowerCase() === hash.toLowerCase()) ?? {
            hash,
            status: "Unknown",
            execution: [],
          }
        );
      },
      isDone: (s) => isFinalOrderStatus(s.status),
    });
  });
}

/** The platform fee for this order, in buy-token atomic units. Needs no signer. */
export function getOrderFee(
  core: TurbineExchangeCore,
  intent: OrderIntent,
  options?: RequestOptions,
): APIPromise<bigint> {
  return apiPromise(options, async (options) => {
    const inner = exchangeInternals(core);
    // A quote needs no signer: without one, the intent's own owner is taken as given.
    const { intent: quoted } = await checked(inner, intent, options, true);
    return inner.http.json(routes.orders.fee, {
      json: wireOrder(quoted),
      schema: bigintStringSchema(),
      auth: false,
      options,
    });
  });
}

/** Orders (`exchange.orders`): each method is the standalone operation of the same purpose. */
export class OrdersResource extends Resource<TurbineExchangeCore> {
  /** A validated OrderIntent (owner = signer, tokens from `/config`, random salt). Nothing is signed. */
  build(input: BuildOrderInput, options?: RequestOptions): APIPromise<OrderIntent> {
    return buildOrder(this.core, input, options);
  }
  /** Signs the Permit2 PermitSingle (smart orders: none) and posts `/add_order`. Never retried. */
  submit(intent: OrderIntent, options?: SubmitOptions): APIPromise<SubmittedOrder> {
    return submitOrder(this.core, intent, options);
  }
  /** Posts `/add_orders`; one result per input, in input order (`accepted`, `dropped` or `unknown`). */
  submitMany(intents: OrderIntent[], options?: SubmitManyOptions): APIPromise<SubmitManyResult[]> {
    return submitOrders(this.core, intents, options);
  }
  /** Ask to cancel an order; it goes `PendingCancellation`, then `Canceled` (or fills first). */
  cancel(orderHash: string, options?: RequestOptions): APIPromise<{ orderHash: string }> {
    return cancelOrder(this.core, orderHash, options);
  }
  /** Current state of each order (a read-only query: retried on transient failures). */
  states(orderHashes: string[], options?: RequestOptions): APIPromise<OrderState[]> {
    return getOrderStates(this.core, orderHashes, options);
  }
  /** Your orders, newest first, as a cursor paginator (lazy). */
  list(params?: ListOrdersParams, options?: RequestOptions): Paginator<ListedOrder, { cursor?: string }> {
    return listOrders(this.core, params, options);
  }
  /** Polls until the order reaches a final status (or `until`). */
  waitFor(orderHash: string, options?: WaitForOrderOptions & RequestOptions): APIPromise<OrderState> {
    return waitForOrder(this.core, orderHash, options);
  }
  /** The platform fee for this order, in buy-token atomic units. */
  fee(intent: OrderIntent, options?: RequestOptions): APIPromise<bigint> {
    return getOrderFee(this.core, intent, options);
  }
}

/** The server answered with a refusal, or the request never left: the order cannot exist. */
function surelyNotAccepted(error: unknown): boolean {
  if (error instanceof ApiError) return error.status < 500;
  return error instanceof InputValidationError || error instanceof ConfigMismatchError;
}

/** Annotations as the official client validates them: an object; `spreadAtSubmissionHbp` a non-negative integer. */
function checkAnnotations(value: unknown, field: string): OrderAnnotations | undefined {
  if (value === undefined) return undefined;
  const spread = optionalInt(
    requireObject(value, field).spreadAtSubmissionHbp,
    `${field}.spreadAtSubmissionHbp`,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  return spread === undefined ? {} : { spreadAtSubmissionHbp: spread };
}
