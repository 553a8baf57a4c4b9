import * as z from "zod/mini";
import { decimalString, numberLike } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { idString, maybe, maybeTime, type OffsetPage, offsetPage } from "./common.js";

/** `GET /billing/credits`. Amounts are decimal strings: never cast them to floats. */
export interface Credits {
  /** Credits left (from `credits`, `available_credits` or `balance`, whichever the server sent). */
  credits: string;
  currency?: string | null | undefined;
  [key: string]: unknown;
}

/** `GET /billing/credits/details` (schema not public: every amount optional, all decimal strings). */
export interface CreditDetails {
  total_purchased?: string | null | undefined;
  total_used?: string | null | undefined;
  remaining?: string | null | undefined;
  free_credits?: string | null | undefined;
  currency?: string | null | undefined;
  [key: string]: unknown;
}

/** A checkout session: pay at `url` to buy credits. */
export interface Checkout {
  checkout_url: string;
  session_id?: string | null | undefined;
  [key: string]: unknown;
}

/**
 * One billed run in the billing history (`GET /billing/history`, api-reference
 * billing-credits/get-execution-history): `billed` is a number there.
 */
export interface BilledExecution {
  execution_id?: string | null | undefined;
  /** What the run cost, a number (a numeric string from the server is read as one). */
  billed?: number | null | undefined;
  execution_type?: string | null | undefined;
  hardware_profile?: string | null | undefined;
  status?: string | null | undefined;
  status_details?: unknown;
  file_name?: string | null | undefined;
  job_type?: string | null | undefined;
  parent_execution_id?: string | null | undefined;
  created_at?: Date | null | undefined;
  start_time?: Date | null | undefined;
  end_time?: Date | null | undefined;
  [key: string]: unknown;
}

/** One entry of the account activity. */
export interface Activity {
  id?: string | null | undefined;
  type?: string | null | undefined;
  description?: string | null | undefined;
  /** Decimal string. */
  amount?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** An invoice (api-reference billing-credits/get-invoices): the PDF link is `invoice_pdf`. */
export interface Invoice {
  id?: string | null | undefined;
  /** Decimal string. */
  amount?: string | null | undefined;
  /** Credits bought, a decimal string. */
  credits?: string | null | undefined;
  status?: string | null | undefined;
  invoice_pdf?: string | null | undefined;
  receipt_url?: string | null | undefined;
  payment_intent_id?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/**
 * `POST /voucher/validate` (api-reference voucher/validate-voucher): `{valid, voucher_id,
 * voucher_amount, error}`, where only `voucher_amount` and `error` are sure to come.
 */
export interface VoucherValidation {
  valid?: boolean | null | undefined;
  voucher_id?: string | null | undefined;
  /** What the voucher is worth, a decimal string. */
  voucher_amount?: string | null | undefined;
  /** Why the code is not valid. */
  error?: string | null | undefined;
  /** Derived: `valid` when sent, else true when there is no `error` and an amount. */
  isValid: boolean;
  [key: string]: unknown;
}

const id = () => idString();

/** @internal The response schema behind the type of the same name (validation only). */
export const creditsSchema = lazy(() =>
  shaped<Credits>()(
    z.pipe(
      z.looseObject({
        credits: maybe(decimalString()),
        available_credits: maybe(decimalString()),
        balance: maybe(decimalString()),
        currency: maybe(z.string()),
      }),
      z.transform((raw, ctx) => {
        const credits = raw.credits ?? raw.available_credits ?? raw.balance;
        if (credits == null) {
          ctx.issues.push({ code: "custom", message: "expected credits", input: raw });
          return z.NEVER;
        }
        return { ...raw, credits };
      }),
    ),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const creditDetailsSchema = lazy(() =>
  shaped<CreditDetails>()(
    z.looseObject({
      total_purchased: maybe(decimalString()),
      total_used: maybe(decimalString()),
      remaining: maybe(decimalString()),
      free_credits: maybe(decimalString()),
      currency: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const checkoutSchema = lazy(() =>
  shaped<Checkout>()(z.looseObject({ checkout_url: z.string(), session_id: maybe(z.string()) })),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const voucherSchema = lazy(() =>
  shaped<VoucherValidation>()(
    z.pipe(
      z.looseObject({
        valid: maybe(z.boolean()),
        voucher_id: maybe(id()),
        voucher_amount: maybe(decimalString()),
        error: maybe(z.string()),
      }),
      z.transform((raw) => ({
        ...raw,
        isValid: raw.valid ?? (raw.error == null && raw.voucher_amount != null),
      })),
    ),
  ),
);

/** A number the docs type as a number, read from a number or numeric text. */
const amountNumber = numberLike;

const execution = () =>
  z.looseObject({
    execution_id: maybe(id()),
    billed: maybe(amountNumber()),
    execution_type: maybe(z.string()),
    hardware_profile: maybe(z.string()),
    status: maybe(z.string()),
    file_name: maybe(z.string()),
    job_type: maybe(z.string()),
    parent_execution_id: maybe(id()),
    created_at: maybeTime(),
    start_time: maybeTime(),
    end_time: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const historyPageSchema = lazy(() =>
  shaped<OffsetPage<BilledExecution>>()(
    offsetPage(execution(), ["executions", "items"], ["total_executions", "total"]),
  ),
);

const activity = () =>
  z.looseObject({
    id: maybe(id()),
    type: maybe(z.string()),
    description: maybe(z.string()),
    amount: maybe(decimalString()),
    created_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const activitiesPageSchema = lazy(() =>
  shaped<OffsetPage<Activity>>()(
    offsetPage(activity(), ["activities", "items"], ["total_activities", "total"]),
  ),
);

const invoice = () =>
  z.looseObject({
    id: maybe(id()),
    amount: maybe(decimalString()),
    credits: maybe(decimalString()),
    status: maybe(z.string()),
    invoice_pdf: maybe(z.string()),
    receipt_url: maybe(z.string()),
    payment_intent_id: maybe(z.string()),
    created_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const invoicesPageSchema = lazy(() =>
  shaped<OffsetPage<Invoice>>()(offsetPage(invoice(), ["invoices", "items"], ["total_invoices", "total"])),
);
