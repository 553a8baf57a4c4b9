import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { jwtSession } from "../../src/auth/index.js";
import { BadRequestError, UnprocessableEntityError } from "../../src/core/errors.js";
import { DEFAULT_USER } from "../../src/testing/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");
const DECIMAL = /^-?\d+\.\d{2}$/;

describe("billing", () => {
  it("reads credits and details as decimal strings that agree with the org balance", async () => {
    const credits = await t.client().billing.credits();
    expect(credits.credits).toMatch(DECIMAL);
    expect(credits.currency).toBe("EUR");
    const details = await t.client().billing.creditDetails();
    expect(details.total_purchased).toBe("300.00");
    expect(details.remaining).toBe(credits.credits);
    expect((await t.client().orgs.balance("ada-lab")).balance).toBe(credits.credits);
  });

  it("accepts credits under other names and numbers (turned into text)", async () => {
    t.server.use(http.get(`${BASE}/billing/credits`, () => HttpResponse.json({ available_credits: 12.5 })));
    expect(await t.client().billing.credits()).toMatchObject({ credits: "12.5" });
  });

  it("follows the org of the request (X-Org-Slug on a session)", async () => {
    const session = t.client({
      auth: jwtSession({ credentials: { email: DEFAULT_USER.email, password: DEFAULT_USER.password } }),
      orgSlug: "shared-team",
    });
    const shared = await session.billing.credits();
    expect(shared.credits).toBe((await session.orgs.balance("shared-team")).balance);
  });

  it("opens a checkout with credits_amount as a JSON number (documented), and never retries it", async () => {
    const checkout = await t.client().billing.checkout({
      credits: "25.50",
      successUrl: "https://example.com/ok",
      cancelUrl: "https://example.com/cancel",
    });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      credits_amount: 25.5,
      success_url: "https://example.com/ok",
      cancel_url: "https://example.com/cancel",
    });
    expect(checkout.checkout_url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(checkout.session_id).toMatch(/^cs_sim_/);

    let calls = 0;
    t.server.use(
      http.post(`${BASE}/billing/checkout`, () => {
        calls++;
        return HttpResponse.json({ detail: "Bad gateway" }, { status: 502 });
      }),
    );
    await expect(
      t.client().billing.checkout({
        credits: 40,
        successUrl: "https://a.example/ok",
        cancelUrl: "https://a.example/no",
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(calls).toBe(1);
  });

  it("checks checkout inputs first; the server refuses less than the minimum", async () => {
    const ok = { successUrl: "https://a.example/ok", cancelUrl: "https://a.example/no" };
    await expect(t.client().billing.checkout({ ...ok, credits: 12.345 })).rejects.toMatchObject({
      field: "credits",
    });
    await expect(t.client().billing.checkout({ ...ok, credits: "1e3" })).rejects.toMatchObject({
      field: "credits",
    });
    await expect(t.client().billing.checkout({ ...ok, credits: "0" })).rejects.toMatchObject({
      field: "credits",
    });
    await expect(
      t.client().billing.checkout({ ...ok, credits: "10", successUrl: "ftp://x" }),
    ).rejects.toMatchObject({
      field: "successUrl",
    });
    expect(t.requests).toHaveLength(0);
    await expect(t.client().billing.checkout({ ...ok, credits: "5" })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  it("pages the execution history with limit/offset", async () => {
    const history = await t.client().billing.history({ pageSize: 5 }).toArray();
    expect(history).toHaveLength(12);
    expect(pathsOf(t.requests)).toEqual([
      "GET /billing/history",
      "GET /billing/history",
      "GET /billing/history",
    ]);
    expect(t.requests.map((r) => new URL(r.url).searchParams.get("offset"))).toEqual(["0", "5", "10"]);
    const first = history[0]!;
    expect(typeof first.billed).toBe("number");
    expect(first.billed).toBeGreaterThan(0);
    expect(first).not.toHaveProperty("cost");
    expect(first.created_at).toBeInstanceOf(Date); // naive timestamps read as UTC
    expect(history[0]!.created_at!.getTime()).toBeGreaterThan(history[11]!.created_at!.getTime());
  });

  it("reads the documented examples: billed (number), invoice_pdf, {voucher_amount, error}", async () => {
    // Shapes from the API reference pages: billing-credits/get-execution-history,
    // billing-credits/get-invoices and voucher/validate-voucher.
    t.server.use(
      http.get(`${BASE}/billing/history`, () =>
        HttpResponse.json({
          executions: [
            {
              execution_id: "e-1",
              created_at: "2026-03-01T10:00:00",
              execution_type: "gpu.a100",
              status: "completed",
              hardware_profile: "gpu.a100",
              status_details: null,
              local_imports: null,
              billed: 0.4213,
              execelet_start: null,
              start_time: "2026-03-01T10:00:05+00:00",
              end_time: "2026-03-01T10:16:00Z",
              finish_time: null,
              job_start: null,
              job_end: null,
              file_name: "train.py",
              errors_docker: null,
              parent_execution_id: null,
              job_type: "python",
              metadata: {},
            },
          ],
          total_executions: 1,
          total_credits_spent: 0.4213,
          limit: 50,
          offset: 0,
          counts_by_status: { completed: 1 },
        }),
      ),
      http.get(`${BASE}/billing/invoices`, () =>
        HttpResponse.json({
          invoices: [
            {
              id: "in_1",
              created_at: "2026-03-02T00:00:00Z",
              amount: 25,
              credits: 25,
              status: "paid",
              invoice_pdf: "https://pay.stripe.com/invoice/in_1/pdf",
              receipt_url: null,
              payment_intent_id: "pi_1",
            },
          ],
          total_invoices: 1,
        }),
      ),
      http.post(`${BASE}/voucher/validate`, () =>
        HttpResponse.json({ voucher_amount: null, error: "Invalid code" }),
      ),
    );
    const [run] = await t.client().billing.history().toArray();
    expect(run!.billed).toBe(0.4213);
    expect(run!.file_name).toBe("train.py");
    expect(run!.end_time).toEqual(new Date("2026-03-01T10:16:00Z"));
    const [invoice] = await t.client().billing.invoices().toArray();
    expect(invoice!.invoice_pdf).toBe("https://pay.stripe.com/invoice/in_1/pdf");
    expect(invoice!.amount).toBe("25");
    const voucher = await t.client().billing.validateVoucher({ email: "ada@example.com", code: "X" });
    expect(voucher).toEqual({ voucher_amount: null, error: "Invalid code", isValid: false });
  });

  it("stops on a short page even without a total", async () => {
    let calls = 0;
    t.server.use(
      http.get(`${BASE}/billing/invoices`, ({ request }) => {
        calls += 1;
        const offset = Number(new URL(request.url).searchParams.get("offset"));
        const items = offset === 0 ? [{ id: "in_1" }, { id: "in_2" }] : [{ id: "in_3" }];
        return HttpResponse.json(items);
      }),
    );
    const invoices = await t.client().billing.invoices({ pageSize: 2 }).toArray();
    expect(invoices.map((i) => i.id)).toEqual(["in_1", "in_2", "in_3"]);
    expect(calls).toBe(2);
  });

  it("lists invoices and activities", async () => {
    const invoices = await t.client().billing.invoices().toArray();
    expect(invoices).toHaveLength(3);
    expect(invoices[0]).toMatchObject({ amount: "100", credits: "100.00", status: "paid" });
    expect(invoices[0]!.invoice_pdf).toMatch(/^https:\/\/invoices\.lyceum\.technology\/in_\w+\.pdf$/);
    await t.client().orgs.invites.create("ada-lab", { email: "new@example.com" });
    const activities = await t.client().billing.activities({ pageSize: 2 }).toArray();
    expect(activities[0]).toMatchObject({ type: "invite_created", amount: null });
    expect(activities.filter((a) => a.type === "credit_purchase").map((a) => a.amount)).toEqual([
      "100.00",
      "100.00",
      "100.00",
    ]);
  });

  it("validates vouchers", async () => {
    const valid = await t.client().billing.validateVoucher({ email: "ada@example.com", code: "WELCOME50" });
    expect(valid).toEqual({
      valid: true,
      voucher_id: "vch_welcome50",
      voucher_amount: "50.00",
      error: null,
      isValid: true,
    });
    expect(
      await t.client().billing.validateVoucher({ email: "ada@example.com", code: "SPENT2025" }),
    ).toMatchObject({
      valid: false,
    });
    expect((await t.client().billing.validateVoucher({ email: "ada@example.com", code: "nope" })).valid).toBe(
      false,
    );
    await expect(t.client().billing.validateVoucher({ email: "ada", code: "X" })).rejects.toMatchObject({
      field: "email",
    });
  });

  it("surfaces a server 422 with its issues", async () => {
    t.server.use(
      http.get(`${BASE}/billing/history`, () =>
        HttpResponse.json(
          { detail: [{ loc: ["query", "limit"], msg: "too big", type: "less_than_equal" }] },
          { status: 422 },
        ),
      ),
    );
    const error = (await t
      .client()
      .billing.history()
      .toArray()
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.issues[0]).toMatchObject({ msg: "too big" });
  });
});
