import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InternalServerError } from "../../src/core/errors.js";
import type { Route } from "../../src/core/routes.js";
import { routes } from "../../src/lyceum/routes.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");

describe("runs.abortWorkload (Workload Management)", () => {
  it("aborts a live run through /workloads/abort/{id}; it leaves the list of active runs", async () => {
    const run = await t.client().runs.python({ code: 'while True:\n  print("tick")', timeout: 600 });
    t.sim.clock.advance(5_000);
    expect((await t.client().runs.list().toArray()).map((w) => w.status)).toEqual(["running"]);
    const result = await t.client().runs.abortWorkload(run.execution_id);
    expect(result).toEqual({ execution_id: run.execution_id, aborted: true, message: null });
    expect(pathsOf(t.requests).at(-1)).toBe(`POST /workloads/abort/${run.execution_id}`);
    expect(await t.client().runs.list().toArray()).toEqual([]);
    expect((await t.client().runs.status(run.execution_id)).status).toBe("aborted");
  });

  it("reports (does not throw) a 404: not found or already stopped", async () => {
    const run = await t.client().runs.python({ code: 'print("quick")' });
    t.sim.clock.advance(60_000);
    const result = await t.client().runs.abortWorkload(run.execution_id);
    expect(result).toEqual({
      execution_id: run.execution_id,
      aborted: false,
      message: "Execution not found or already stopped",
    });
    expect((await t.client().runs.abortWorkload("nope")).aborted).toBe(false);
  });

  it("other errors are thrown, and the abort is never retried", async () => {
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/workloads/abort/:id`, () => {
        calls++;
        return HttpResponse.json({ detail: "oops" }, { status: 500 });
      }),
    );
    await expect(t.client().runs.abortWorkload("x")).rejects.toBeInstanceOf(InternalServerError);
    expect(calls).toBe(1);
    await expect(t.client().runs.abortWorkload("")).rejects.toMatchObject({ field: "id" });
  });
});

describe("quotas.userStatus", () => {
  it("reads /user/status as an open record", async () => {
    const status = await t.client().quotas.userStatus();
    expect(status).toMatchObject({ email: "ada@example.com", org_slug: "ada-lab", mfa_enabled: false });
    expect(pathsOf(t.requests)).toEqual(["GET /user/status"]);
  });
});

describe("route table", () => {
  it("marks only reads as replayable", () => {
    const replayablePosts = Object.entries(routes)
      .flatMap(([resource, verbs]) =>
        Object.entries(verbs as Record<string, Route>).map(
          ([verb, r]) => [`${resource}.${verb}`, r] as const,
        ),
      )
      .filter(([, r]) => r.method === "POST" && r.idempotent)
      .map(([name]) => name)
      .sort();
    expect(replayablePosts).toEqual(["apiKeys.validate", "billing.validateVoucher"]);
    expect(routes.deployments.list.path).toBe("/inference/deployments");
    expect(routes.invites.mine.path).toBe("/invites/mine");
  });
});
