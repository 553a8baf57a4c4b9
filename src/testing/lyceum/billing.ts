import { http } from "msw";
import { authed, type Caller } from "./auth.js";
import { BodyCheck, detail, type Issue, isRecord, ok, readJson, unprocessable } from "./http.js";
import { pageOf } from "./orgs.js";
import { isoTime, money, type SimEnv, type SimOrg, seedOrg, toCents } from "./state.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_CHECKOUT_CENTS = 1_000;

function orgOf(env: SimEnv, caller: Caller): SimOrg {
  return env.state.orgInfo.get(caller.org) ?? seedOrg(env.state, env.ctx, caller.org, 0);
}

function paged<T>(request: Request, items: T[], render: (page: T[], total: number) => unknown): Response {
  const issues: Issue[] = [];
  const { page, total } = pageOf(new URL(request.url), items, issues);
  return issues.length ? unprocessable(issues) : ok(render(page, total));
}

/** Billing for the caller's org (the API key's org, X-Org-Slug, or the default). */
export function billingHandlers(base: string, env: SimEnv) {
  return [
    http.get(
      `${base}/billing/credits`,
      authed(env, (_a, caller) => ok({ credits: money(orgOf(env, caller).balanceCents), currency: "EUR" })),
    ),
    http.get(
      `${base}/billing/credits/details`,
      authed(env, (_a, caller) => {
        const org = orgOf(env, caller);
        const bought = org.transactions.filter((t) => t.cents > 0).reduce((a, t) => a + t.cents, 0);
        const used = org.transactions.filter((t) => t.cents < 0).reduce((a, t) => a - t.cents, 0);
        return ok({
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
      authed(env, async ({ request }, caller) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        const amount = check.required("credits_amount");
        check.string("success_url", { required: true, pattern: /^https?:\/\// });
        check.string("cancel_url", { required: true, pattern: /^https?:\/\// });
        if (check.failed) return check.failed;
        const cents = toCents(amount);
        if (cents === undefined)
          return unprocessable([
            {
              loc: ["body", "credits_amount"],
              msg: "Input should be a valid decimal",
              type: "decimal_parsing",
            },
          ]);
        if (cents < MIN_CHECKOUT_CENTS)
          return detail(400, `Minimum purchase is ${money(MIN_CHECKOUT_CENTS)} credits`);
        const session = `cs_sim_${env.id(12)}`;
        env.state.checkouts.set(session, { org: caller.org, cents, at: env.now() });
        return ok({ checkout_url: `https://checkout.stripe.com/c/pay/${session}`, session_id: session });
      }),
    ),
    http.get(
      `${base}/billing/history`,
      authed(env, ({ request }, caller) =>
        paged(request, orgOf(env, caller).history, (page, total) => ({
          executions: page.map((h) => ({
            execution_id: h.execution_id,
            cost: money(h.costCents),
            hardware_profile: h.hardware,
            duration_seconds: h.seconds,
            status: h.status,
            created_at: isoTime(h.at, "naive"),
          })),
          total_executions: total,
        })),
      ),
    ),
    http.get(
      `${base}/billing/activities`,
      authed(env, ({ request }, caller) =>
        paged(request, orgOf(env, caller).activities, (page, total) => ({
          activities: page.map((a) => ({
            id: a.id,
            type: a.type,
            description: a.description,
            amount: a.cents === null ? null : money(a.cents),
            created_at: isoTime(a.at),
          })),
          total,
        })),
      ),
    ),
    http.get(
      `${base}/billing/invoices`,
      authed(env, ({ request }, caller) =>
        paged(request, orgOf(env, caller).invoices, (page, total) => ({
          invoices: page.map((i) => ({
            id: i.id,
            number: i.number,
            amount: money(i.cents),
            currency: "EUR",
            status: i.status,
            pdf_url: `https://invoices.lyceum.technology/${i.id}.pdf`,
            created_at: isoTime(i.at),
          })),
          total_invoices: total,
        })),
      ),
    ),
    http.post(
      `${base}/voucher/validate`,
      authed(env, async ({ request }) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        check.string("email", { required: true, pattern: EMAIL });
        const code = check.string("code", { required: true });
        if (check.failed) return check.failed;
        const cents = env.state.vouchers.get((code as string).toUpperCase());
        if (cents === undefined) return ok({ valid: false, message: "Invalid voucher code" });
        if (cents === 0) return ok({ valid: false, message: "Voucher already redeemed" });
        return ok({ valid: true, credits: money(cents), message: "Voucher is valid" });
      }),
    ),
  ];
}
