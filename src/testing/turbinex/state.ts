import type { SimContext } from "../provider.js";
import { randomHex } from "../random.js";
import { createStorageSim } from "../storage.js";

export type SimRole = "owner" | "admin" | "member";
export type SimPlan = "free" | "pro" | "enterprise";

/** Options of the TurbineX simulator (`createSimulator({ providers: { turbinex } })`). */
export interface TurbineXSimOptions {
  /** HS256 secret for the simulator's JWTs (default: a fixed test secret). */
  jwtSecret?: string;
  /** Access-token lifetime, seconds (default 900 = 15 min, as the seed says). */
  accessTokenTtlSec?: number;
  /** Refresh-token lifetime, seconds (default 30 days). */
  refreshTokenTtlSec?: number;
  /** Enforce plan rate limits (default true). */
  rateLimits?: boolean;
  /** Simulated time a job stays queued, ms (default 5 s). */
  jobQueueMs?: number;
  /** Simulated time a job runs, ms (default 60 s). */
  jobRunMs?: number;
  /** Size of each job's output ZIP, bytes (default 256 KiB). */
  outputBytes?: number;
  /** Tokens billed per job (default 1000). */
  tokensPerJob?: number;
  /** Simulated time until a certification report is ready, ms (default 30 s). */
  reportReadyMs?: number;
}

export interface SimOrg {
  id: string;
  name: string;
  plan: SimPlan;
  tokens_used: number;
  token_cap: number | null;
  spend_cap_usd: number | null;
}

export interface SimUser {
  id: string;
  email: string;
  password: string;
  org_id: string;
  role: SimRole;
  verified: boolean;
}

export interface SimJob {
  id: string;
  org_id: string;
  user_id: string;
  name: string | null;
  created_at: number;
  input_sha256: string;
  turbine_id: string | null;
  study_id: string | null;
  cancelled_at: number | null;
  fail: boolean;
}

export interface SimTurbine {
  id: string;
  /** `null`: a demo row, visible to every org, read-only. */
  org_id: string | null;
  name: string;
  kind: "demo" | "custom";
  demo_derived: boolean;
  rated_power_kw: number | null;
  rotor_diameter_m: number | null;
  hub_height_m: number | null;
  config: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

export interface SimStudy {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  created_at: number;
  updated_at: number;
  share_enabled: boolean;
  share_token: string | null;
}

export interface SimArtifact {
  id: string;
  study_id: string;
  filename: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: number;
}

export interface SimReport {
  id: string;
  study_id: string;
  org_id: string;
  created_at: number;
}

export interface SimNote {
  id: string;
  org_id: string;
  owner_id: string;
  body: string;
  visibility: "private" | "org";
  study_id: string | null;
  job_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SimPat {
  id: string;
  user_id: string;
  name: string;
  token: string;
  expires_at: number | null;
  created_at: number;
}

export interface SimRefreshToken {
  user_id: string;
  expires_at: number;
  used: boolean;
}

/** The password of every seeded user. */
export const TURBINEX_SIM_PASSWORD = "turbinex-sim-password";

/** Seeded users by purpose (all with `TURBINEX_SIM_PASSWORD`). */
export const TURBINEX_SIM_USERS = {
  /** Pro org owner, verified. */
  owner: "owner@acme.test",
  /** Pro org admin, verified. */
  admin: "admin@acme.test",
  /** Pro org member, verified (403 on org settings). */
  member: "member@acme.test",
  /** Pro org member, NOT verified (403 on verified-only endpoints). */
  unverified: "newbie@acme.test",
  /** Free org owner, verified (30/60 per minute, 50,000-token cap). */
  free: "solo@solo.test",
  /** Enterprise org owner, verified. */
  enterprise: "ceo@bigwind.test",
} as const;

export const PLAN_LIMITS: Record<SimPlan, { user: number; org: number; tokenCap: number | null }> = {
  free: { user: 30, org: 60, tokenCap: 50_000 },
  pro: { user: 300, org: 600, tokenCap: 2_000_000 },
  enterprise: { user: 1000, org: 2000, tokenCap: null },
};

export type TurbineXSimState = ReturnType<typeof createState>;

export function createState(ctx: SimContext, options: TurbineXSimOptions) {
  const settings = {
    jwtSecret: options.jwtSecret ?? "turbinex-simulator-secret-do-not-use-in-production",
    accessTokenTtlSec: options.accessTokenTtlSec ?? 900,
    refreshTokenTtlSec: options.refreshTokenTtlSec ?? 30 * 24 * 3600,
    rateLimits: options.rateLimits ?? true,
    jobQueueMs: options.jobQueueMs ?? 5_000,
    jobRunMs: options.jobRunMs ?? 60_000,
    outputBytes: options.outputBytes ?? 256 * 1024,
    tokensPerJob: options.tokensPerJob ?? 1000,
    reportReadyMs: options.reportReadyMs ?? 30_000,
  };
  // The variant dialect numbers its rows (a server with integer primary keys); ids stay strings
  // inside the simulator and are sent as JSON numbers (see variant.ts).
  let serial = 1000;
  const id = (prefix: string) =>
    ctx.dialect.variant ? String(++serial) : `${prefix}_${randomHex(ctx.random, 6)}`;
  const now = () => ctx.clock.now();

  const orgs = new Map<string, SimOrg>();
  const users = new Map<string, SimUser>();
  const jobs = new Map<string, SimJob>();
  const turbines = new Map<string, SimTurbine>();
  const studies = new Map<string, SimStudy>();
  const artifacts = new Map<string, SimArtifact>();
  const reports = new Map<string, SimReport>();
  const notes = new Map<string, SimNote>();
  const pats = new Map<string, SimPat>();
  const refreshTokens = new Map<string, SimRefreshToken>();
  /** Requests counted per rate-limit key in the current minute window. */
  const windows = new Map<string, { window: number; count: number }>();

  function addOrg(name: string, plan: SimPlan, orgId = id("org")): SimOrg {
    const org: SimOrg = {
      id: orgId,
      name,
      plan,
      tokens_used: 0,
      token_cap: PLAN_LIMITS[plan].tokenCap,
      spend_cap_usd: plan === "free" ? 0 : null,
    };
    orgs.set(org.id, org);
    return org;
  }

  function addUser(input: Omit<SimUser, "id" | "password"> & { password?: string }): SimUser {
    const user: SimUser = { id: id("usr"), password: TURBINEX_SIM_PASSWORD, ...input };
    users.set(user.id, user);
    return user;
  }

  const acme = addOrg("Acme Wind", "pro", "org_acme");
  const solo = addOrg("Solo Engineering", "free", "org_solo");
  const big = addOrg("BigWind Corp", "enterprise", "org_bigwind");
  addUser({ email: TURBINEX_SIM_USERS.owner, org_id: acme.id, role: "owner", verified: true });
  addUser({ email: TURBINEX_SIM_USERS.admin, org_id: acme.id, role: "admin", verified: true });
  addUser({ email: TURBINEX_SIM_USERS.member, org_id: acme.id, role: "member", verified: true });
  addUser({ email: TURBINEX_SIM_USERS.unverified, org_id: acme.id, role: "member", verified: false });
  addUser({ email: TURBINEX_SIM_USERS.free, org_id: solo.id, role: "owner", verified: true });
  addUser({ email: TURBINEX_SIM_USERS.enterprise, org_id: big.id, role: "owner", verified: true });

  const created = now();
  for (const demo of [
    { name: "TX-Demo 3.4 MW Onshore", rated_power_kw: 3400, rotor_diameter_m: 130, hub_height_m: 110 },
    { name: "TX-Demo 15 MW Offshore", rated_power_kw: 15000, rotor_diameter_m: 240, hub_height_m: 150 },
  ]) {
    const turbine: SimTurbine = {
      id: id("trb"),
      org_id: null,
      kind: "demo",
      demo_derived: true,
      config: { blades: 3, controller: "variable-speed pitch-regulated" },
      created_at: created,
      updated_at: created,
      ...demo,
    };
    turbines.set(turbine.id, turbine);
  }

  return {
    settings,
    /** Which legal reading of the docs to answer in (variant.ts). */
    dialect: ctx.dialect,
    /** The storage origin downloads are redirected to in the variant dialect. */
    storage: ctx.storage ?? createStorageSim(ctx),
    orgs,
    users,
    jobs,
    turbines,
    studies,
    artifacts,
    reports,
    notes,
    pats,
    refreshTokens,
    windows,
    /** A fresh id with a prefix (`job_…`), from the seeded PRNG. */
    id,
    /** The simulated now (epoch ms). */
    now,
    /** `created_at` and `updated_at` of a record made now. */
    stamps: () => ({ created_at: now(), updated_at: now() }),
    /** Stores a new record under its id, and returns it. */
    insert<T extends { id: string }>(table: Map<string, T>, record: T): T {
      table.set(record.id, record);
      return record;
    },
    /** Marks a record changed now, and returns it. */
    touch<T extends { updated_at: number }>(record: T): T {
      record.updated_at = now();
      return record;
    },
    /** Seed an org with a plan. */
    addOrg,
    /** Seed a user in an org (password `TURBINEX_SIM_PASSWORD` unless given). */
    addUser,
    /** Make the next N submitted jobs fail (besides jobs whose name contains "fail"). */
    failNextJobs: 0,
    /** The user with this email (case-insensitive), if any. */
    userByEmail(email: string): SimUser | undefined {
      for (const user of users.values()) if (user.email.toLowerCase() === email.toLowerCase()) return user;
      return undefined;
    },
    /** 64 URL-safe characters from the seeded PRNG. */
    shareToken(): string {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      let out = "";
      for (let i = 0; i < 64; i++) out += alphabet[Math.floor(ctx.random() * 64)];
      return out;
    },
    /** A random opaque token with a prefix (PATs, refresh tokens). */
    opaqueToken(prefix: string): string {
      return `${prefix}_${randomHex(ctx.random, 24)}`;
    },
  };
}

// ── Rules over the data ──

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export const JOB_ERROR_TEXT =
  "Solver diverged at t=12.4 s: blade pitch controller unstable (check controller.in in the input ZIP)";

/** Where a job is now: queued, then running, then finished, on the simulated clock. */
export function jobStatus(state: TurbineXSimState, job: SimJob): { status: JobStatus; progress: number } {
  const { jobQueueMs, jobRunMs } = state.settings;
  if (job.cancelled_at !== null) return { status: "cancelled", progress: progressAt(job.cancelled_at) };
  const elapsed = state.now() - job.created_at;
  if (elapsed < jobQueueMs) return { status: "queued", progress: 0 };
  if (elapsed < jobQueueMs + jobRunMs) return { status: "running", progress: progressAt(state.now()) };
  return job.fail ? { status: "failed", progress: 0.4 } : { status: "succeeded", progress: 1 };

  function progressAt(t: number): number {
    const ran = t - job.created_at - jobQueueMs;
    return Math.max(0, Math.min(1, Math.round((ran / jobRunMs) * 1000) / 1000));
  }
}

/** The output ZIP of a job: deterministic bytes behind a `PK\x03\x04` header. */
export function jobOutputBytes(jobId: string, size: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(4, size));
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  let seed = 0;
  for (const ch of jobId) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 131 + seed) & 0xff;
  return bytes;
}

/** A certification report is pending, then generating (half way), then ready. */
export function reportStatus(state: TurbineXSimState, r: SimReport): "pending" | "generating" | "ready" {
  const elapsed = state.now() - r.created_at;
  const ready = state.settings.reportReadyMs;
  return elapsed >= ready ? "ready" : elapsed >= ready / 2 ? "generating" : "pending";
}
