import * as z from "zod/mini";
import { decimalString } from "../../core/codecs.js";
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

/** One billed run in the billing history (costs are decimal strings). */
export interface BilledExecution {
  execution_id: string;
  /** Decimal string. */
  cost?: string | null | undefined;
  hardware_profile?: string | null | undefined;
  duration_seconds?: number | null | undefined;
  status?: string | null | undefined;
  created_at?: Date | null | undefined;
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

/** An invoice. */
export interface Invoice {
  id: string;
  number?: string | null | undefined;
  /** Decimal string. */
  amount?: string | null | undefined;
  currency?: string | null | undefined;
  status?: string | null | undefined;
  pdf_url?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** Whether a voucher code is valid, and what it grants. */
export interface VoucherValidation {
  valid: boolean;
  /** Decimal string, when the voucher is worth credits. */
  credits?: string | null | undefined;
  message?: string | null | undefined;
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
    z.looseObject({
      valid: z.boolean(),
      credits: maybe(decimalString()),
      message: maybe(z.string()),
    }),
  ),
);

const execution = () =>
  z.looseObject({
    execution_id: id(),
    cost: maybe(decimalString()),
    hardware_profile: maybe(z.string()),
    duration_seconds: maybe(z.number()),
    status: maybe(z.string()),
    created_at: maybeTime(),
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
    id: id(),
    number: maybe(z.string()),
    amount: maybe(decimalString()),
    currency: maybe(z.string()),
    status: maybe(z.string()),
    pdf_url: maybe(z.string()),
    created_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const invoicesPageSchema = lazy(() =>
  shaped<OffsetPage<Invoice>>()(offsetPage(invoice(), ["invoices", "items"], ["total_invoices", "total"])),
);
