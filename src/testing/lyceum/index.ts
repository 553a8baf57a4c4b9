import type { HttpHandler } from "msw";
import type { ProviderSim, SimContext } from "../provider.js";
import { accountHandlers } from "./account.js";
import { authHandlers } from "./auth.js";
import { batchHandlers } from "./batches.js";
import { billingHandlers } from "./billing.js";
import { catalogHandlers } from "./catalog.js";
import { chatHandlers } from "./chat.js";
import { deploymentHandlers } from "./deployments.js";
import { envHandlers } from "./env-vars.js";
import { type InferenceInit, inferenceHandlers, submitInference } from "./inference.js";
import { observabilityHandlers } from "./observability.js";
import { orgHandlers } from "./orgs.js";
import { runHandlers } from "./runs.js";
import { createEnv, createState, type LyceumSimOptions, type LyceumState } from "./state.js";
import { storageHandlers } from "./storage.js";
import { vmHandlers } from "./vms.js";

export type { InferenceInit } from "./inference.js";
export {
  DEFAULT_API_KEY,
  DEFAULT_USER,
  type LyceumSimOptions,
  type LyceumState,
  MFA_USER,
  MFA_USER_SECRET,
  SECOND_USER,
} from "./state.js";
export { totpCode } from "./totp.js";

export const LYCEUM_DEFAULT_BASE_URL = "https://api.lyceum.technology/api/v2/external";

/**
 * The Lyceum simulator as `createSimulator` registers it (`sim.providers.lyceum`), with helpers to drive
 * it.
 */
export type LyceumSim = ProviderSim<LyceumState> & {
  readonly name: "lyceum";
  /**
   * Queue an inference whose SSE stream `GET /inference/streaming/stream/{id}` serves (`queued`,
   * then `finished` or `failed` after `queueMs` of simulated time). How real inferences are
   * submitted is not public, so tests and demos create them here.
   */
  submitInference(init?: InferenceInit): string;
};

/**
 * The Lyceum simulator: API keys carrying orgs, JWT login/refresh (HS256, rotating refresh
 * tokens), X-Org-Slug membership checks, runs progressing by simulated time with SSE output,
 * logs and metrics, machine types and pricing, a bucket, env vars, VMs with a capacity 500;
 * orgs with roles, org/user API keys, invites accepted once, TOTP MFA (login challenge), billing
 * with decimal-string money, dedicated deployments that scale up and pause, an inference SSE
 * stream, and OpenAI-style batches that validate → progress → complete with output files.
 */
export function lyceumSimulator(ctx: SimContext, options: LyceumSimOptions = {}): LyceumSim {
  const state = createState(ctx, options ?? {});
  const env = createEnv(ctx, state);
  return {
    name: "lyceum",
    defaultBaseUrl: LYCEUM_DEFAULT_BASE_URL,
    state,
    submitInference: (init) => submitInference(env, init),
    handlers(baseUrl: string): HttpHandler[] {
      const base = baseUrl.replace(/\/$/, "");
      return [
        ...authHandlers(base, env),
        ...runHandlers(base, env),
        ...observabilityHandlers(base, env),
        ...catalogHandlers(base, env),
        ...storageHandlers(base, env),
        ...envHandlers(base, env),
        ...vmHandlers(base, env),
        ...orgHandlers(base, env),
        ...accountHandlers(base, env),
        ...billingHandlers(base, env),
        ...inferenceHandlers(base, env),
        ...chatHandlers(base, env),
        ...deploymentHandlers(base, env),
        ...batchHandlers(base, env),
      ];
    },
  };
}
