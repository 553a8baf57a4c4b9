import * as z from "zod/mini";
import { timestamp } from "../core/codecs.js";
import { lazy, type Open, type Schema, shaped } from "../core/schema.js";

// ── Public result types (explicit, for autocompletion). Unknown fields are kept on every object. ──

/**
 * A job's status: `queued`, `running`, then `succeeded`, `failed` or `cancelled` (open: other strings
 * pass).
 */
export type JobStatus = Open<"queued" | "running" | "succeeded" | "failed" | "cancelled">;

/** A simulation job as the API returns it (timestamps parsed into `Date`; unknown fields kept). */
export interface Job {
  id: string;
  name: string | null;
  status: JobStatus;
  created_at: Date;
  updated_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** 0..1 while running, when the server reports it. */
  progress: number | null;
  /** SHA-256 (hex) of the uploaded ZIP: what client-side dedupe compares. */
  input_sha256: string | null;
  turbine_id: string | null;
  study_id: string | null;
  /** Why the job failed (only on `failed`). */
  error: string | null;
  output_size_bytes: number | null;
  [key: string]: unknown;
}

/** A parametric sweep: one submitted sweep and the ids of the jobs it started. */
export interface ParametricSweep {
  id: string;
  job_ids: string[];
  [key: string]: unknown;
}

/** `demo` (read-only, clone it to edit) or `custom` (open: other strings pass). */
export type TurbineKind = Open<"demo" | "custom">;

/** A turbine configuration of the org (demo rows are read-only). */
export interface Turbine {
  id: string;
  name: string;
  kind: TurbineKind;
  /** Demo-derived rows are read-only: clone them first. */
  demo_derived: boolean;
  rated_power_kw: number | null;
  rotor_diameter_m: number | null;
  hub_height_m: number | null;
  config: Record<string, unknown>;
  created_at: Date | null;
  updated_at: Date | null;
  [key: string]: unknown;
}

/** A study's read-only share link: `token` and `url` are set while sharing is enabled. */
export interface ShareLink {
  enabled: boolean;
  token: string | null;
  url: string | null;
  [key: string]: unknown;
}

/** A study: a named group of jobs, artifacts and notes, optionally shared read-only. */
export interface Study {
  id: string;
  name: string;
  description: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  share: ShareLink;
  [key: string]: unknown;
}

/** A file attached to a study (download it with `studies.artifacts.download`). */
export interface Artifact {
  id: string;
  filename: string;
  size_bytes: number | null;
  content_type: string | null;
  created_at: Date | null;
  [key: string]: unknown;
}

/** A certification report's status: `pending`, `generating`, then `ready` or `failed` (open). */
export type ReportStatus = Open<"pending" | "generating" | "ready" | "failed">;

/** A study's certification report (a PDF once `ready`). */
export interface CertificationReport {
  id: string;
  status: ReportStatus;
  study_id: string;
  [key: string]: unknown;
}

/** Who sees a note: `private` (its author) or `org` (every member). */
export type NoteVisibility = Open<"private" | "org">;

/** A note on a study or a job. */
export interface Note {
  id: string;
  body: string;
  study_id: string | null;
  job_id: string | null;
  visibility: NoteVisibility;
  owner_id: string;
  created_at: Date | null;
  updated_at: Date | null;
  [key: string]: unknown;
}

/** The org's plan (`free`, `pro`, `enterprise`; open): it sets rate limits and caps. */
export type Plan = Open<"free" | "pro" | "enterprise">;
/** A member's role in the org (`owner`, `admin`, `member`; open). */
export type Role = Open<"owner" | "admin" | "member">;

/** The caller's organisation. */
export interface Org {
  id: string;
  name: string;
  plan: Plan;
  [key: string]: unknown;
}

/** A member of the caller's organisation. */
export interface Member {
  id: string;
  email: string;
  role: Role;
  verified: boolean | null;
  [key: string]: unknown;
}

/** The signed-in user (`auth.me()`). */
export interface Me {
  id: string;
  email: string;
  org_id: string;
  role: Role;
  verified: boolean;
  plan: Plan;
  [key: string]: unknown;
}

/** The org's usage in the current billing period, against its token and spend caps. */
export interface Usage {
  period_start: Date | null;
  period_end: Date | null;
  tokens_used: number;
  token_cap: number | null;
  spend_usd: number | null;
  spend_cap_usd: number | null;
  [key: string]: unknown;
}

/** A personal access token's metadata (the token itself is shown only once, at creation). */
export interface Pat {
  id: string;
  name: string;
  expires_at: Date | null;
  created_at: Date | null;
  [key: string]: unknown;
}

/** A PAT as created: `token` is shown this once (printing the object redacts it). */
export interface CreatedPat extends Pat {
  token: string;
}

/** A shared study as the public Share Space viewer sees it. */
export interface PublicStudy {
  id: string;
  name: string;
  description: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  [key: string]: unknown;
}

/** The answer of `/auth/login` and `/auth/refresh` (wrap it with `TokenPair` helpers; never print it). */
export interface LoginResponse {
  access_token: string;
  refresh_token: string | null;
  token_type: string | null;
  expires_in: number | null;
  [key: string]: unknown;
}

/** TurbineX's page shape on the wire (`PaginatedResponse<T>`). */
export interface PageEnvelope<T> {
  items: T[];
  total: number | null;
  page: number | null;
  page_size: number | null;
  total_pages: number | null;
}

// ── Schemas (zod/mini, built on first use) ──

const str = () => z.string();
/** A missing field reads as `fallback`. */
const withDefault = <S extends z.ZodMiniType, D>(schema: S, fallback: D) =>
  z.pipe(
    schema,
    z.transform((v: z.output<S>): Exclude<z.output<S>, undefined> | D =>
      v === undefined ? fallback : (v as Exclude<z.output<S>, undefined>),
    ),
  );

/** Nullable-and-optional fields arrive as `null` in results (never `undefined`). */
const nullish = <S extends z.ZodMiniType>(schema: S) => withDefault(z.optional(z.nullable(schema)), null);

export const jobSchema = lazy(() =>
  shaped<Job>()(
    z.looseObject({
      id: str(),
      name: nullish(z.string()),
      status: str(),
      created_at: timestamp(),
      updated_at: nullish(timestamp()),
      started_at: nullish(timestamp()),
      finished_at: nullish(timestamp()),
      progress: nullish(z.number()),
      input_sha256: nullish(z.string()),
      turbine_id: nullish(z.string()),
      study_id: nullish(z.string()),
      error: nullish(z.string()),
      output_size_bytes: nullish(z.number()),
    }),
  ),
);

export const parametricSchema = lazy(() =>
  shaped<ParametricSweep>()(z.looseObject({ id: str(), job_ids: z.array(str()) })),
);

export const turbineSchema = lazy(() =>
  shaped<Turbine>()(
    z.looseObject({
      id: str(),
      name: str(),
      kind: str(),
      demo_derived: withDefault(z.optional(z.boolean()), false),
      rated_power_kw: nullish(z.number()),
      rotor_diameter_m: nullish(z.number()),
      hub_height_m: nullish(z.number()),
      // A missing or null config reads as an empty document (the declared type is never null).
      config: z.pipe(
        z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        z.transform((v) => v ?? {}),
      ),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
    }),
  ),
);

const shareSchema = () =>
  withDefault(
    z.optional(
      z.looseObject({
        enabled: z.boolean(),
        token: nullish(z.string()),
        url: nullish(z.string()),
      }),
    ),
    { enabled: false, token: null, url: null },
  );

/** What the public viewer shows of a study; the owner's view adds the share link. */
const studyHeader = () =>
  z.looseObject({
    id: str(),
    name: str(),
    description: nullish(z.string()),
    created_at: nullish(timestamp()),
    updated_at: nullish(timestamp()),
  });

export const studySchema = lazy(() => shaped<Study>()(z.extend(studyHeader(), { share: shareSchema() })));

export const artifactSchema = lazy(() =>
  shaped<Artifact>()(
    z.looseObject({
      id: str(),
      filename: str(),
      size_bytes: nullish(z.number()),
      content_type: nullish(z.string()),
      created_at: nullish(timestamp()),
    }),
  ),
);

export const reportSchema = lazy(() =>
  shaped<CertificationReport>()(z.looseObject({ id: str(), status: str(), study_id: str() })),
);

export const noteSchema = lazy(() =>
  shaped<Note>()(
    z.looseObject({
      id: str(),
      body: str(),
      study_id: nullish(z.string()),
      job_id: nullish(z.string()),
      visibility: str(),
      owner_id: str(),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
    }),
  ),
);

export const orgSchema = lazy(() => shaped<Org>()(z.looseObject({ id: str(), name: str(), plan: str() })));

export const memberSchema = lazy(() =>
  shaped<Member>()(
    z.looseObject({
      id: str(),
      email: str(),
      role: str(),
      verified: nullish(z.boolean()),
    }),
  ),
);

export const meSchema = lazy(() =>
  shaped<Me>()(
    z.looseObject({
      id: str(),
      email: str(),
      org_id: str(),
      role: str(),
      verified: z.boolean(),
      plan: str(),
    }),
  ),
);

export const usageSchema = lazy(() =>
  shaped<Usage>()(
    z.looseObject({
      period_start: nullish(timestamp()),
      period_end: nullish(timestamp()),
      tokens_used: z.number(),
      token_cap: nullish(z.number()),
      spend_usd: nullish(z.number()),
      spend_cap_usd: nullish(z.number()),
    }),
  ),
);

const pat = () =>
  z.looseObject({
    id: str(),
    name: str(),
    expires_at: nullish(timestamp()),
    created_at: nullish(timestamp()),
  });

export const patSchema = lazy(() => shaped<Pat>()(pat()));

/** A PAT as created: the same record plus the token, shown this once. */
export const createdPatSchema = lazy(() => shaped<CreatedPat>()(z.extend(pat(), { token: str() })));

export const publicStudySchema = lazy(() => shaped<PublicStudy>()(studyHeader()));

export const loginSchema = lazy(() =>
  shaped<LoginResponse>()(
    z.looseObject({
      access_token: str(),
      refresh_token: nullish(z.string()),
      token_type: nullish(z.string()),
      expires_in: nullish(z.number()),
    }),
  ),
);

/**
 * `PaginatedResponse<T>`; a bare array is accepted too (read as a single page), because a few
 * [contract] lists may turn out to be unpaginated.
 */
const pageSchemas = new WeakMap<() => unknown, unknown>();

export function pageSchema<T>(item: () => Schema<T>): Schema<PageEnvelope<T>> {
  const cached = pageSchemas.get(item);
  if (cached) return cached as Schema<PageEnvelope<T>>;
  const schema = z.union([
    z.pipe(
      z.array(item()),
      z.transform((items) => ({ items, total: items.length, page: 1, page_size: null, total_pages: 1 })),
    ),
    z.looseObject({
      items: z.array(item()),
      total: nullish(z.number()),
      page: nullish(z.number()),
      page_size: nullish(z.number()),
      total_pages: nullish(z.number()),
    }),
  ]) as unknown as Schema<PageEnvelope<T>>;
  pageSchemas.set(item, schema);
  return schema;
}
