import type { HttpHandler } from "msw";
import { type Authed, type AuthedBody, authedBy, withBody } from "../auth.js";
import type { SimEnv } from "../state.js";
import { apiKeyHandlers } from "./api-keys.js";
import { authHandlers } from "./auth.js";
import { batchHandlers } from "./batches.js";
import { billingHandlers } from "./billing.js";
import { catalogHandlers } from "./catalog.js";
import { chatHandlers } from "./chat.js";
import { deploymentHandlers } from "./deployments.js";
import { envHandlers } from "./env.js";
import { fileHandlers } from "./files.js";
import { healthHandlers } from "./health.js";
import { inferenceHandlers } from "./inference.js";
import { inviteHandlers } from "./invites.js";
import { logHandlers } from "./logs.js";
import { metricsHandlers } from "./metrics.js";
import { mfaHandlers } from "./mfa.js";
import { orgHandlers } from "./orgs.js";
import { runHandlers } from "./runs.js";
import { storageHandlers } from "./storage.js";
import { vmHandlers } from "./vms.js";

/** What every resource's handlers are built from: the base URL, the simulated state, the auth guard. */
export interface LyceumRoutes {
  /** The base URL without its trailing slash. */
  base: string;
  env: SimEnv;
  /** The provider's one auth guard (`authedBy`): the wrapped resolver runs for a known caller only. */
  authed: Authed;
  /** `authed` for routes that begin by reading a JSON body: the handler gets it ready to check. */
  authedBody: AuthedBody;
}

/**
 * Every Lyceum route under `base`. The order matters where paths overlap: `/invites/mine` before
 * `/invites/{token}`, `/inference/create` and `/inference/deployments` before `/inference/{id}`.
 */
export function lyceumHandlers(base: string, env: SimEnv): HttpHandler[] {
  const authed = authedBy(env);
  const routes: LyceumRoutes = { base, env, authed, authedBody: withBody(authed) };
  return [
    authHandlers,
    runHandlers,
    logHandlers,
    metricsHandlers,
    catalogHandlers,
    storageHandlers,
    envHandlers,
    vmHandlers,
    orgHandlers,
    inviteHandlers,
    apiKeyHandlers,
    mfaHandlers,
    billingHandlers,
    inferenceHandlers,
    healthHandlers,
    chatHandlers,
    deploymentHandlers,
    fileHandlers,
    batchHandlers,
  ].flatMap((build) => build(routes));
}
