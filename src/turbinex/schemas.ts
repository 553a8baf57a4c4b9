import * as z from "zod/mini";
import { boolLike, idText, numberLike, orNull, timestamp } from "../core/codecs.js";
import { isRecord } from "../core/is-record.js";
import { lazy, type Open, type Schema, shaped } from "../core/schema.js";

// ── Public result types (explicit, for autocompletion). Unknown fields are kept on every object. ──
//
// TurbineX publishes no contract, so every answer is read tolerantly (DESIGN.md, "Reading
// responses"): only what the SDK's own logic reads is required (ids, the status a wait follows, a
// created token); every other field may be missing or null (it reads as `null`); ids arrive as
// strings or integers and are always strings here; amounts and counts may be numbers or decimal
// text and are always numbers here; timestamps may be ISO text or epoch numbers.

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
  created_at: Date | null;
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
  name: string | null;
  /** `null` when the server does not say. */
  kind: TurbineKind | null;
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
  /** False when the server sent no share link at all (`share` missing or `null`). */
  enabled: boolean;
  token: string | null;
  url: string | null;
  [key: string]: unknown;
}

/** A study: a named group of jobs, artifacts and notes, optionally shared read-only. */
export interface Study {
  id: string;
  name: string | null;
  description: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  share: ShareLink;
  [key: string]: unknown;
}

/** A file attached to a study (download it with `studies.artifacts.download`). */
export interface Artifact {
  id: string;
  filename: string | null;
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
  study_id: string | null;
  [key: string]: unknown;
}

/** Who sees a note: `private` (its author) or `org` (every member). */
export type NoteVisibility = Open<"private" | "org">;

/** A note on a study or a job. */
export interface Note {
  id: string;
  body: string | null;
  study_id: string | null;
  job_id: string | null;
  visibility: NoteVisibility | null;
  owner_id: string | null;
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
  id: string | null;
  name: string | null;
  plan: Plan | null;
  [key: string]: unknown;
}

/** A member of the caller's organisation. */
export interface Member {
  id: string;
  email: string | null;
  role: Role | null;
  verified: boolean | null;
  [key: string]: unknown;
}

/** The signed-in user (`auth.me()`). */
export interface Me {
  id: string | null;
  email: string | null;
  org_id: string | null;
  role: Role | null;
  /**
   * Whether the account is verified; read from `verified`, else `email_verified`, `is_verified`
   * or `user.verified`. `null` when the server says nothing.
   */
  verified: boolean | null;
  /** The plan; read from `plan`, else `org.plan`. `null` when the server says nothing. */
  plan: Plan | null;
  [key: string]: unknown;
}

/** The org's usage in the current billing period, against its token and spend caps. */
export interface Usage {
  period_start: Date | null;
  period_end: Date | null;
  tokens_used: number | null;
  token_cap: number | null;
  spend_usd: number | null;
  spend_cap_usd: number | null;
  [key: string]: unknown;
}

/** A personal access token's metadata (the token itself is shown only once, at creation). */
export interface Pat {
  id: string;
  name: string | null;
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
  name: string | null;
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

/** Nullable-and-optional fields arrive as `null` in results (never `undefined`). */
const nullish = orNull;

const text = () => nullish(z.string());
const optionalId = () => nullish(idText());
const amount = () => nullish(numberLike());
const when = () => nullish(timestamp());

export const jobSchema = lazy(() =>
  shaped<Job>()(
    z.looseObject({
      id: idText(),
      name: text(),
      // What `waitFor` follows. Open: any string.
      status: z.string(),
      created_at: when(),
      updated_at: when(),
      started_at: when(),
      finished_at: when(),
      progress: amount(),
      input_sha256: text(),
      turbine_id: optionalId(),
      study_id: optionalId(),
      // The failure text; a server may send an object (`{message}`), kept readable as text.
      error: nullish(
        z.pipe(
          z.unknown(),
          z.transform((v) => (typeof v === "string" ? v : JSON.stringify(v))),
        ),
      ),
      output_size_bytes: amount(),
    }),
  ),
);

export const parametricSchema = lazy(() =>
  shaped<ParametricSweep>()(
    z.looseObject({
      id: idText(),
      job_ids: z.pipe(
        z.optional(z.nullable(z.array(idText()))),
        z.transform((v) => v ?? []),
      ),
    }),
  ),
);

export const turbineSchema = lazy(() =>
  shaped<Turbine>()(
    z.looseObject({
      id: idText(),
      name: text(),
      kind: text(),
      demo_derived: z.pipe(
        z.optional(z.nullable(boolLike())),
        z.transform((v) => v ?? false),
      ),
      rated_power_kw: amount(),
      rotor_diameter_m: amount(),
      hub_height_m: amount(),
      // A missing or null config reads as an empty document (the declared type is never null).
      config: z.pipe(
        z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        z.transform((v) => v ?? {}),
      ),
      created_at: when(),
      updated_at: when(),
    }),
  ),
);

const NO_SHARE = () => ({ enabled: false, token: null, url: null });

/** The share link; missing or `null` reads as "not shared". */
const shareSchema = () =>
  z.pipe(
    z.optional(
      z.nullable(
        z.looseObject({
          enabled: orNull(boolLike()),
          token: text(),
          url: text(),
        }),
      ),
    ),
    z.transform((v): ShareLink => {
      if (!v) return NO_SHARE();
      // No `enabled` flag: a token says it is on.
      return { ...v, enabled: v.enabled ?? v.token !== null };
    }),
  );

/** What the public viewer shows of a study; the owner's view adds the share link. */
const studyHeader = () =>
  z.looseObject({
    id: idText(),
    name: text(),
    description: text(),
    created_at: when(),
    updated_at: when(),
  });

export const studySchema = lazy(() => shaped<Study>()(z.extend(studyHeader(), { share: shareSchema() })));

export const artifactSchema = lazy(() =>
  shaped<Artifact>()(
    z.looseObject({
      id: idText(),
      filename: text(),
      size_bytes: amount(),
      content_type: text(),
      created_at: when(),
    }),
  ),
);

export const reportSchema = lazy(() =>
  shaped<CertificationReport>()(z.looseObject({ id: idText(), status: z.string(), study_id: optionalId() })),
);

export const noteSchema = lazy(() =>
  shaped<Note>()(
    z.looseObject({
      id: idText(),
      body: text(),
      study_id: optionalId(),
      job_id: optionalId(),
      visibility: text(),
      owner_id: optionalId(),
      created_at: when(),
      updated_at: when(),
    }),
  ),
);

export const orgSchema = lazy(() =>
  shaped<Org>()(z.looseObject({ id: optionalId(), name: text(), plan: text() })),
);

export const memberSchema = lazy(() =>
  shaped<Member>()(
    z.looseObject({
      id: idText(),
      email: text(),
      role: text(),
      verified: nullish(boolLike()),
    }),
  ),
);

function firstFlag(...values: unknown[]): boolean | null {
  for (const value of values) {
    const parsed = boolLike().safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return null;
}

export const meSchema = lazy(() =>
  shaped<Me>()(
    z.pipe(
      z.looseObject({
        id: optionalId(),
        email: text(),
        org_id: optionalId(),
        role: text(),
      }),
      // `verified` and `plan` may sit elsewhere (`email_verified`, `user.verified`, `org.plan`).
      z.transform((me) => {
        const user = isRecord(me.user) ? me.user : {};
        const org = isRecord(me.org) ? me.org : {};
        const plan = [me.plan, org.plan, user.plan].find((p) => typeof p === "string");
        return {
          ...me,
          verified: firstFlag(me.verified, me.email_verified, me.is_verified, user.verified),
          plan: typeof plan === "string" ? plan : null,
        };
      }),
    ),
  ),
);

export const usageSchema = lazy(() =>
  shaped<Usage>()(
    z.looseObject({
      period_start: when(),
      period_end: when(),
      tokens_used: amount(),
      token_cap: amount(),
      spend_usd: amount(),
      spend_cap_usd: amount(),
    }),
  ),
);

const pat = () =>
  z.looseObject({
    id: idText(),
    name: text(),
    expires_at: when(),
    created_at: when(),
  });

export const patSchema = lazy(() => shaped<Pat>()(pat()));

/** A PAT as created: the same record plus the token, shown this once. */
export const createdPatSchema = lazy(() => shaped<CreatedPat>()(z.extend(pat(), { token: z.string() })));

export const publicStudySchema = lazy(() => shaped<PublicStudy>()(studyHeader()));

export const loginSchema = lazy(() =>
  shaped<LoginResponse>()(
    z.looseObject({
      access_token: z.string(),
      refresh_token: text(),
      token_type: text(),
      expires_in: amount(),
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
      total: amount(),
      page: amount(),
      page_size: amount(),
      total_pages: amount(),
    }),
  ]) as unknown as Schema<PageEnvelope<T>>;
  pageSchemas.set(item, schema);
  return schema;
}
