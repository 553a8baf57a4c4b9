import type { APIPromise } from "../core/api-promise.js";
import { requireObject, requireString, requireUrl } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { httpOf, offsetPaginator, operation, pageSize, requireAmount, requireEmail } from "./internal.js";
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

/** Credits left, a decimal string (`credits`). */
export function getCredits(core: ClientCore, options?: RequestOptions): APIPromise<Credits> {
  return operation(core, options, (http, options) =>
    http.json(routes.billing.credits, { schema: creditsSchema(), options }),
  );
}

/** Credits broken down by source (purchased, granted, vouchers). */
export function getCreditDetails(core: ClientCore, options?: RequestOptions): APIPromise<CreditDetails> {
  return operation(core, options, (http, options) =>
    http.json(routes.billing.creditDetails, { schema: creditDetailsSchema(), options }),
  );
}

/**
 * Start a card payment: returns `{ checkout_url, session_id }` — send the buyer to the URL.
 * Never retried (a replay could open a second payment session).
 */
export function createCheckout(
  core: ClientCore,
  input: CheckoutInput,
  options?: RequestOptions,
): APIPromise<Checkout> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const body = {
      credits_amount: checkoutAmount(input.credits),
      success_url: requireUrl(input.successUrl, "successUrl", { allowHttp: true }),
      cancel_url: requireUrl(input.cancelUrl, "cancelUrl", { allowHttp: true }),
    };
    return http.json(routes.billing.checkout, { json: body, schema: checkoutSchema(), options });
  });
}

/** Billed executions, newest first (`limit/offset`, lazy). */
export function listBillingHistory(
  core: ClientCore,
  query: BillingPageQuery = {},
  options?: RequestOptions,
): Paginator<BilledExecution, number> {
  return paged(core, routes.billing.history, historyPageSchema, query, options);
}

/** Account activity (credit purchases, grants, usage), across pages. */
export function listBillingActivities(
  core: ClientCore,
  query: BillingPageQuery = {},
  options?: RequestOptions,
): Paginator<Activity, number> {
  return paged(core, routes.billing.activities, activitiesPageSchema, query, options);
}

/** Invoices, across pages. */
export function listInvoices(
  core: ClientCore,
  query: BillingPageQuery = {},
  options?: RequestOptions,
): Paginator<Invoice, number> {
  return paged(core, routes.billing.invoices, invoicesPageSchema, query, options);
}

/**
 * Is this voucher code valid for this email? → `{ voucher_amount, error, valid?, voucher_id? }`
 * as documented, plus `isValid` (derived when `valid` is absent).
 */
export function validateVoucher(
  core: ClientCore,
  input: { email: string; code: string },
  options?: RequestOptions,
): APIPromise<VoucherValidation> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const body = { email: requireEmail(input.email), code: requireString(input.code, "code").trim() };
    return http.json(routes.billing.validateVoucher, { json: body, schema: voucherSchema(), options });
  });
}

function paged<T>(
  core: ClientCore,
  route: Route,
  schema: () => Schema<OffsetPage<T>>,
  query: BillingPageQuery,
  options: RequestOptions | undefined,
): Paginator<T, number> {
  requireObject(query, "query");
  const limit = pageSize(query.pageSize, 50, 500);
  return offsetPaginator(limit, options, (l, offset) =>
    httpOf(core).json(route, { query: { limit: l, offset }, schema: schema(), options }),
  );
}

/** Credits, checkout, execution history, activities, invoices, vouchers. Money stays decimal strings. */
export class BillingResource extends Resource<ClientCore> {
  /** {@inheritDoc getCredits} */
  credits(options?: RequestOptions) {
    return getCredits(this.core, options);
  }
  /** {@inheritDoc getCreditDetails} */
  creditDetails(options?: RequestOptions) {
    return getCreditDetails(this.core, options);
  }
  /** {@inheritDoc createCheckout} */
  checkout(input: CheckoutInput, options?: RequestOptions) {
    return createCheckout(this.core, input, options);
  }
  /** {@inheritDoc listBillingHistory} */
  history(query?: BillingPageQuery, options?: RequestOptions) {
    return listBillingHistory(this.core, query, options);
  }
  /** {@inheritDoc listBillingActivities} */
  activities(query?: BillingPageQuery, options?: RequestOptions) {
    return listBillingActivities(this.core, query, options);
  }
  /** {@inheritDoc listInvoices} */
  invoices(query?: BillingPageQuery, options?: RequestOptions) {
    return listInvoices(this.core, query, options);
  }
  /** {@inheritDoc validateVoucher} */
  validateVoucher(input: { email: string; code: string }, options?: RequestOptions) {
    return validateVoucher(this.core, input, options);
  }
}

/** `credits_amount` is a number in the docs: a positive amount with at most 2 decimals. */
function checkoutAmount(value: unknown): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0 || Math.round(value * 100) / 100 !== value)
      throw new InputValidationError("credits", "must be a positive amount with at most 2 decimals");
    return value;
  }
  return Number(requireAmount(value, "credits"));
}
