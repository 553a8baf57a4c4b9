import { http } from "msw";
import { authed, type Caller } from "./auth.js";
import { BodyCheck, detail, isRecord, ok, readJson, unprocessable } from "./http.js";
import { isoTime, type SimDeployment, type SimEnv } from "./state.js";

const HF_MODEL = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const INFERENCE_HARDWARE = ["gpu.a100", "gpu.h100", "gpu.l40s", "a100", "h100", "h200", "l40s"];
const STARTING_MS = 2_000;
const STOPPING_MS = 1_000;

/** pending → scaling_up → running → paused (idle) ; stop → stopping → stopped ; bad model → failed. */
export function deploymentStatus(env: SimEnv, d: SimDeployment): { status: string; replicas: number } {
  const now = env.now();
  if (d.stoppedAt !== undefined)
    return { status: now < d.stoppedAt + STOPPING_MS ? "stopping" : "stopped", replicas: 0 };
  if (now < d.createdAt + STARTING_MS) return { status: "pending", replicas: 0 };
  if (d.fails) return { status: "failed", replicas: 0 };
  const readyAt = d.createdAt + env.state.options.deploymentReadyMs;
  if (now < readyAt) return { status: "scaling_up", replicas: 0 };
  if (now >= Math.max(readyAt, d.lastActiveAt) + env.state.options.deploymentIdleMs)
    return { status: "paused", replicas: 0 };
  return { status: "running", replicas: Math.max(1, d.minReplicas) };
}

function body(base: string, env: SimEnv, d: SimDeployment) {
  const { status, replicas } = deploymentStatus(env, d);
  return {
    deployment_id: d.id,
    status,
    hf_model_id: d.model,
    hardware_profile: d.hardware,
    min_replicas: d.minReplicas,
    max_replicas: d.maxReplicas,
    target_rps: d.targetRps,
    replicas,
    endpoint_url: status === "running" ? `${base}/inference/${d.id}/v1` : null,
    created_at: isoTime(d.createdAt, "naive"),
  };
}

function find(caller: Caller, id: unknown): SimDeployment | undefined {
  return typeof id === "string" ? caller.data.deployments.get(id) : undefined;
}

export function deploymentHandlers(base: string, env: SimEnv) {
  return [
    http.post(
      `${base}/inference/create`,
      authed(env, async ({ request }, caller) => {
        const raw = await readJson(request);
        if (raw instanceof Response) return raw;
        const check = new BodyCheck(isRecord(raw) ? raw : {});
        const model = check.string("hf_model_id", { required: true, pattern: HF_MODEL });
        const hardware = check.string("hardware_profile", { required: true });
        const rps = check.required("target_rps");
        check.int("target_latency_p95_ms", 1, 3_600_000);
        check.required("target_latency_p95_ms");
        check.int("stabilisation_window", 0, 86_400);
        check.required("stabilisation_window");
        const min = check.int("min_replicas", 1, 64) ?? 1; // documented: ≥ 1
        const max = check.int("max_replicas", 1, 64) ?? 1;
        check.string("hf_token");
        if (rps !== undefined && rps !== null && (typeof rps !== "number" || !(rps > 0)))
          check.issues.push({
            loc: ["body", "target_rps"],
            msg: "Input should be greater than 0",
            type: "greater_than",
          });
        if (check.failed) return check.failed;
        if (max < min)
          return unprocessable([
            {
              loc: ["body", "max_replicas"],
              msg: "max_replicas must be >= min_replicas",
              type: "value_error",
            },
          ]);
        if (!INFERENCE_HARDWARE.includes(hardware as string))
          return detail(400, `Hardware profile '${hardware}' is not available for dedicated inference`);
        const now = env.now();
        const d: SimDeployment = {
          id: `dep-${env.id(6)}`,
          org: caller.org,
          model: model as string,
          hardware: hardware as string,
          minReplicas: min,
          maxReplicas: max,
          targetRps: rps as number,
          createdAt: now,
          lastActiveAt: now,
          fails: /does-not-exist/i.test(model as string),
        };
        caller.data.deployments.set(d.id, d);
        return ok({ deployment_id: d.id, status: "pending" });
      }),
    ),
    // Contract paths (not public): list, get, stop.
    http.get(
      `${base}/inference/deployments`,
      authed(env, (_a, caller) =>
        ok({ deployments: [...caller.data.deployments.values()].map((d) => body(base, env, d)) }),
      ),
    ),
    http.get(
      `${base}/inference/:id`,
      authed(env, ({ params }, caller) => {
        const d = find(caller, params.id);
        return d ? ok(body(base, env, d)) : detail(404, "Deployment not found");
      }),
    ),
    http.post(
      `${base}/inference/:id/stop`,
      authed(env, ({ params }, caller) => {
        const d = find(caller, params.id);
        if (!d) return detail(404, "Deployment not found");
        if (d.stoppedAt === undefined) d.stoppedAt = env.now();
        return ok(body(base, env, d));
      }),
    ),
  ];
}
