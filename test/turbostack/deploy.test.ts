import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import {
  AbortedError,
  ConflictError,
  InputValidationError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from "../../src/index.js";
import { DeployFailedError, type DeployStatus } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("deploy", () => {
  test("the type is checked before sending", async () => {
    const ts = client();
    const before = t.requests.length;
    for (const bad of [undefined, {}, { type: "redeploy" }, { type: 1 }, "deploy"]) {
      const error = await ts.hosts.deploy(110, bad as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
    }
    expect(t.requests.length).toBe(before);
  });

  test("fullResetDeploy is refused without { confirm: 'DELETE' }", async () => {
    const ts = client();
    const before = t.requests.length;
    for (const options of [{ type: "fullResetDeploy" }, { type: "fullResetDeploy", confirm: "yes" }]) {
      const error = await ts.hosts.deploy(110, options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe("confirm");
      expect((error as Error).message).toContain("deletes and rebuilds");
    }
    expect(t.requests.length).toBe(before);
    const started = await ts.hosts.deploy(110, { type: "fullResetDeploy", confirm: "DELETE" });
    expect(started.type).toBe("fullResetDeploy");
    expect(started.status).toBe("queued");
  });

  test("deploy sends {type}, answers a queued deployment that progresses over simulated time", async () => {
    const ts = client();
    const started = await ts.hosts.deploy(111, { type: "deploy" });
    expect(t.requests.paths()).toEqual(["POST /api/v1/hosts/111/deploy"]);
    expect(JSON.parse(t.requests[0]?.body ?? "")).toEqual({ type: "deploy" });
    expect(started).toMatchObject({ host_id: 111, type: "deploy", status: "queued", done: false });
    expect(started.id).toBeTypeOf("number");

    t.sim.clock.advance(2_500);
    const running = await ts.hosts.deployStatus(111);
    expect(running.status).toBe("running");
    expect(running.id).toBe(started.id);
    expect(running.started_at).toBeInstanceOf(Date);
    expect(running.message).toBe("preparing");

    t.sim.clock.advance(20_000);
    const finished = await ts.hosts.deployStatus(111);
    expect(finished).toMatchObject({ status: "finished", done: true, outcome: "succeeded", progress: 100 });
    expect(finished.finished_at).toBeInstanceOf(Date);
  });

  test("a second deploy while one runs is a 409 ConflictError; an inactive host is a 422", async () => {
    const ts = client();
    await ts.hosts.deploy(112, { type: "fullDeploy" });
    await expect(ts.hosts.deploy(112, { type: "deploy" })).rejects.toBeInstanceOf(ConflictError);
    await expect(ts.hosts.deploy(107, { type: "deploy" })).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  test("a deploy POST that fails with 503 is never retried", async () => {
    t.sim.faults.configure({ script: ["error5xx"], match: (r) => r.method === "POST" });
    const error = await client({ maxRetries: 5 })
      .hosts.deploy(113, { type: "deploy" })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(503);
    // Sent once, answered by the injected fault before the route, and not sent again.
    expect(t.sim.faults.counts.error5xx).toBe(1);
    expect(t.requests.paths()).toEqual(["POST /api/v1/hosts/113/deploy"]);
    expect(t.provider.state.latestDeployment(113)?.type).toBe("fullDeploy");
  });

  test("a deploy status GET that fails with 503 is retried", async () => {
    t.sim.faults.configure({ script: ["error5xx"], match: (r) => r.method === "GET" });
    const faultsBefore = t.sim.faults.counts.error5xx;
    const status = await client().hosts.deployStatus(113);
    expect(status.status).toBe("finished");
    expect(t.sim.faults.counts.error5xx - faultsBefore).toBe(1);
  });
});

describe("waitForDeploy", () => {
  test("polls until final, reporting every status", async () => {
    const ts = client();
    const started = await ts.hosts.deploy(118, { type: "deploy" });
    const seen: string[] = [];
    const final = await ts.hosts.waitForDeploy(118, {
      intervalMs: 1,
      deploymentId: started.id,
      onProgress: (status) => {
        seen.push(status.status);
        t.sim.clock.advance(5_000);
      },
    });
    expect(final.outcome).toBe("succeeded");
    expect(final.id).toBe(started.id);
    expect(seen[0]).toBe("queued");
    expect(seen).toContain("running");
    expect(seen.at(-1)).toBe("finished");
  });

  test("a failed deployment is returned, or thrown with throwOnFailure", async () => {
    const ts = client();
    t.provider.state.failNextDeploy(115);
    await ts.hosts.deploy(115, { type: "deploy" });
    t.sim.clock.advance(60_000);
    const final = await ts.hosts.waitForDeploy(115, { intervalMs: 1 });
    expect(final).toMatchObject({ status: "failed", outcome: "failed", done: true });
    expect(final.message).toContain("nginx");

    t.provider.state.failNextDeploy(115);
    await ts.hosts.deploy(115, { type: "deploy" });
    t.sim.clock.advance(60_000);
    const error = await ts.hosts.waitForDeploy(115, { intervalMs: 1, throwOnFailure: true }).catch((e) => e);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).deployment.status).toBe("failed");
  });

  test("unknown status strings count as still running", async () => {
    const statuses = ["provisioning", "SOMETHING_NEW", "Completed"];
    server.use(
      http.get(`${API}/hosts/:id/deploy`, () =>
        HttpResponse.json({ status: statuses.shift() ?? "Completed" }),
      ),
    );
    const seen: DeployStatus[] = [];
    const final = await client().hosts.waitForDeploy(116, { intervalMs: 1, onProgress: (s) => seen.push(s) });
    expect(seen.map((s) => s.status)).toEqual(["provisioning", "SOMETHING_NEW", "Completed"]);
    expect(seen.map((s) => s.done)).toEqual([false, false, true]);
    expect(final.outcome).toBe("succeeded");
  });

  test("an older final deployment does not end the wait for a newer one", async () => {
    const answers = [
      { data: { id: 1, status: "finished" } },
      { data: { id: 2, status: "running" } },
      { data: { id: 2, status: "failed" } },
    ];
    server.use(http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json(answers.shift() ?? null)));
    const final = await client().hosts.waitForDeploy(116, { intervalMs: 1, deploymentId: 2 });
    expect(final).toMatchObject({ id: 2, status: "failed" });
  });

  test("deploy status shapes: bare string, {state}, numeric text progress, nothing", async () => {
    const answers: unknown[] = ["running", { state: "done", progress: "100" }, null];
    server.use(http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json(answers.shift() as never)));
    const ts = client();
    expect((await ts.hosts.deployStatus(116)).status).toBe("running");
    expect(await ts.hosts.deployStatus(116)).toMatchObject({
      status: "done",
      progress: 100,
      outcome: "succeeded",
    });
    expect(await ts.hosts.deployStatus(116)).toMatchObject({ status: "unknown", done: false, host_id: 116 });
  });

  test("times out with the last status", async () => {
    const ts = client();
    await ts.hosts.deploy(117, { type: "fullDeploy" });
    const error = await ts.hosts.waitForDeploy(117, { intervalMs: 5, timeoutMs: 30 }).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<DeployStatus>).lastValue?.status).toBe("queued");
  });

  test("honours an AbortSignal", async () => {
    const controller = new AbortController();
    const wait = client().hosts.waitForDeploy(117, {
      intervalMs: 50,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error("user cancelled")),
    });
    await expect(wait).rejects.toBeInstanceOf(AbortedError);
  });
});
