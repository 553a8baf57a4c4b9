import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { offsetPaginator } from "./paging.js";
import { routes } from "./routes.js";
import {
  type Activity,
  activitiesPageSchema,
  type BilledExecution,
  type Checkout,
  type CreditDetails,
  type Credits,
  checkoutSchema,
  creditDetailsSchema,
  creditsSchema,
  historyPageSchema,
  type Invoice,
  invoicesPageSchema,
  type VoucherValidation,
  voucherSchema,
} from "./schemas/billing.js";
import type { OffsetPage } from "./schemas/common.js";
import * as v from "./validate.js";

/** What `billing.checkout` sends: the credit amount to buy. */
export interface CheckoutInput {
  /** Credits to buy: a number or a decimal string (`"25.00"`). Sent as a JSON number (documented). */
  credits: string | number;
  /** Where the payment page sends the buyer afterwards. */
  successUrl: string;
  cancelUrl: string;
}

/** Paging of the billing lists. */
export interface BillingPageQuery {
  /** Items per request (default 50, at most 500). */
  pageSize?: number;
}

/** Credits, checkout, execution history, activities, invoices, vouchers. Money stays decimal strings. */
export class BillingResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Credits left, a decimal string (`credits`). */
  async credits(options?: RequestOptions): Promise<Credits> {
    return this.#http.json(routes.credits, { schema: creditsSchema(), options });
  }

  /** Credits broken down by source (purchased, granted, vouchers). */
  async creditDetails(options?: RequestOptions): Promise<CreditDetails> {
    return this.#http.json(routes.creditDetails, { schema: creditDetailsSchema(), options });
  }

  /**
   * Start a card payment: returns `{ checkout_url, session_id }` — send the buyer to the URL.
   * Never retried (a replay could open a second payment session).
   */
  async checkout(input: CheckoutInput, options?: RequestOptions): Promise<Checkout> {
    v.requireObject(input, "input");
    const body = {
      credits_amount: checkoutAmount(input.credits),
      success_url: v.url(input.successUrl, "successUrl"),
      cancel_url: v.url(input.cancelUrl, "cancelUrl"),
    };
    return this.#http.json(routes.checkout, { json: body, schema: checkoutSchema(), options });
  }

  /** Billed executions, newest first (`limit/offset`, lazy). */
  history(query: BillingPageQuery = {}, options?: RequestOptions): Paginator<BilledExecution, number> {
    return this.#paged(routes.billingHistory, historyPageSchema, query, options);
  }

  /** Account activity (credit purchases, grants, usage), across pages. */
  activities(query: BillingPageQuery = {}, options?: RequestOptions): Paginator<Activity, number> {
    return this.#paged(routes.billingActivities, activitiesPageSchema, query, options);
  }

  /** Invoices, across pages. */
  invoices(query: BillingPageQuery = {}, options?: RequestOptions): Paginator<Invoice, number> {
    return this.#paged(routes.invoices, invoicesPageSchema, query, options);
  }

  /**
   * Is this voucher code valid for this email? → `{ voucher_amount, error, valid?, voucher_id? }`
   * as documented, plus `isValid` (derived when `valid` is absent).
   */
  async validateVoucher(
    input: { email: string; code: string },
    options?: RequestOptions,
  ): Promise<VoucherValidation> {
    v.requireObject(input, "input");
    const body = { email: v.email(input.email), code: v.requireString(input.code, "code").trim() };
    return this.#http.json(routes.voucherValidate, { json: body, schema: voucherSchema(), options });
  }

  #paged<T>(
    route: Route,
    schema: () => Schema<OffsetPage<T>>,
    query: BillingPageQuery,
    options: RequestOptions | undefined,
  ): Paginator<T, number> {
    v.requireObject(query, "query");
    const limit = v.pageSize(query.pageSize, 50, 500);
    return offsetPaginator(limit, options, (l, offset) =>
      this.#http.json(route, { query: { limit: l, offset }, schema: schema(), options }),
    );
  }
}

/** `credits_amount` is a number in the docs: a positive amount with at most 2 decimals. */
function checkoutAmount(value: unknown): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0 || Math.round(value * 100) / 100 !== value)
      throw new InputValidationError("credits", "must be a positive amount with at most 2 decimals");
    return value;
  }
  return Number(v.amount(value, "credits"));
}
