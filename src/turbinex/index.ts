/**
 * `turbokit/turbinex`: the TurbineX API (simulation jobs, turbines, studies and sharing, public
 * viewer, notes, org, usage).
 */

import { bearer } from "../auth/bearer.js";
import { missingAuth } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { bindSessionEndpoints } from "../auth/types.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import type { RateLimitInfo } from "../core/rate-limit.js";
import { createRateLimiter, type RateLimiterOptions } from "../core/rate-limiter.js";
import { AuthResource, sessionEndpoints } from "./auth.js";
import { JobsResource } from "./jobs.js";
import { NotesResource } from "./notes.js";
import { OrgResource, UsageResource } from "./org.js";
import { ParametricResource } from "./parametric.js";
import { PublicResource } from "./public.js";
import { ReportsResource } from "./reports.js";
import { StudiesResource } from "./studies.js";
import { TurbinesResource } from "./turbines.js";

/** The production API origin (the default `baseUrl`). */
export const TURBINEX_BASE_URL = "https://api.turbinex.app";
/** The environment variable read for a default `bearer` token. */
export const TURBINEX_TOKEN_ENV = "TURBINEX_TOKEN";

/** Options of `createTurbineX`: every core client option, plus an opt-in rate limiter. */
export interface TurbineXOptions extends ClientOptions {
  /**
   * Opt-in client-side limiter: queue requests so at most `perMinute` start in any minute,
   * instead of collecting 429s. Match your plan (Free 30, Pro 300, Enterprise 1000 per user).
   */
  rateLimit?: RateLimiterOptions;
}

/** A TurbineX client: one property per resource (see `createTurbineX`). */
export interface TurbineX {
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
  /** The API origin this client talks to. */
  readonly baseUrl: string;
  /** Rate-limit headers of the latest response, when the server sent any. */
  readonly rateLimit: RateLimitInfo | undefined;
}

/**
 * A TurbineX client. Auth: `jwtSession({ credentials })` / `jwtSession({ refreshToken })` (wired to
 * `/auth/login` and `/auth/refresh` here), `bearer(pat)`, or by default `TURBINEX_TOKEN`.
 */
export function createTurbineX(given?: TurbineXOptions | null): TurbineX {
  const options = given ?? {};
  const auth = options.auth ?? defaultAuth();
  const { rateLimit, ...clientOptions } = options;
  // The limiter's slot is taken before each attempt's timeout starts (not inside fetch), so a
  // queued request waits instead of timing out; totalTimeoutMs still bounds the wait.
  const limiter = rateLimit === undefined ? undefined : createRateLimiter(rateLimit);
  const http = new HttpClient(
    {
      name: "TurbineX",
      defaultBaseUrl: TURBINEX_BASE_URL,
      auth,
      // An API answering a login page is a misconfiguration, not something to follow.
      redirects: "error",
      // 402 (a cap) never clears by retrying.
      retryable: (error) => (error.status === 402 ? false : undefined),
      beforeAttempt: limiter && ((signal) => limiter.acquire(signal)),
    },
    withEnvDefaults(clientOptions, "TURBINEX_BASE_URL"),
  );
  bindSessionEndpoints(auth, sessionEndpoints(http));
  return {
    auth: new AuthResource(http),
    jobs: new JobsResource(http),
    parametric: new ParametricResource(http),
    turbines: new TurbinesResource(http),
    studies: new StudiesResource(http),
    reports: new ReportsResource(http),
    notes: new NotesResource(http),
    org: new OrgResource(http),
    usage: new UsageResource(http),
    public: new PublicResource(http),
    baseUrl: http.baseUrl,
    get rateLimit() {
      return http.lastRateLimit;
    },
  };
}

function defaultAuth(): AuthStrategy {
  const token = readEnv(TURBINEX_TOKEN_ENV);
  return token
    ? bearer(token)
    : missingAuth(
        `pass auth (jwtSession or bearer) to createTurbineX or ${envVariableHint(TURBINEX_TOKEN_ENV)}`,
      );
}

export type { TokenPair } from "../auth/types.js";
export type { Download, DownloadProgress } from "../core/download.js";
export {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
} from "../core/errors.js";
export type { RequestOptions } from "../core/http.js";
export type { RateLimiterOptions } from "../core/rate-limiter.js";
export type { CreatePatInput } from "./auth.js";
export {
  DemoTurbineReadOnlyError,
  JobFailedError,
  TurbineNameConflictError,
  VerificationRequiredError,
} from "./errors.js";
export type { DownloadOptions, ListOptions } from "./internal.js";
export {
  DEFAULT_DEDUPE_WINDOW_MS,
  type DedupeOptions,
  type ListJobsOptions,
  type SubmitJobInput,
  type SubmitJobOptions,
  TERMINAL_JOB_STATUSES,
  type WaitForJobOptions,
} from "./jobs.js";
export type { ListNotesOptions, NoteInput } from "./notes.js";
export type { OrgUpdate } from "./org.js";
export {
  MAX_SWEEP_COMBINATIONS,
  type ParameterValue,
  type ParametricInput,
  type SweepParameter,
} from "./parametric.js";
export { checkShareToken, type ShareViewer } from "./public.js";
export { TERMINAL_REPORT_STATUSES } from "./reports.js";
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
export type { ArtifactsResource, StudyInput, UploadArtifactInput } from "./studies.js";
export type { TurbineInput } from "./turbines.js";
export type {
  AuthResource,
  JobsResource,
  NotesResource,
  OrgResource,
  ParametricResource,
  PublicResource,
  ReportsResource,
  StudiesResource,
  TurbinesResource,
  UsageResource,
};
