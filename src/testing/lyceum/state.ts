import type { SimContext } from "../provider.js";
import { randomHex } from "../random.js";

/** Options for the Lyceum simulator (all optional). */
export interface LyceumSimOptions {
  /** Accounts that can log in (default: ada@example.com / "correct horse battery staple"). */
  users?: SimUserInit[];
  /** API keys and the org each one carries (default: `lk_sim_ada_lab_0001` → ada-lab). */
  apiKeys?: { key: string; email: string; org: string }[];
  /** Access-token lifetime, seconds of simulated time (default 900). */
  accessTokenTtlSeconds?: number;
  /** Hardware profiles whose VM creation always fails with the capacity 500 (default ["b300"]). */
  exhaustedProfiles?: string[];
  /** How long a VM takes to become ready, simulated ms (default 150 000). */
  vmProvisionMs?: number;
  /** How long a ready VM reports a null ip_address, simulated ms (default 20 000). */
  vmIpDelayMs?: number;
  /** Time a run waits before running, simulated ms (default 2000). */
  runQueueMs?: number;
  /** Time between output lines of a run, simulated ms (default 500). */
  runLineIntervalMs?: number;
  /** Serve the older `{type: ...}` SSE event shapes instead of the current ones. */
  legacyEvents?: boolean;
  /** Close a live-output stream without a finish event after this long without events, real ms (default 15 000). */
  streamIdleMs?: number;
  /** Use `group_by` instead of `applies_to` on every price row (default: mixed, as observed). */
  pricingKey?: "applies_to" | "group_by" | "mixed";
}

export interface SimUserInit {
  email: string;
  password: string;
  /** Org slug → role. The first one is the default org. */
  orgs: Record<string, "owner" | "admin" | "member">;
}

export interface SimUser {
  id: string;
  email: string;
  password: string;
  orgs: Map<string, string>;
  defaultOrg: string;
}

export interface OutputLine {
  at: number;
  text: string;
  stream: "stdout" | "stderr";
}

export interface SimRun {
  id: string;
  org: string;
  userId: string;
  kind: "python" | "docker" | "compose" | "gpu_selection";
  machine: string;
  fileName: string | null;
  createdAt: number;
  startAt: number;
  endAt: number;
  lines: OutputLine[];
  outcome: { status: string; returnCode: number | null; error: string | null };
  abortedAt?: number;
  streamToken: string;
  hostname: string;
}

export interface SimObject {
  bytes: Uint8Array;
  contentType: string;
  lastModified: number;
}

export interface SimEnvVar {
  id: string;
  key: string;
  value: string;
  isSecret: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface SimVm {
  /** Dashed lowercase UUID. */
  id: string;
  seq: number;
  org: string;
  hardware: string;
  gpus: number;
  instanceType: string;
  displayName: string | null;
  publicKey: string;
  createdAt: number;
  terminatedAt?: number;
  host: string;
  port: number;
}

export interface OrgData {
  runs: Map<string, SimRun>;
  vms: Map<string, SimVm>;
  bucket: Map<string, SimObject>;
  env: Map<string, SimEnvVar>;
}

export interface LyceumState {
  users: Map<string, SimUser>;
  apiKeys: Map<string, { userId: string; org: string }>;
  /** Refresh token → user id (rotated: each is single-use). */
  refreshTokens: Map<string, string>;
  orgs: Map<string, OrgData>;
  jwtSecret: Uint8Array;
  options: Required<Omit<LyceumSimOptions, "users" | "apiKeys">>;
  counters: { run: number; vm: number; env: number };
}

export interface SimEnv {
  state: LyceumState;
  ctx: SimContext;
  now(): number;
  id(bytes?: number): string;
}

export const DEFAULT_USER: SimUserInit = {
  email: "ada@example.com",
  password: "correct horse battery staple",
  orgs: { "ada-lab": "owner", "shared-team": "member" },
};
export const DEFAULT_API_KEY = "lk_sim_ada_lab_0001";

export function createState(ctx: SimContext, options: LyceumSimOptions): LyceumState {
  const users = new Map<string, SimUser>();
  const orgs = new Map<string, OrgData>();
  const ensureOrg = (slug: string) => {
    if (!orgs.has(slug))
      orgs.set(slug, { runs: new Map(), vms: new Map(), bucket: new Map(), env: new Map() });
  };
  ensureOrg("other-org");
  for (const [i, init] of (options.users ?? [DEFAULT_USER]).entries()) {
    const slugs = Object.keys(init.orgs);
    for (const slug of slugs) ensureOrg(slug);
    users.set(`user-${i + 1}`, {
      id: `user-${i + 1}`,
      email: init.email,
      password: init.password,
      orgs: new Map(Object.entries(init.orgs)),
      defaultOrg: slugs[0] ?? "default",
    });
  }
  const apiKeys = new Map<string, { userId: string; org: string }>();
  const keyInits = options.apiKeys ?? [
    { key: DEFAULT_API_KEY, email: DEFAULT_USER.email, org: "ada-lab" },
    { key: "lk_sim_shared_team_0001", email: DEFAULT_USER.email, org: "shared-team" },
  ];
  for (const k of keyInits) {
    const user = [...users.values()].find((u) => u.email === k.email);
    if (!user) throw new Error(`lyceum simulator: API key for unknown user ${k.email}`);
    ensureOrg(k.org);
    apiKeys.set(k.key, { userId: user.id, org: k.org });
  }
  const secret = new Uint8Array(32);
  for (let i = 0; i < secret.length; i++) secret[i] = Math.floor(ctx.random() * 256);
  return {
    users,
    apiKeys,
    refreshTokens: new Map(),
    orgs,
    jwtSecret: secret,
    options: {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 900,
      exhaustedProfiles: options.exhaustedProfiles ?? ["b300"],
      vmProvisionMs: options.vmProvisionMs ?? 150_000,
      vmIpDelayMs: options.vmIpDelayMs ?? 20_000,
      runQueueMs: options.runQueueMs ?? 2_000,
      runLineIntervalMs: options.runLineIntervalMs ?? 500,
      legacyEvents: options.legacyEvents ?? false,
      streamIdleMs: options.streamIdleMs ?? 15_000,
      pricingKey: options.pricingKey ?? "mixed",
    },
    counters: { run: 0, vm: 0, env: 0 },
  };
}

export function createEnv(ctx: SimContext, state: LyceumState): SimEnv {
  return {
    state,
    ctx,
    now: () => ctx.clock.now(),
    id: (bytes = 16) => randomHex(ctx.random, bytes),
  };
}

/** `xxxxxxxx-xxxx-…` from 32 hex digits. */
export function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** ISO time in one of the three forms the real API mixes. */
export function isoTime(ms: number, form: "z" | "offset" | "naive" = "z"): string {
  const iso = new Date(ms).toISOString();
  if (form === "offset") return iso.replace("Z", "+00:00");
  if (form === "naive") return iso.replace("Z", "").replace(/\.\d+$/, "");
  return iso;
}
