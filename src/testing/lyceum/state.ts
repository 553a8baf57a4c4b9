import { withDefaults } from "../kit/options.js";
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
  /**
   * How `/auth/login` says "MFA required" (the real shape is not public): `"401"` (default) answers
   * 401 `{detail:{code:"mfa_required", mfa_token, methods}}`; `"200"` answers
   * `{mfa_required:true, mfa_token, methods}`.
   */
  mfaLoginShape?: "401" | "200";
  /** Simulated ms from create until a deployment runs (default 60 000; "scaling_up" before). */
  deploymentReadyMs?: number;
  /** Simulated ms a running deployment stays up without traffic before pausing (default 1 h). */
  deploymentIdleMs?: number;
  /** Simulated ms a batch spends validating (default 2000), per request (1000), finalizing (2000). */
  batchValidateMs?: number;
  batchRequestMs?: number;
  batchFinalizeMs?: number;
  /** Bytes per chunk when serving file content (default 7: lines arrive split across chunks). */
  fileChunkBytes?: number;
  /** Past billed executions seeded per org (default 12). */
  billingHistorySize?: number;
}

export interface SimUserInit {
  email: string;
  password: string;
  /** Org slug → role. The first one is the default org. */
  orgs: Record<string, "owner" | "admin" | "member">;
  /** A base32 TOTP secret: the account has MFA on from the start. */
  mfaSecret?: string;
}

export interface SimMfa {
  enabled: boolean;
  secret: string | null;
  pendingSecret: string | null;
  pendingBackupCodes: string[];
  backupCodes: Set<string>;
  enrolledAt: number | null;
}

export interface SimUser {
  id: string;
  email: string;
  password: string;
  orgs: Map<string, string>;
  defaultOrg: string;
  mfa: SimMfa;
}

export interface SimApiKey {
  id: string;
  userId: string;
  /** The org it carries (org keys); null for user-level keys. */
  org: string | null;
  kind: "org" | "user";
  name: string;
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  active: boolean;
  lastUsedAt: number | null;
}

export interface SimTransaction {
  id: string;
  /** Signed cents. */
  cents: number;
  type: string;
  description: string;
  at: number;
  balanceAfterCents: number;
}

export interface SimOrg {
  id: string;
  slug: string;
  name: string;
  createdAt: number;
  suspended: boolean;
  balanceCents: number;
  transactions: SimTransaction[];
  history: {
    execution_id: string;
    costCents: number;
    hardware: string;
    seconds: number;
    status: string;
    at: number;
  }[];
  activities: { id: string; type: string; description: string; cents: number | null; at: number }[];
  invoices: { id: string; number: string; cents: number; status: string; at: number }[];
}

export interface SimInvite {
  id: string;
  token: string;
  org: string;
  email: string;
  role: string;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  status: "pending" | "accepted" | "revoked";
  acceptedBy?: string;
}

export interface SimDeployment {
  id: string;
  org: string;
  model: string;
  hardware: string;
  minReplicas: number;
  maxReplicas: number;
  targetRps: number;
  createdAt: number;
  /** Last traffic (create counts): it pauses `deploymentIdleMs` after this. */
  lastActiveAt: number;
  stoppedAt?: number;
  fails: boolean;
}

export interface SimFile {
  id: string;
  bytes: Uint8Array;
  filename: string;
  purpose: string;
  createdAt: number;
}

export interface SimBatchRequest {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export interface SimBatch {
  id: string;
  org: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  model: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: number;
  requests: SimBatchRequest[];
  invalid: { line: number; customId: string | null; message: string }[];
  cancelAt?: number;
  outputFileId?: string | null;
  errorFileId?: string | null;
}

export interface SimInference {
  id: string;
  org: string | null;
  createdAt: number;
  finishAt: number;
  result?: unknown;
  error?: string;
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
  /** Marked complete by the client (`/execution/streaming/complete/{id}`). */
  completedAt?: number;
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
  deployments: Map<string, SimDeployment>;
  files: Map<string, SimFile>;
  batches: Map<string, SimBatch>;
}

export function newOrgData(): OrgData {
  return {
    runs: new Map(),
    vms: new Map(),
    bucket: new Map(),
    env: new Map(),
    deployments: new Map(),
    files: new Map(),
    batches: new Map(),
  };
}

export interface LyceumState {
  users: Map<string, SimUser>;
  /** Plaintext key → key (org keys carry their org, user keys do not). */
  apiKeys: Map<string, SimApiKey>;
  /** Refresh token → user id (rotated: each is single-use). */
  refreshTokens: Map<string, string>;
  /** MFA login token → user id and expiry (single-use). */
  mfaTokens: Map<string, { userId: string; expiresAt: number; attempts: number }>;
  orgs: Map<string, OrgData>;
  /** Organisation records (name, balance, billing) by slug. */
  orgInfo: Map<string, SimOrg>;
  invites: Map<string, SimInvite>;
  inferences: Map<string, SimInference>;
  /** Checkout sessions opened (never completed by the simulator). */
  checkouts: Map<string, { org: string; cents: number; at: number }>;
  /** Voucher code → credits in cents (0: already redeemed). */
  vouchers: Map<string, number>;
  jwtSecret: Uint8Array;
  options: Required<Omit<LyceumSimOptions, "users" | "apiKeys">>;
  counters: { run: number; vm: number; env: number; org: number };
}

export interface SimEnv {
  state: LyceumState;
  ctx: SimContext;
  now(): number;
  id(bytes?: number): string;
}

/**
 * What each option is when the caller leaves it out (documented on `LyceumSimOptions`); a fresh
 * object each time, as tests change a simulator's options in place.
 */
const defaultOptions = (): LyceumState["options"] => ({
  accessTokenTtlSeconds: 900,
  exhaustedProfiles: ["b300"],
  vmProvisionMs: 150_000,
  vmIpDelayMs: 20_000,
  runQueueMs: 2_000,
  runLineIntervalMs: 500,
  legacyEvents: false,
  streamIdleMs: 15_000,
  pricingKey: "mixed",
  mfaLoginShape: "401",
  deploymentReadyMs: 60_000,
  deploymentIdleMs: 3_600_000,
  batchValidateMs: 2_000,
  batchRequestMs: 1_000,
  batchFinalizeMs: 2_000,
  fileChunkBytes: 7,
  billingHistorySize: 12,
});

/** The accounts and API keys a fresh simulator starts with (the factory passes its defaults). */
export interface LyceumSeed {
  users: SimUserInit[];
  apiKeys: NonNullable<LyceumSimOptions["apiKeys"]>;
}

export function createState(ctx: SimContext, options: LyceumSimOptions, seed: LyceumSeed): LyceumState {
  const users = new Map<string, SimUser>();
  const orgs = new Map<string, OrgData>();
  const ensureOrg = (slug: string) => {
    if (!orgs.has(slug)) orgs.set(slug, newOrgData());
  };
  ensureOrg("other-org");
  for (const [i, init] of seed.users.entries()) {
    const slugs = Object.keys(init.orgs);
    for (const slug of slugs) ensureOrg(slug);
    users.set(`user-${i + 1}`, {
      id: `user-${i + 1}`,
      email: init.email,
      password: init.password,
      orgs: new Map(Object.entries(init.orgs)),
      defaultOrg: slugs[0] ?? "default",
      mfa: {
        enabled: init.mfaSecret !== undefined,
        secret: init.mfaSecret ?? null,
        pendingSecret: null,
        pendingBackupCodes: [],
        backupCodes: new Set(init.mfaSecret ? ["0000-1111", "2222-3333"] : []),
        enrolledAt: init.mfaSecret ? ctx.clock.now() - 86_400_000 : null,
      },
    });
  }
  const apiKeys = new Map<string, SimApiKey>();
  for (const [i, k] of seed.apiKeys.entries()) {
    const user = [...users.values()].find((u) => u.email === k.email);
    if (!user) throw new Error(`lyceum simulator: API key for unknown user ${k.email}`);
    ensureOrg(k.org);
    apiKeys.set(k.key, {
      id: `key_seed_${i + 1}`,
      userId: user.id,
      org: k.org,
      kind: "org",
      name: `seed key ${i + 1}`,
      prefix: k.key.slice(0, 10),
      createdAt: ctx.clock.now() - 30 * 86_400_000,
      expiresAt: null,
      active: true,
      lastUsedAt: null,
    });
  }
  const secret = new Uint8Array(32);
  for (let i = 0; i < secret.length; i++) secret[i] = Math.floor(ctx.random() * 256);
  const state: LyceumState = {
    users,
    apiKeys,
    refreshTokens: new Map(),
    mfaTokens: new Map(),
    orgs,
    orgInfo: new Map(),
    invites: new Map(),
    inferences: new Map(),
    checkouts: new Map(),
    vouchers: new Map([
      ["WELCOME50", 5000],
      ["SPENT2025", 0],
    ]),
    jwtSecret: secret,
    options: withDefaults(options, defaultOptions()),
    counters: { run: 0, vm: 0, env: 0, org: 0 },
  };
  for (const slug of orgs.keys()) seedOrg(state, ctx, slug, slug === "other-org" ? 0 : 3);
  return state;
}

/** Org record with seeded billing: top-ups (each with an invoice), then usage charges. */
export function seedOrg(
  state: LyceumState,
  ctx: SimContext,
  slug: string,
  topUps: number,
  name?: string,
): SimOrg {
  const existing = state.orgInfo.get(slug);
  if (existing) return existing;
  const now = ctx.clock.now();
  const day = 86_400_000;
  state.counters.org++;
  const org: SimOrg = {
    id: `org_${randomHex(ctx.random, 6)}`,
    slug,
    name: name ?? slug.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
    createdAt: now - 90 * day,
    suspended: false,
    balanceCents: 0,
    transactions: [],
    history: [],
    activities: [],
    invoices: [],
  };
  const push = (cents: number, type: string, description: string, at: number) => {
    org.balanceCents += cents;
    org.transactions.push({
      id: `txn_${randomHex(ctx.random, 6)}`,
      cents,
      type,
      description,
      at,
      balanceAfterCents: org.balanceCents,
    });
  };
  for (let i = 0; i < topUps; i++) {
    const at = now - (80 - i * 20) * day;
    push(10_000, "credit_purchase", "Credit purchase", at);
    org.invoices.push({
      id: `in_${randomHex(ctx.random, 6)}`,
      number: `LYC-${2026}-${String(state.counters.org).padStart(3, "0")}${i + 1}`,
      cents: 10_000,
      status: "paid",
      at,
    });
    org.activities.push({
      id: `act_${randomHex(ctx.random, 4)}`,
      type: "credit_purchase",
      description: "Bought 100.00 credits",
      cents: 10_000,
      at,
    });
  }
  if (topUps > 0) {
    const hardware = ["gpu.a100", "gpu.h100", "cpu", "gpu.l40s"];
    for (let i = 0; i < state.options.billingHistorySize; i++) {
      const seconds = 60 + Math.floor(ctx.random() * 3000);
      const hw = hardware[i % hardware.length] as string;
      const perHourCents = hw === "cpu" ? 35 : hw === "gpu.h100" ? 299 : hw === "gpu.a100" ? 189 : 129;
      const costCents = Math.max(1, Math.round((perHourCents * seconds) / 3600));
      const at = now - (60 - i * 4) * day;
      const id = `${randomHex(ctx.random, 4)}-${randomHex(ctx.random, 2)}-${randomHex(ctx.random, 2)}-${randomHex(ctx.random, 2)}-${randomHex(ctx.random, 6)}`;
      org.history.push({ execution_id: id, costCents, hardware: hw, seconds, status: "completed", at });
      push(-costCents, "usage", `Execution ${id.slice(0, 8)} on ${hw}`, at);
    }
  }
  org.transactions.sort((a, b) => b.at - a.at);
  org.history.sort((a, b) => b.at - a.at);
  state.orgInfo.set(slug, org);
  return org;
}

/** An org's data, created on first use (an org made after start, or one only a key names). */
export function orgData(env: SimEnv, slug: string): OrgData {
  let data = env.state.orgs.get(slug);
  if (!data) {
    data = newOrgData();
    env.state.orgs.set(slug, data);
  }
  return data;
}

export function createEnv(ctx: SimContext, state: LyceumState): SimEnv {
  return {
    state,
    ctx,
    now: () => ctx.clock.now(),
    id: (bytes = 16) => randomHex(ctx.random, bytes),
  };
}
