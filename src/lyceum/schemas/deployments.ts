import * as z from "zod/mini";
import { intLike } from "../../core/codecs.js";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { idString, listOf, maybe, maybeTime } from "./common.js";

/** Dedicated deployment states; open. They pause after an hour idle. */
export type DeploymentStatus = Open<
  "pending" | "scaling_up" | "running" | "ready" | "paused" | "stopping" | "stopped" | "failed"
>;

/** Deployment statuses that mean it serves requests. */
export const DEPLOYMENT_READY_STATUSES: readonly string[] = ["running", "ready", "active"];
/** States a deployment does not leave by itself: waiting for readiness stops there. */
export const DEPLOYMENT_END_STATUSES: readonly string[] = [
  "paused",
  "stopping",
  "stopped",
  "failed",
  "error",
  "terminated",
];

/** A dedicated inference deployment (only the create answer is public: the rest is optional). */
export interface Deployment {
  deployment_id: string;
  status: DeploymentStatus;
  hf_model_id?: string | null | undefined;
  hardware_profile?: string | null | undefined;
  min_replicas?: number | null | undefined;
  max_replicas?: number | null | undefined;
  /** Replicas running now. */
  replicas?: number | null | undefined;
  /** OpenAI-compatible base URL (model = deployment_id), when the server says. */
  endpoint_url?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

const deployment = () =>
  z.pipe(
    z.looseObject({
      deployment_id: maybe(idString()),
      id: maybe(idString()),
      status: z._default(z.string(), "unknown"),
      hf_model_id: maybe(z.string()),
      hardware_profile: maybe(z.string()),
      min_replicas: maybe(intLike()),
      max_replicas: maybe(intLike()),
      replicas: maybe(intLike()),
      endpoint_url: maybe(z.string()),
      created_at: maybeTime(),
    }),
    z.transform((raw, ctx) => {
      const id = raw.deployment_id ?? raw.id;
      if (id === undefined || id === null || id === "") {
        ctx.issues.push({ code: "custom", message: "expected deployment_id", input: raw });
        return z.NEVER;
      }
      return { ...raw, deployment_id: String(id) };
    }),
  );

/** @internal The response schema behind the type of the same name (validation only). */
export const deploymentSchema = lazy(() => shaped<Deployment>()(deployment()));
/** @internal The response schema behind the type of the same name (validation only). */
export const deploymentListSchema = lazy(() =>
  shaped<Deployment[]>()(listOf(deployment(), "deployments", "items", "data")),
);
