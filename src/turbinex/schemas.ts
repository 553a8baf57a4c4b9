import * as z from "zod/mini";
import { timestamp } from "../core/codecs.js";
import { lazy, type Open, type Schema } from "../core/schema.js";

// ── Public result types (explicit, for autocompletion). Unknown fields are kept on every object. ──

export type JobStatus = Open<"queued" | "running" | "succeeded" | "failed" | "cancelled">;

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

export interface ParametricSweep {
  id: string;
  job_ids: string[];
  [key: string]: unknown;
}

export type TurbineKind = Open<"demo" | "custom">;

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

export interface ShareLink {
  enabled: boolean;
  token: string | null;
  url: string | null;
  [key: string]: unknown;
}

export interface Study {
  id: string;
  name: string;
  description: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  share: ShareLink;
  [key: string]: unknown;
}

export interface Artifact {
  id: string;
  filename: string;
  size_bytes: number | null;
  content_type: string | null;
  created_at: Date | null;
  [key: string]: unknown;
}

export type ReportStatus = Open<"pending" | "generating" | "ready" | "failed">;

export interface CertificationReport {
  id: string;
  status: ReportStatus;
  study_id: string;
  [key: string]: unknown;
}

export type NoteVisibility = Open<"private" | "org">;

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

export type Plan = Open<"free" | "pro" | "enterprise">;
export type Role = Open<"owner" | "admin" | "member">;

export interface Org {
  id: string;
  name: string;
  plan: Plan;
  [key: string]: unknown;
}

export interface Member {
  id: string;
  email: string;
  role: Role;
  verified: boolean | null;
  [key: string]: unknown;
}

export interface Me {
  id: string;
  email: string;
  org_id: string;
  role: Role;
  verified: boolean;
  plan: Plan;
  [key: string]: unknown;
}

export interface Usage {
  period_start: Date | null;
  period_end: Date | null;
  tokens_used: number;
  token_cap: number | null;
  spend_usd: number | null;
  spend_cap_usd: number | null;
  [key: string]: unknown;
}

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

export interface PublicStudy {
  id: string;
  name: string;
  description: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  [key: string]: unknown;
}

export interface LoginResponse {
  access_token: string;
  refresh_token: string | null;
  token_type: string | null;
  expires_in: number | null;
  [key: string]: unknown;
}

export interface PageEnvelope<T> {
  items: T[];
  total: number | null;
  page: number | null;
  page_size: number | null;
  total_pages: number | null;
}

// ── Schemas (zod/mini, built on first use) ──

const str = () => z.string();
const withDefault = <T>(schema: z.ZodMiniType, fallback: T) =>
  z.pipe(
    schema,
    z.transform((v) => (v === undefined ? fallback : v)),
  );

/** Nullable-and-optional fields arrive as `null` in results (never `undefined`). */
const nullish = (schema: z.ZodMiniType) => withDefault(z.optional(z.nullable(schema)), null);

export const jobSchema = lazy(
  () =>
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
    }) as unknown as Schema<Job>,
);

export const parametricSchema = lazy(
  () => z.looseObject({ id: str(), job_ids: z.array(str()) }) as unknown as Schema<ParametricSweep>,
);

export const turbineSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      name: str(),
      kind: str(),
      demo_derived: withDefault(z.optional(z.boolean()), false),
      rated_power_kw: nullish(z.number()),
      rotor_diameter_m: nullish(z.number()),
      hub_height_m: nullish(z.number()),
      config: withDefault(z.optional(z.nullable(z.record(z.string(), z.unknown()))), {}),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
    }) as unknown as Schema<Turbine>,
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

export const studySchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      name: str(),
      description: nullish(z.string()),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
      share: shareSchema(),
    }) as unknown as Schema<Study>,
);

export const artifactSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      filename: str(),
      size_bytes: nullish(z.number()),
      content_type: nullish(z.string()),
      created_at: nullish(timestamp()),
    }) as unknown as Schema<Artifact>,
);

export const reportSchema = lazy(
  () =>
    z.looseObject({ id: str(), status: str(), study_id: str() }) as unknown as Schema<CertificationReport>,
);

export const noteSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      body: str(),
      study_id: nullish(z.string()),
      job_id: nullish(z.string()),
      visibility: str(),
      owner_id: str(),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
    }) as unknown as Schema<Note>,
);

export const orgSchema = lazy(
  () => z.looseObject({ id: str(), name: str(), plan: str() }) as unknown as Schema<Org>,
);

export const memberSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      email: str(),
      role: str(),
      verified: nullish(z.boolean()),
    }) as unknown as Schema<Member>,
);

export const meSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      email: str(),
      org_id: str(),
      role: str(),
      verified: z.boolean(),
      plan: str(),
    }) as unknown as Schema<Me>,
);

export const usageSchema = lazy(
  () =>
    z.looseObject({
      period_start: nullish(timestamp()),
      period_end: nullish(timestamp()),
      tokens_used: z.number(),
      token_cap: nullish(z.number()),
      spend_usd: nullish(z.number()),
      spend_cap_usd: nullish(z.number()),
    }) as unknown as Schema<Usage>,
);

export const patSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      name: str(),
      expires_at: nullish(timestamp()),
      created_at: nullish(timestamp()),
    }) as unknown as Schema<Pat>,
);

export const createdPatSchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      name: str(),
      token: str(),
      expires_at: nullish(timestamp()),
      created_at: nullish(timestamp()),
    }) as unknown as Schema<CreatedPat>,
);

export const publicStudySchema = lazy(
  () =>
    z.looseObject({
      id: str(),
      name: str(),
      description: nullish(z.string()),
      created_at: nullish(timestamp()),
      updated_at: nullish(timestamp()),
    }) as unknown as Schema<PublicStudy>,
);

export const loginSchema = lazy(
  () =>
    z.looseObject({
      access_token: str(),
      refresh_token: nullish(z.string()),
      token_type: nullish(z.string()),
      expires_in: nullish(z.number()),
    }) as unknown as Schema<LoginResponse>,
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
