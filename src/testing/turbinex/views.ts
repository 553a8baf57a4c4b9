import {
  JOB_ERROR_TEXT,
  jobStatus,
  reportStatus,
  type SimArtifact,
  type SimJob,
  type SimNote,
  type SimOrg,
  type SimPat,
  type SimReport,
  type SimStudy,
  type SimTurbine,
  type SimUser,
  type TurbineXSimState,
} from "./state.js";

/**
 * How TurbineX answers each record: the JSON of the default dialect (variant.ts re-shapes it for
 * the variant dialect). Timestamps are ISO strings; ids stay strings.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export function jobView(state: TurbineXSimState, job: SimJob): Record<string, unknown> {
  const { status, progress } = jobStatus(state, job);
  const { jobQueueMs, jobRunMs } = state.settings;
  const startedAt = job.created_at + jobQueueMs;
  const endAt = job.created_at + jobQueueMs + jobRunMs;
  const started = status !== "queued" && !(status === "cancelled" && (job.cancelled_at ?? 0) < startedAt);
  const finishedAt =
    status === "cancelled" ? job.cancelled_at : status === "succeeded" || status === "failed" ? endAt : null;
  return {
    id: job.id,
    name: job.name,
    status,
    created_at: iso(job.created_at),
    updated_at: iso(finishedAt ?? (started ? Math.min(state.now(), endAt) : job.created_at)),
    started_at: started ? iso(startedAt) : null,
    finished_at: finishedAt === null ? null : iso(finishedAt),
    progress,
    input_sha256: job.input_sha256,
    turbine_id: job.turbine_id,
    study_id: job.study_id,
    error: status === "failed" ? JOB_ERROR_TEXT : null,
    output_size_bytes: status === "succeeded" ? state.settings.outputBytes : null,
  };
}

export function turbineView(t: SimTurbine): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    demo_derived: t.demo_derived,
    rated_power_kw: t.rated_power_kw,
    rotor_diameter_m: t.rotor_diameter_m,
    hub_height_m: t.hub_height_m,
    config: t.config,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

export function studyView(s: SimStudy): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
    share: {
      enabled: s.share_enabled,
      token: s.share_enabled ? s.share_token : null,
      url: s.share_enabled && s.share_token ? `https://app.turbinex.app/share/${s.share_token}` : null,
    },
  };
}

export function artifactView(a: SimArtifact): Record<string, unknown> {
  return {
    id: a.id,
    filename: a.filename,
    size_bytes: a.bytes.byteLength,
    content_type: a.content_type,
    created_at: iso(a.created_at),
  };
}

export function reportView(state: TurbineXSimState, r: SimReport): Record<string, unknown> {
  return { id: r.id, status: reportStatus(state, r), study_id: r.study_id };
}

export function noteView(n: SimNote): Record<string, unknown> {
  return {
    id: n.id,
    body: n.body,
    study_id: n.study_id,
    job_id: n.job_id,
    visibility: n.visibility,
    owner_id: n.owner_id,
    created_at: iso(n.created_at),
    updated_at: iso(n.updated_at),
  };
}

export function patView(p: SimPat): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    expires_at: p.expires_at === null ? null : iso(p.expires_at),
    created_at: iso(p.created_at),
  };
}

/** `GET /auth/me`: the caller, with their org's plan. */
export function meView(user: SimUser, org: SimOrg): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    org_id: org.id,
    role: user.role,
    verified: user.verified,
    plan: org.plan,
  };
}

export function orgView(org: SimOrg): Record<string, unknown> {
  return { id: org.id, name: org.name, plan: org.plan };
}

export function memberView(u: SimUser): Record<string, unknown> {
  return { id: u.id, email: u.email, role: u.role, verified: u.verified };
}

/** `GET /usage`: this calendar month's tokens and spend against the org's caps. */
export function usageView(state: TurbineXSimState, org: SimOrg): Record<string, unknown> {
  const now = new Date(state.now());
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return {
    period_start: iso(start),
    period_end: iso(end),
    tokens_used: org.tokens_used,
    token_cap: org.token_cap,
    spend_usd: Math.round(org.tokens_used * 0.002) / 100,
    spend_cap_usd: org.spend_cap_usd,
  };
}
