/**
 * `turbokit/turbinex`: the TurbineX API (simulation jobs, turbines, studies and sharing, public
 * viewer, notes, org, usage). `createTurbineX()` for the full client; `createTurbineXCore()` and
 * the standalone operations (`getJob(core, id)`) for a browser bundle that carries only its calls.
 */

import { defineClient } from "../core/client.js";
import type { ArtifactsResource } from "./artifacts.js";
import { AuthResource, type PatsResource } from "./auth.js";
import { coreWithOptions, createTurbineXCore, type TurbineXCore, type TurbineXOptions } from "./client.js";
import { JobsResource } from "./jobs.js";
import { NotesResource } from "./notes.js";
import { OrgResource } from "./org.js";
import { ParametricResource } from "./parametric.js";
import { PublicResource } from "./public.js";
import { ReportsResource } from "./reports.js";
import { StudiesResource } from "./studies.js";
import { TurbinesResource } from "./turbines.js";
import { UsageResource } from "./usage.js";

/** A TurbineX client: the core's members and one property per resource (see `createTurbineX`). */
export interface TurbineXClient extends TurbineXCore {
  /** Login, refresh, the current user and personal access tokens. */
  readonly auth: AuthResource;
  /** Simulation jobs: submit a ZIP, wait, download the output. */
  readonly jobs: JobsResource;
  /** Parametric sweeps: one job per combination of parameter values. */
  readonly parametric: ParametricResource;
  /** Turbine configurations (clone a demo turbine to edit it). */
  readonly turbines: TurbinesResource;
  /** Studies, their artifacts, sharing and certification reports. */
  readonly studies: StudiesResource;
  /** Certification reports: status, wait, PDF download. */
  readonly reports: ReportsResource;
  /** Notes on studies and jobs (private or org-visible). */
  readonly notes: NotesResource;
  /** The caller's organisation and its members. */
  readonly org: OrgResource;
  /** Usage against the plan's caps in this period. */
  readonly usage: UsageResource;
  /** The Share Space viewer: works with no credentials at all. */
  readonly public: PublicResource;
  /** A new client with `options` changed and every other option kept (the rate limiter is shared). */
  withOptions(options: TurbineXOptions): TurbineXClient;
}

/**
 * A TurbineX client. Auth: `jwtSession({ credentials })` / `jwtSession({ refreshToken })` (wired to
 * `/auth/login` and `/auth/refresh` here), `bearer(pat)`, or by default `TURBINEX_TOKEN`.
 */
export function createTurbineX(options?: TurbineXOptions | null): TurbineXClient {
  return clientOf(createTurbineXCore(options));
}

function clientOf(core: TurbineXCore): TurbineXClient {
  return defineClient(core, {
    auth: new AuthResource(core),
    jobs: new JobsResource(core),
    parametric: new ParametricResource(core),
    turbines: new TurbinesResource(core),
    studies: new StudiesResource(core),
    reports: new ReportsResource(core),
    notes: new NotesResource(core),
    org: new OrgResource(core),
    usage: new UsageResource(core),
    public: new PublicResource(core),
    withOptions: (changes: TurbineXOptions) => clientOf(coreWithOptions(core, changes)),
  });
}

export type { TokenPair } from "../auth/types.js";
export type { APIPromise, WithResponse } from "../core/api-promise.js";
export type { ClientCore } from "../core/client.js";
export type { Download, DownloadProgress } from "../core/download.js";
export {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
} from "../core/errors.js";
export type { RequestOptions, ResponseInfo, UploadProgress } from "../core/http.js";
export type { RateLimiterOptions } from "../core/rate-limiter.js";
export {
  downloadArtifact,
  listArtifacts,
  type UploadArtifactInput,
  uploadArtifact,
} from "./artifacts.js";
export {
  type CreatePatInput,
  createPat,
  getMe,
  listPats,
  login,
  refreshTokens,
  revokePat,
} from "./auth.js";
export {
  createTurbineXCore,
  TURBINEX_BASE_URL,
  TURBINEX_TOKEN_ENV,
  type TurbineXCore,
  type TurbineXOptions,
} from "./client.js";
export {
  DemoTurbineReadOnlyError,
  JobFailedError,
  TurbineNameConflictError,
  VerificationRequiredError,
} from "./errors.js";
export type { DownloadOptions, ListOptions } from "./internal.js";
export {
  cancelJob,
  DEFAULT_DEDUPE_WINDOW_MS,
  type DedupeOptions,
  downloadJobOutput,
  findRecentJobByHash,
  getJob,
  type ListJobsOptions,
  listJobs,
  type SubmitJobInput,
  type SubmitJobOptions,
  submitJob,
  TERMINAL_JOB_STATUSES,
  type WaitForJobOptions,
  waitForJob,
} from "./jobs.js";
export {
  createNote,
  deleteNote,
  getNote,
  type ListNotesOptions,
  listNotes,
  type NoteInput,
  updateNote,
} from "./notes.js";
export { getOrg, listMembers, type OrgUpdate, updateOrg } from "./org.js";
export {
  MAX_SWEEP_COMBINATIONS,
  type ParameterValue,
  type ParametricInput,
  type SweepParameter,
  submitParametric,
} from "./parametric.js";
export {
  checkShareToken,
  downloadPublicArtifact,
  getPublicStudy,
  listPublicArtifacts,
  type ShareViewer,
} from "./public.js";
export { downloadReport, getReport, TERMINAL_REPORT_STATUSES, waitForReport } from "./reports.js";
// Result types only: the zod schemas behind them stay internal.
export type {
  Artifact,
  CertificationReport,
  CreatedPat,
  Job,
  JobStatus,
  LoginResponse,
  Me,
  Member,
  Note,
  NoteVisibility,
  Org,
  PageEnvelope,
  ParametricSweep,
  Pat,
  Plan,
  PublicStudy,
  ReportStatus,
  Role,
  ShareLink,
  Study,
  Turbine,
  TurbineKind,
  Usage,
} from "./schemas.js";
export {
  createStudy,
  deleteStudy,
  getStudy,
  listStudies,
  requestCertificationReport,
  rotateStudyShareToken,
  type StudyInput,
  setStudySharing,
  updateStudy,
} from "./studies.js";
export {
  cloneTurbine,
  createTurbine,
  deleteTurbine,
  getTurbine,
  listTurbines,
  type TurbineInput,
  updateTurbine,
} from "./turbines.js";
export { getUsage } from "./usage.js";
export type {
  ArtifactsResource,
  AuthResource,
  JobsResource,
  NotesResource,
  OrgResource,
  ParametricResource,
  PatsResource,
  PublicResource,
  ReportsResource,
  StudiesResource,
  TurbinesResource,
  UsageResource,
};
