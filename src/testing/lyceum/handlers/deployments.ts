import { http } from "msw";
import { detail, invalid, json } from "../../kit/fastapi.js";
import type { Caller } from "../auth.js";
import { deploymentStatus } from "../deployment-model.js";
import type { SimDeployment, SimEnv } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const HF_MODEL = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const INFERENCE_HARDWARE = ["gpu.a100", "gpu.h100", "gpu.l40s", "a100", "h100", "h200", "l40s"];

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

/** Dedicated deployments: create (public), and the contract paths list, get, stop. */
export function deploymentHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  return [
    http.post(
      `${base}/inference/create`,
      authedBody(async (check, _args, caller) => {
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
        if (max < min) return invalid(["body", "max_replicas"], "max_replicas must be >= min_replicas");
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
        return json({ deployment_id: d.id, status: "pending" });
      }),
    ),
    // Contract paths (not public): list, get, stop.
    http.get(
      `${base}/inference/deployments`,
      authed((_a, caller) =>
        json({ deployments: [...caller.data.deployments.values()].map((d) => body(base, env, d)) }),
      ),
    ),
    http.get(
      `${base}/inference/:id`,
      authed(({ params }, caller) => {
        const d = find(caller, params.id);
        return d ? json(body(base, env, d)) : detail(404, "Deployment not found");
      }),
    ),
    http.post(
      `${base}/inference/:id/stop`,
      authed(({ params }, caller) => {
        const d = find(caller, params.id);
        if (!d) return detail(404, "Deployment not found");
        if (d.stoppedAt === undefined) d.stoppedAt = env.now();
        return json(body(base, env, d));
      }),
    ),
  ];
}
