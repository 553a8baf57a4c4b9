import type { Address, Hex } from "viem";
import { ApiError, ConfigMismatchError, InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { nextByCursor, Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import type { ExchangeContext } from "./context.js";
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

/** Options of `orders.waitFor`: `onProgress`, `timeoutMs`, `signal`, poll intervals, `until`. */
export interface WaitForOrderOptions extends WaitOptions<OrderState> {
  /** Done when this says so (default: a final status — Filled, Canceled, Expired, Invalid, Incompatible). */
  until?: (state: OrderState) => boolean;
}

interface SignedOrderBody {
  order: WireOrder;
  signedPermit?: { signature: WirePermitSignature; permit: ReturnType<typeof wirePermitSingle> };
  annotations?: OrderAnnotations;
}

/** Orders (`exchange.orders`). */
export interface OrdersResource {
  /** A validated OrderIntent (owner = signer, tokens from `/config`, random salt). Nothing is signed. */
  build(input: BuildOrderInput, options?: RequestOptions): Promise<OrderIntent>;
  /** Signs the Permit2 PermitSingle (smart orders: none) and posts `/add_order`. Never retried. */
  submit(intent: OrderIntent, options?: SubmitOptions): Promise<SubmittedOrder>;
  /**
   * Posts `/add_orders`; one result per input, in input order, even when the server silently drops
   * some: `accepted`, `dropped`, or `unknown` (could not be matched; carries the unmatched hashes).
   */
  submitMany(intents: OrderIntent[], options?: SubmitManyOptions): Promise<SubmitManyResult[]>;
  /** Ask to cancel an order; it goes `PendingCancellation`, then `Canceled` (or fills first). */
  cancel(orderHash: string, options?: RequestOptions): Promise<{ orderHash: string }>;
  /** Current state of each order (a read-only query: retried on transient failures). */
  states(orderHashes: string[], options?: RequestOptions): Promise<OrderState[]>;
  /** Your orders, newest first, as a cursor paginator (lazy). */
  list(params?: ListOrdersParams, options?: RequestOptions): Paginator<ListedOrder, { cursor?: string }>;
  /** Polls until the order reaches a final status (or `until`). */
  waitFor(orderHash: string, options?: WaitForOrderOptions & RequestOptions): Promise<OrderState>;
  /** The platform fee for this order, in buy-token atomic units. */
  fee(intent: OrderIntent, options?: RequestOptions): Promise<bigint>;
}

export function createOrders(ctx: ExchangeContext): OrdersResource {
  const nowSecs = () => Math.floor(ctx.now() / 1000);

  async function checked(intent: OrderIntent, options: RequestOptions | undefined, anyOwner = false) {
    const config = await ctx.config(options);
    const owner = anyOwner
      ? (ctx.maybeSigner()?.address ?? ((intent?.owner ?? "") as Address))
      : ctx.signer().address;
    return {
      config,
      intent: checkIntent(intent, { config, owner, nowSecs: nowSecs(), fieldPrefix: "intent." }),
    };
  }

  async function signBody(
    intent: OrderIntent,
    config: ExchangeConfig,
    options: Pick<SubmitOptions, "permitAmount"> | undefined,
    annotations: OrderAnnotations | undefined,
  ): Promise<{ body: SignedOrderBody; nonce: bigint | undefined }> {
    const order = wireOrder(intent);
    const extra = annotations === undefined ? {} : { annotations };
    if (isSmartOrder(intent)) return { body: { order, ...extra }, nonce: undefined };
    const amount = options?.permitAmount ?? MAX_UINT160;
    if (typeof amount !== "bigint" || amount <= 0n || amount > MAX_UINT160) {
      throw new InputValidationError("permitAmount", "must be a bigint in [1, 2^160 - 1]");
    }
    const spender = config.turbineSettlerAddress as Address;
    const nonce = await ctx.allocatePermit2Nonce(intent.sellToken, spender);
    const values: PermitSingleValues = {
      token: intent.sellToken,
      amount,
      expiration: intent.endTime,
      nonce,
      spender,
      sigDeadline: BigInt(intent.endTime),
    };
    try {
      const signature = await ctx.signer().signTypedData(permitSingleTypedData(ctx.chainId, values));
      return {
        body: {
          order,
          signedPermit: { signature: permitSignatureForm(signature), permit: wirePermitSingle(values) },
          ...extra,
        },
        nonce,
      };
    } catch (error) {
      ctx.releasePermit2Nonce(intent.sellToken, nonce);
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

  async function queryPage(
    query: { hashes: string[]; statuses: string[]; cursor: string | undefined; limit: number | undefined },
    options: RequestOptions | undefined,
  ): Promise<OrdersPage> {
    let page: { orders: ListedOrder[]; cursor?: string | null; hasMore?: boolean | null };
    if (ctx.envelopes) {
      page = await ctx.envelopes.call(
        routes.eip712.orders,
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
      page = await ctx.http.json(routes.orders, {
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

  async function statesOf(hashes: string[], options: RequestOptions | undefined): Promise<OrderState[]> {
    if (!ctx.envelopes) {
      return ctx.http.json(routes.orderStates, {
        json: { orderHashes: hashes },
        schema: orderStatesSchema(),
        options,
      });
    }
    const out: OrderState[] = [];
    for (let i = 0; i < hashes.length; i += MAX_HASHES_PER_QUERY) {
      const chunk = hashes.slice(i, i + MAX_HASHES_PER_QUERY);
      const page = await queryPage(
        { hashes: chunk, statuses: [], cursor: undefined, limit: MAX_LIST_LIMIT },
        options,
      );
      out.push(...page.orders);
    }
    return out;
  }

  /**
   * The orders `/orders` lists for the returned hashes (≤ 30 per query). A failing read does not
   * throw: the batch was accepted, so what was read so far is kept and the failure reported.
   */
  async function listReturned(
    hashes: string[],
    options: RequestOptions | undefined,
  ): Promise<{ listed: ListedOrder[]; failure?: unknown }> {
    const listed: ListedOrder[] = [];
    try {
      for (let i = 0; i < hashes.length; i += MAX_HASHES_PER_QUERY) {
        const chunk = hashes.slice(i, i + MAX_HASHES_PER_QUERY);
        const page = await queryPage(
          { hashes: chunk, statuses: [], cursor: undefined, limit: MAX_LIST_LIMIT },
          options,
        );
        listed.push(...page.orders);
      }
      return { listed };
    } catch (failure) {
      return { listed, failure };
    }
  }

  function checkHashes(hashes: unknown, field: string, max?: number): string[] {
    if (!Array.isArray(hashes)) throw new InputValidationError(field, "must be an array of order hashes");
    if (max !== undefined && hashes.length > max) {
      throw new InputValidationError(field, `at most ${max} hashes per query`);
    }
    return hashes.map((h, i) => checkHash(h, `${field}[${i}]`));
  }

  const resource: OrdersResource = {
    async build(input, options) {
      const config = await ctx.config(options);
      return buildIntent(input, { config, owner: ctx.signer().address, nowSecs: nowSecs() });
    },

    async submit(raw, options) {
      const { config, intent } = await checked(raw, options);
      const annotations = checkAnnotations(options?.annotations, "annotations");
      const { body, nonce } = await signBody(intent, config, options, annotations);
      try {
        const { message, payload } = eip712Payload(body, intent);
        const result = await ctx.send({
          schema: orderHashSchema(),
          options,
          session: { route: routes.addOrder, json: body },
          eip712: { route: routes.eip712.addOrder, primaryType: "AddOrder", message, payload },
        });
        return { orderHash: result.orderHash as Hex, intent, permitNonce: nonce };
      } catch (error) {
        // Give the Permit2 nonce back only when the order surely was not taken: the server refused
        // it (4xx) or nothing was sent. After a lost or unreadable answer (connection cut, timeout,
        // malformed body, 5xx) the order may be live, and re-signing its nonce would collide.
        if (nonce !== undefined && surelyNotAccepted(error)) ctx.releasePermit2Nonce(intent.sellToken, nonce);
        if (error instanceof MinimumOrderSizeError && config.minTradeSizeUsdc != null) {
          error.minTradeSizeUsdc = String(config.minTradeSizeUsdc);
        }
        throw error;
      }
    },

    async submitMany(raw, options) {
      if (!Array.isArray(raw) || raw.length === 0) {
        throw new InputValidationError("intents", "must be a non-empty array of OrderIntents");
      }
      const config = await ctx.config(options);
      const owner = ctx.signer().address;
      const now = nowSecs();
      // Every intent is checked before anything is signed.
      const intents = raw.map((intent, i) =>
        checkIntent(intent, { config, owner, nowSecs: now, fieldPrefix: `intents[${i}].` }),
      );
      const given = options?.annotations;
      if (given !== undefined && (!Array.isArray(given) || given.length !== intents.length)) {
        throw new InputValidationError(
          "annotations",
          `must be an array of ${intents.length} entries, one per intent`,
        );
      }
      const annotations = intents.map((_, i) => checkAnnotations(given?.[i], `annotations[${i}]`));
      const salts = new Set<string>();
      for (const [i, intent] of intents.entries()) {
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
          if (nonce !== undefined && which(i)) ctx.releasePermit2Nonce(intents[i]!.sellToken, nonce);
        }
      };
      try {
        for (const [i, intent] of intents.entries()) {
          signed.push(await signBody(intent, config, options, annotations[i]));
        }
      } catch (error) {
        release(); // the wallet refused one: nothing was sent
        throw error;
      }

      const forms = intents.map((intent, i) => eip712Payload(signed[i]!.body, intent));
      let hashes: string[];
      try {
        // EIP-712: a bare array of AddOrder envelopes, one nonce each (there is no batch type).
        const answer = ctx.envelopes
          ? await ctx.envelopes.callMany(
              routes.eip712.addOrders,
              "AddOrder",
              forms,
              orderHashesSchema(),
              options,
            )
          : await ctx.http.json(routes.addOrders, {
              json: signed.map((s) => s.body),
              schema: orderHashesSchema(),
              options,
            });
        hashes = answer.map((r) => r.orderHash);
      } catch (error) {
        // As for one order: only a batch surely refused as a whole gives its nonces back.
        if (surelyNotAccepted(error)) release();
        throw error;
      }

      const nonces = signed.map((s) => s.nonce);
      if (hashes.length === intents.length) {
        return intents.map((intent, index) => ({
          ok: true as const,
          outcome: "accepted" as const,
          index,
          orderHash: hashes[index] as Hex,
          intent,
          permitNonce: nonces[index],
        }));
      }
      const { listed, failure } = hashes.length === 0 ? { listed: [] } : await listReturned(hashes, options);
      const results = matchBatch(intents, nonces, hashes, listed, failure);
      // A surely dropped order's nonce goes back (when it is still its token's latest).
      release((i) => results[i]!.outcome === "dropped");
      return results;
    },

    async cancel(orderHash, options) {
      const hash = checkHash(orderHash, "orderHash");
      return ctx.send({
        schema: orderHashSchema(),
        options,
        session: { route: routes.cancelOrder, json: { orderHash: hash } },
        eip712: {
          route: routes.eip712.cancelOrder,
          primaryType: "CancelOrder",
          message: { orderHash: hash },
          payload: { orderHash: hash },
        },
      });
    },

    async states(orderHashes, options) {
      const hashes = checkHashes(orderHashes, "orderHashes");
      if (hashes.length === 0) return [];
      return statesOf(hashes, options);
    },

    list(params = {}, options) {
      const hashes =
        params.hashes === undefined ? [] : checkHashes(params.hashes, "hashes", MAX_HASHES_PER_QUERY);
      const statuses = params.statuses ?? [];
      if (!Array.isArray(statuses)) throw new InputValidationError("statuses", "must be an array");
      for (const [i, s] of statuses.entries()) {
        if (typeof s !== "string" || s === "" || s.includes(",")) {
          throw new InputValidationError(`statuses[${i}]`, "must be a non-empty status without commas");
        }
      }
      const limit = params.limit;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)) {
        throw new InputValidationError("limit", `must be an integer in [1, ${MAX_LIST_LIMIT}]`);
      }
      if (params.cursor !== undefined && (typeof params.cursor !== "string" || params.cursor === "")) {
        throw new InputValidationError("cursor", "must be a non-empty string");
      }
      return new Paginator<ListedOrder, { cursor?: string }>({
        first: params.cursor === undefined ? {} : { cursor: params.cursor },
        maxPages: params.maxPages,
        signal: options?.signal,
        fetchPage: async (state) => {
          const page = await queryPage({ hashes, statuses, cursor: state.cursor, limit }, options);
          const next = nextByCursor(page.cursor, page.hasMore);
          return { items: page.orders, next: next === undefined ? undefined : { cursor: next } };
        },
      });
    },

    async waitFor(orderHash, options = {}) {
      const hash = checkHash(orderHash, "orderHash");
      const until = options.until ?? ((s: OrderState) => isFinalOrderStatus(s.status));
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
        return out;
      };
      return waitFor<OrderState>({
        ...options,
        what: `order ${hash}`,
        poll: async (signal) => {
          const states = await statesOf([hash], pollOptions(signal));
          return (
            states.find((s) => s.hash.toLowerCase() === hash.toLowerCase()) ?? {
              hash,
              status: "Unknown",
              execution: [],
            }
          );
        },
        isDone: until,
      });
    },

    async fee(raw, options) {
      // A quote needs no signer: without one, the intent's own owner is taken as given.
      const { intent } = await checked(raw, options, true);
      return ctx.http.json(routes.orderFees, {
        json: wireOrder(intent),
        schema: bigintStringSchema(),
        auth: false,
        options,
      });
    },
  };
  return resource;
}

/** The server answered with a refusal, or the request never left: the order cannot exist. */
function surelyNotAccepted(error: unknown): boolean {
  if (error instanceof ApiError) return error.status < 500;
  return error instanceof InputValidationError || error instanceof ConfigMismatchError;
}

/** Annotations as the official client validates them: an object; `spreadAtSubmissionHbp` a non-negative integer. */
function checkAnnotations(value: unknown, field: string): OrderAnnotations | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputValidationError(field, "must be an object");
  }
  const spread = (value as OrderAnnotations).spreadAtSubmissionHbp;
  if (spread === undefined) return {};
  if (typeof spread !== "number" || !Number.isSafeInteger(spread) || spread < 0) {
    throw new InputValidationError(`${field}.spreadAtSubmissionHbp`, "must be a non-negative integer");
  }
  return { spreadAtSubmissionHbp: spread };
}
