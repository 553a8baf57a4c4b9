import type { HttpHandler } from "msw";
import type { ProviderSim, SimContext } from "../provider.js";
import { lyceumHandlers } from "./handlers/index.js";
import { type InferenceInit, submitInference } from "./inference.js";
import {
  createEnv,
  createState,
  type LyceumSimOptions,
  type LyceumState,
  type SimUserInit,
} from "./state.js";

export type { InferenceInit } from "./inference.js";
export type { LyceumSimOptions, LyceumState, SimUserInit } from "./state.js";
export { totpCode } from "./totp.js";

export const LYCEUM_DEFAULT_BASE_URL = "https://api.lyceum.technology/api/v2/external";

/** The simulator's default user and org (exported as `LYCEUM_SIM_USER`). */
export const DEFAULT_USER: SimUserInit = {
  email: "ada@example.com",
  password: "correct horse battery staple",
  orgs: { "ada-lab": "owner", "shared-team": "member" },
};
/** Owns shared-team (where Ada is a plain member); a natural invitee for ada-lab. */
export const SECOND_USER: SimUserInit = {
  email: "grace@example.com",
  password: "grace's long passphrase",
  orgs: { "grace-labs": "owner", "shared-team": "owner" },
};
/** A TOTP secret (base32) for the MFA user below. */
export const MFA_USER_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/** Has MFA on from the start (log in, then `/mfa/verify` with a TOTP from `totpCode`). */
export const MFA_USER: SimUserInit = {
  email: "alan@example.com",
  password: "alan's second factor",
  orgs: { "alan-co": "owner" },
  mfaSecret: MFA_USER_SECRET,
};
/** The seeded API key (`lk_…`) of the simulator's default user (exported as `LYCEUM_SIM_API_KEY`). */
export const DEFAULT_API_KEY = "lk_sim_ada_lab_0001";

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
  const state = createState(ctx, options ?? {}, {
    users: options?.users ?? [DEFAULT_USER, SECOND_USER, MFA_USER],
    apiKeys: options?.apiKeys ?? [
      { key: DEFAULT_API_KEY, email: DEFAULT_USER.email, org: "ada-lab" },
      { key: "lk_sim_shared_team_0001", email: DEFAULT_USER.email, org: "shared-team" },
    ],
  });
  const env = createEnv(ctx, state);
  return {
    name: "lyceum",
    defaultBaseUrl: LYCEUM_DEFAULT_BASE_URL,
    state,
    submitInference: (init) => submitInference(env, init),
    handlers: (baseUrl: string): HttpHandler[] => lyceumHandlers(baseUrl.replace(/\/$/, ""), env),
  };
}
