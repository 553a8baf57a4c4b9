import type { HttpHandler } from "msw";
import type { ProviderSim, SimContext } from "../provider.js";
import { authHandlers } from "./auth.js";
import { catalogHandlers } from "./catalog.js";
import { envHandlers } from "./env-vars.js";
import { observabilityHandlers } from "./observability.js";
import { runHandlers } from "./runs.js";
import { createEnv, createState, type LyceumSimOptions, type LyceumState } from "./state.js";
import { storageHandlers } from "./storage.js";
import { vmHandlers } from "./vms.js";

export { DEFAULT_API_KEY, DEFAULT_USER, type LyceumSimOptions, type LyceumState } from "./state.js";

export const LYCEUM_DEFAULT_BASE_URL = "https://api.lyceum.technology/api/v2/external";

export type LyceumSim = ProviderSim<LyceumState> & { readonly name: "lyceum" };

/**
 * The Lyceum simulator: API keys carrying orgs, JWT login/refresh (HS256, rotating refresh
 * tokens), X-Org-Slug membership checks, runs progressing by simulated time with SSE output,
 * logs and metrics, machine types and pricing, a bucket, env vars, VMs with a capacity 500.
 */
export function lyceumSimulator(ctx: SimContext, options: LyceumSimOptions = {}): LyceumSim {
  const state = createState(ctx, options ?? {});
  const env = createEnv(ctx, state);
  return {
    name: "lyceum",
    defaultBaseUrl: LYCEUM_DEFAULT_BASE_URL,
    state,
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
      ];
    },
  };
}
