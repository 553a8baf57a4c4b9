import { http } from "msw";
import type { SimDialect } from "../../dialect.js";
import { detail, invalid, json } from "../../kit/fastapi.js";
import type { Caller } from "../auth.js";
import { type SimEnv, type SimOrg, seedOrg } from "../state.js";
import { isoTime, money, offsetPage, toCents } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_CHECKOUT_CENTS = 1_000;

function orgOf(env: SimEnv, caller: Caller): SimOrg {
  return env.state.orgInfo.get(caller.org) ?? seedOrg(env.state, env.ctx, caller.org, 0);
}

/**
 * The documented item (api-reference billing-credits/get-execution-history): `billed` is a number;
 * the variant sends it as decimal text, drops optional fields, adds others.
 */
function executionItem(d: SimDialect, h: SimOrg["history"][number]) {
  return {
    execution_id: h.execution_id,
    billed: d.pick<number | string>(h.costCents / 100, money(h.costCents)),
    execution_type: d.pick<string | undefined>(h.hardware, undefined),
    hardware_profile: h.hardware,
    status: h.status,
    status_details: d.pick<string | null>(null, `exited after ${h.seconds}s`),
    file_name: d.pick<string | null | undefined>(null, undefined),
    job_type: d.pick<string | null>("python", "execution"),
    parent_execution_id: null,
    created_at: isoTime(h.at, "naive"),
    start_time: d.pick<string | null>(isoTime(h.at), null),
    end_time: isoTime(h.at + h.seconds * 1000, d.pick<"z" | "offset">("z", "offset")),
    ...(d.variant ? { metadata: { sim: true }, counts_as: "execution" } : {}),
  };
}

function activityItem(a: SimOrg["activities"][number]) {
  return {
    id: a.id,
    type: a.type,
    description: a.description,
    amount: a.cents === null ? null : money(a.cents),
    created_at: isoTime(a.at),
  };
}

/** Documented (api-reference billing-credits/get-invoices): the PDF is `invoice_pdf`. */
function invoiceItem(d: SimDialect, i: SimOrg["invoices"][number]) {
  return {
    id: d.pick<string | number>(i.id, Number.parseInt(i.id.replace(/\D/g, "").slice(0, 9) || "1", 10)),
    created_at: isoTime(i.at, d.pick<"z" | "naive">("z", "naive")),
    amount: d.pick<number | string>(i.cents / 100, money(i.cents)),
    credits: money(i.cents),
    status: i.status,
    invoice_pdf: `https://invoices.lyceum.technology/${i.id}.pdf`,
    receipt_url: d.pick<string | null>(`https://pay.stripe.com/receipts/${i.id}`, null),
    payment_intent_id: d.pick<string | undefined>(`pi_${i.number}`, undefined),
  };
}

/** Billing for the caller's org (the API key's org, X-Org-Slug, or the default). */
export function billingHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  const d = env.ctx.dialect;
  /** A `GET` of one of the org's billing lists: one `?limit=&offset=` page, rendered. */
  const orgList = <T>(
    path: string,
    list: (org: SimOrg) => T[],
    render: (page: T[], total: number) => unknown,
  ) =>
    http.get(
      `${base}${path}`,
      authed(({ request }, caller) => {
        const { page, total } = offsetPage(new URL(request.url), list(orgOf(env, caller)));
        return json(render(page, total));
      }),
    );
  return [
    http.get(
      `${base}/billing/credits`,
      authed((_a, caller) => json({ credits: money(orgOf(env, caller).balanceCents), currency: "EUR" })),
    ),
    http.get(
      `${base}/billing/credits/details`,
      authed((_a, caller) => {
        const org = orgOf(env, caller);
        const bought = org.transactions.filter((t) => t.cents > 0).reduce((a, t) => a + t.cents, 0);
        const used = org.transactions.filter((t) => t.cents < 0).reduce((a, t) => a - t.cents, 0);
        return json({
          total_purchased: money(bought),
          total_used: money(used),
          remaining: money(org.balanceCents),
          free_credits: "0.00",
          currency: "EUR",
        });
      }),
    ),
    http.post(
      `${base}/billing/checkout`,
      authedBody(async (check, _args, caller) => {
        const amount = check.required("credits_amount");
        check.string("success_url", { required: true, pattern: /^https?:\/\// });
        check.string("cancel_url", { required: true, pattern: /^https?:\/\// });
        if (check.failed) return check.failed;
        const cents = toCents(amount);
        if (cents === undefined)
          return invalid(["body", "credits_amount"], "Input should be a valid decimal", "decimal_parsing");
        if (cents < MIN_CHECKOUT_CENTS)
          return detail(400, `Minimum purchase is ${money(MIN_CHECKOUT_CENTS)} credits`);
        const session = `cs_sim_${env.id(12)}`;
        env.state.checkouts.set(session, { org: caller.org, cents, at: env.now() });
        return json({ checkout_url: `https://checkout.stripe.com/c/pay/${session}`, session_id: session });
      }),
    ),
    orgList(
      "/billing/history",
      (org) => org.history,
      (page, total) => ({
        executions: page.map((h) => executionItem(d, h)),
        total_credits_spent: null,
        total_executions: total,
      }),
    ),
    orgList(
      "/billing/activities",
      (org) => org.activities,
      (page, total) => ({
        activities: page.map(activityItem),
        total,
      }),
    ),
    orgList(
      "/billing/invoices",
      (org) => org.invoices,
      (page, total) => ({
        invoices: page.map((i) => invoiceItem(d, i)),
        total_invoices: total,
      }),
    ),
    http.post(
      `${base}/voucher/validate`,
      authedBody(async (check, _args) => {
        check.string("email", { required: true, pattern: EMAIL });
        const code = check.string("code", { required: true });
        if (check.failed) return check.failed;
        const cents = env.state.vouchers.get((code as string).toUpperCase());
        // Documented: `{valid, voucher_id, voucher_amount, error}`; the variant sends only the
        // two fields every answer has (`voucher_amount`, `error`).
        const answer = (valid: boolean, amount: string | null, error: string | null) =>
          json(
            d.pick<Record<string, unknown>>(
              {
                valid,
                voucher_id: valid ? `vch_${(code as string).toLowerCase()}` : null,
                voucher_amount: amount,
                error,
              },
              { voucher_amount: amount, error },
            ),
          );
        if (cents === undefined) return answer(false, null, "Invalid voucher code");
        if (cents === 0) return answer(false, null, "Voucher already redeemed");
        return answer(true, money(cents), null);
      }),
    ),
  ];
}
