import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError } from "../../src/core/errors.js";
import { WaitTimeoutError } from "../../src/core/polling.js";
import { type CreateDeploymentInput, DeploymentNotReadyError } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE } from "./helpers.js";

const t = useSim("lyceum");
const input: CreateDeploymentInput = {
  model: "meta-llama/Llama-3.1-8B-Instruct",
  hardware: "gpu.h100",
  targetRps: 2.5,
  targetLatencyP95Ms: 800,
  stabilisationWindow: 300,
  hfToken: "hf_secret_token_value",
  minReplicas: 1,
  maxReplicas: 3,
};

describe("deployments", () => {
  it("creates with the documented body", async () => {
    const created = await t.client().deployments.create(input);
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      hf_model_id: "meta-llama/Llama-3.1-8B-Instruct",
      hardware_profile: "gpu.h100",
      target_rps: 2.5,
      target_latency_p95_ms: 800,
      stabilisation_window: 300,
      min_replicas: 1,
      max_replicas: 3,
      hf_token: "hf_secret_token_value",
    });
    expect(created).toMatchObject({ status: "pending" });
    expect(created.deployment_id).toMatch(/^dep-/);
  });

  it.each([
    [{ model: "no-slash" }, "model"],
    [{ hardware: "gpu h100" }, "hardware"],
    [{ targetRps: 0 }, "targetRps"],
    [{ targetLatencyP95Ms: 1.5 }, "targetLatencyP95Ms"],
    [{ stabilisationWindow: -1 }, "stabilisationWindow"],
    [{ minReplicas: 4, maxReplicas: 2 }, "maxReplicas"],
    [{ minReplicas: 0 }, "minReplicas"],
  ])("validates %j before sending", async (override, field) => {
    await expect(t.client().deployments.create({ ...input, ...override } as never)).rejects.toMatchObject({
      field,
    });
    expect(t.requests).toHaveLength(0);
  });

  it("keeps the HF token out of error messages; unknown hardware is a 400; create is never retried", async () => {
    const error = await t
      .client()
      .deployments.create({ ...input, hardware: "tpu.v5" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(JSON.stringify(error)).not.toContain("hf_secret_token_value");
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/inference/create`, () => {
        calls++;
        return HttpResponse.json({ detail: "unavailable" }, { status: 503 });
      }),
    );
    await expect(t.client().deployments.create(input)).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });

  it("scales up, runs, pauses when idle; list/get/stop", async () => {
    const { deployment_id: id } = await t.client().deployments.create(input);
    expect((await t.client().deployments.get(id)).status).toBe("pending");
    t.sim.clock.advance(10_000);
    expect(await t.client().deployments.get(id)).toMatchObject({ status: "scaling_up", replicas: 0 });
    t.sim.clock.advance(60_000);
    const running = await t.client().deployments.get(id);
    expect(running).toMatchObject({ status: "running", replicas: 1, hf_model_id: input.model });
    expect(running.endpoint_url).toContain(`/inference/${id}/v1`);
    expect(running.created_at).toBeInstanceOf(Date);
    expect((await t.client().deployments.list().toArray()).map((d) => d.deployment_id)).toEqual([id]);
    t.sim.clock.advance(3_600_000);
    expect((await t.client().deployments.get(id)).status).toBe("paused");
    expect((await t.client().deployments.stop(id)).status).toBe("stopping");
    t.sim.clock.advance(2_000);
    expect((await t.client().deployments.get(id)).status).toBe("stopped");
    await expect(t.client().deployments.get("dep-missing")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("waitForReady reports progress and resolves when running", async () => {
    const { deployment_id: id } = await t.client().deployments.create(input);
    const seen: string[] = [];
    const ready = await t.client().deployments.waitForReady(id, {
      intervalMs: 1,
      onProgress: (d) => {
        seen.push(d.status);
        t.sim.clock.advance(20_000);
      },
    });
    expect(ready.status).toBe("running");
    expect(seen[0]).toBe("pending");
    expect(seen).toContain("scaling_up");
  });

  it("waitForReady throws DeploymentNotReadyError when the deployment fails, WaitTimeoutError on time", async () => {
    const bad = await t.client().deployments.create({ ...input, model: "acme/does-not-exist" });
    const error = (await t
      .client()
      .deployments.waitForReady(bad.deployment_id, {
        intervalMs: 1,
        onProgress: () => t.sim.clock.advance(5_000),
      })
      .catch((e: unknown) => e)) as DeploymentNotReadyError;
    expect(error).toBeInstanceOf(DeploymentNotReadyError);
    expect(error.deployment.status).toBe("failed");

    const slow = await t.client().deployments.create(input);
    await expect(
      t.client().deployments.waitForReady(slow.deployment_id, { intervalMs: 5, timeoutMs: 30 }),
    ).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it("accepts `id` for deployment_id and open statuses", async () => {
    t.server.use(
      http.get(`${BASE}/inference/deployments`, () => HttpResponse.json([{ id: 42, status: "warming" }])),
    );
    expect(await t.client().deployments.list().toArray()).toMatchObject([
      { deployment_id: "42", status: "warming" },
    ]);
  });
});
