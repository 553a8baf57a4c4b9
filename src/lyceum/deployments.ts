import type { APIPromise } from "../core/api-promise.js";
import { optionalInt, optionalString, requireInt, requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { registerSecret } from "../core/redact.js";
import { DeploymentNotReadyError } from "./errors.js";
import { httpOf, onePage, operation, requireLyceumId, waitOperation } from "./internal.js";
import { routes } from "./routes.js";
import {
  DEPLOYMENT_END_STATUSES,
  DEPLOYMENT_READY_STATUSES,
  type Deployment,
  deploymentListSchema,
  deploymentSchema,
} from "./schemas/deployments.js";

/** What `deployments.create` sends: the model, hardware and autoscaling targets. */
export interface CreateDeploymentInput {
  /** Hugging Face model id, `org/name` (e.g. `meta-llama/Llama-3.1-8B-Instruct`). */
  model: string;
  /** Hardware profile (e.g. `gpu.h100`, `a100`). */
  hardware: string;
  /** Requests per second to plan for (> 0). */
  targetRps: number;
  /** Target p95 latency, ms (integer ≥ 1). */
  targetLatencyP95Ms: number;
  /** Seconds the autoscaler waits before scaling again (integer ≥ 0). */
  stabilisationWindow: number;
  /** For gated models; scrubbed from logs. */
  hfToken?: string;
  /** Default 1 (0 lets it scale to zero). */
  minReplicas?: number;
  /** Default 1; at least `minReplicas`. */
  maxReplicas?: number;
}

const HF_MODEL = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PROFILE = /^[a-zA-Z0-9_.-]+$/;

/** Create a deployment (inputs checked first). Never retried. Returns `{ deployment_id, status }` at least. */
export function createDeployment(
  core: ClientCore,
  input: CreateDeploymentInput,
  options?: RequestOptions,
): APIPromise<Deployment> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const model = requireString(input.model, "model");
    if (!HF_MODEL.test(model))
      throw new InputValidationError("model", "must be a Hugging Face id like org/name");
    const hardware = requireString(input.hardware, "hardware");
    if (!PROFILE.test(hardware))
      throw new InputValidationError("hardware", "must be a hardware profile like gpu.h100");
    if (typeof input.targetRps !== "number" || !Number.isFinite(input.targetRps) || input.targetRps <= 0)
      throw new InputValidationError("targetRps", "must be a number greater than 0");
    const latency = requireInt(input.targetLatencyP95Ms, "targetLatencyP95Ms", 1, 3_600_000);
    const window = requireInt(input.stabilisationWindow, "stabilisationWindow", 0, 86_400);
    // The docs: min_replicas ≥ 1 (scale-to-zero is the platform's own pause after 1 h idle).
    const min = optionalInt(input.minReplicas, "minReplicas", 1, 64) ?? 1;
    const max = optionalInt(input.maxReplicas, "maxReplicas", 1, 64) ?? Math.max(1, min);
    if (max < min) throw new InputValidationError("maxReplicas", "must be at least minReplicas");
    const body: Record<string, unknown> = {
      hf_model_id: model,
      hardware_profile: hardware,
      target_rps: input.targetRps,
      target_latency_p95_ms: latency,
      stabilisation_window: window,
      min_replicas: min,
      max_replicas: max,
    };
    const token = optionalString(input.hfToken, "hfToken");
    if (token !== undefined) {
      registerSecret(token);
      body.hf_token = token;
    }
    return http.json(routes.deployments.create, { json: body, schema: deploymentSchema(), options });
  });
}

/** Your dedicated deployments. */
export function listDeployments(core: ClientCore, options?: RequestOptions): Paginator<Deployment, number> {
  return onePage(options, () =>
    httpOf(core).json(routes.deployments.list, { schema: deploymentListSchema(), options }),
  );
}

/** One deployment and its status. */
export function getDeployment(
  core: ClientCore,
  id: string,
  options?: RequestOptions,
): APIPromise<Deployment> {
  return operation(core, options, (http, options) =>
    http.json(routes.deployments.get, {
      params: { id: requireLyceumId(id) },
      schema: deploymentSchema(),
      options,
    }),
  );
}

/** Stop a deployment (billing stops). Not retried. */
export function stopDeployment(
  core: ClientCore,
  id: string,
  options?: RequestOptions,
): APIPromise<Deployment> {
  return operation(core, options, (http, options) =>
    http.json(routes.deployments.stop, {
      params: { id: requireLyceumId(id) },
      schema: deploymentSchema(),
      options,
    }),
  );
}

/**
 * Poll until `running`/`ready`. Throws `DeploymentNotReadyError` (with `.deployment`) when it
 * settles elsewhere (`paused`, `stopped`, `failed`…), `WaitTimeoutError` on timeout. Unknown
 * statuses keep the wait going.
 */
export function waitForDeploymentReady(
  core: ClientCore,
  id: string,
  options: WaitOptions<Deployment> = {},
): APIPromise<Deployment> {
  return waitOperation(async (pollOptions) => {
    const deploymentId = requireLyceumId(id);
    const last = await waitFor({
      intervalMs: 2_000,
      ...options,
      what: `deployment ${deploymentId}`,
      poll: (signal) => getDeployment(core, deploymentId, pollOptions(signal)),
      isDone: (d) => {
        const s = d.status.toLowerCase();
        return DEPLOYMENT_READY_STATUSES.includes(s) || DEPLOYMENT_END_STATUSES.includes(s);
      },
    });
    if (!DEPLOYMENT_READY_STATUSES.includes(last.status.toLowerCase()))
      throw new DeploymentNotReadyError(last);
    return last;
  });
}

/**
 * Dedicated inference deployments: an OpenAI-compatible endpoint (model = deployment id) that
 * scales between `minReplicas` and `maxReplicas` and pauses after an hour idle. Only create is
 * public; list/get/stop use contract paths from the route table.
 */
export class DeploymentsResource extends Resource<ClientCore> {
  /** {@inheritDoc createDeployment} */
  create(input: CreateDeploymentInput, options?: RequestOptions) {
    return createDeployment(this.core, input, options);
  }
  /** {@inheritDoc listDeployments} */
  list(options?: RequestOptions) {
    return listDeployments(this.core, options);
  }
  /** {@inheritDoc getDeployment} */
  get(id: string, options?: RequestOptions) {
    return getDeployment(this.core, id, options);
  }
  /** {@inheritDoc stopDeployment} */
  stop(id: string, options?: RequestOptions) {
    return stopDeployment(this.core, id, options);
  }
  /** {@inheritDoc waitForDeploymentReady} */
  waitForReady(id: string, options?: WaitOptions<Deployment>) {
    return waitForDeploymentReady(this.core, id, options);
  }
}
