// Issue 17, "the rule": answers a real TurbineX server may legally give (the docs are silent on
// every field beyond the seed) are read, not refused. Each case is one failure the issue names.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { JobFailedError } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { answerInstead, BASE, bearerClient } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX reads every legal answer (issue 17)", () => {
  it("a turbine without `kind`, with numeric sizes as text and an integer id", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/turbines/7`, () =>
        HttpResponse.json({ id: 7, name: "V90", rated_power_kw: "2000.5", demo_derived: 0, vendor: "acme" }),
      ),
    );
    const turbine = await tx.turbines.get("7");
    expect(turbine).toEqual({
      id: "7",
      name: "V90",
      kind: null,
      demo_derived: false,
      rated_power_kw: 2000.5,
      rotor_diameter_m: null,
      hub_height_m: null,
      config: {},
      created_at: null,
      updated_at: null,
      vendor: "acme",
    });
  });

  it("a study with `share: null` reads as not shared; a share without `enabled` is on when it has a token", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/studies/1`, () => HttpResponse.json({ id: 1, name: "s", share: null })),
      http.get(`${BASE}/studies/2`, () =>
        HttpResponse.json({ id: "2", name: "t", share: { token: "tok", url: null } }),
      ),
    );
    const first = await tx.studies.get("1");
    expect(first.id).toBe("1");
    expect(first.share).toEqual({ enabled: false, token: null, url: null });
    expect(first.description).toBeNull();
    expect((await tx.studies.get("2")).share).toEqual({ enabled: true, token: "tok", url: null });
  });

  it("integer ids everywhere are read as strings (jobs, their turbine and study, pages)", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/jobs`, () =>
        HttpResponse.json({
          items: [{ id: 42, status: "queued", turbine_id: 3, study_id: 9, created_at: 1767322800 }],
          total: "1",
          page: 1,
          page_size: 50,
          total_pages: 1,
        }),
      ),
    );
    const jobs = await tx.jobs.list().toArray();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ id: "42", turbine_id: "3", study_id: "9", status: "queued" });
    expect(jobs[0]?.created_at?.toISOString()).toBe("2026-01-02T03:00:00.000Z");
  });

  it("an id past 2^53 sent as a JSON number reads exactly, as its digits (the JSON reader keeps them)", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(
        `${BASE}/jobs/1`,
        () =>
          new HttpResponse('{"id": 1152921504606846977, "status": "queued"}', {
            headers: { "content-type": "application/json" },
          }),
      ),
    );
    const job = await tx.jobs.get("1");
    expect(job.id).toBe("1152921504606846977");
  });

  it("decimal-string money and counts in usage read as numbers", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/usage`, () =>
        HttpResponse.json({
          tokens_used: "1500",
          token_cap: null,
          spend_usd: "12.50",
          spend_cap_usd: "100.00",
          period_start: "2026-01-01",
        }),
      ),
    );
    const usage = await tx.usage.get();
    expect(usage).toMatchObject({ tokens_used: 1500, token_cap: null, spend_usd: 12.5, spend_cap_usd: 100 });
    expect(usage.period_start?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(usage.period_end).toBeNull();
  });

  it("`me` without top-level verified/plan finds them nested or alternatively named", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/auth/me`, () =>
        HttpResponse.json({ id: 5, email: "a@b.c", email_verified: true, org: { id: 2, plan: "pro" } }),
      ),
    );
    const me = await tx.auth.me();
    expect(me).toMatchObject({
      id: "5",
      email: "a@b.c",
      verified: true,
      plan: "pro",
      org_id: null,
      role: null,
    });
    t.server.use(http.get(`${BASE}/auth/me`, () => HttpResponse.json({ id: "u1" })));
    expect(await tx.auth.me()).toMatchObject({ id: "u1", verified: null, plan: null });
  });

  it("a job that reports `completed` ends the wait at once (no 30-minute run to the timeout)", async () => {
    const tx = await bearerClient(t, "owner");
    // The first poll says running, every later one completed.
    answerInstead(t, "get", "/jobs/j1", () =>
      HttpResponse.json({ id: "j1", status: t.requests.length < 2 ? "running" : "completed" }),
    );
    const job = await tx.jobs.waitFor("j1", { intervalMs: 1, timeoutMs: 2_000 });
    expect(job.status).toBe("completed");
    expect(t.requests.paths()).toEqual(["GET /jobs/j1", "GET /jobs/j1"]);
  });

  it("a job that reports `errored` rejects with JobFailedError carrying its error text (an object kept as JSON)", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(
      http.get(`${BASE}/jobs/j2`, () =>
        HttpResponse.json({ id: "j2", status: "errored", error: { message: "mesh diverged" } }),
      ),
    );
    const error = await tx.jobs.waitFor("j2", { intervalMs: 1, timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).errorText).toBe('{"message":"mesh diverged"}');
  });

  it("caller-given finalStates end a job wait on a word nobody documented", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(http.get(`${BASE}/jobs/j3`, () => HttpResponse.json({ id: "j3", status: "archived" })));
    const job = await tx.jobs.waitFor("j3", { intervalMs: 1, timeoutMs: 2_000, finalStates: ["archived"] });
    expect(job.status).toBe("archived");
  });

  it("a report that says `done` ends its wait (integer id read as text, study_id absent)", async () => {
    const tx = await bearerClient(t, "owner");
    t.server.use(http.get(`${BASE}/reports/r1`, () => HttpResponse.json({ id: 1, status: "done" })));
    expect(await tx.reports.waitFor("r1", { intervalMs: 1, timeoutMs: 2_000 })).toEqual({
      id: "1",
      status: "done",
      study_id: null,
    });
  });
});
