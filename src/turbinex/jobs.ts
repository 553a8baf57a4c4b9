import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { optionalId, requireId, requireInt, requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { parseTimestamp } from "../core/codecs.js";
import type { Download } from "../core/download.js";
import { AbortedError, ApiError, InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { multipartBlob } from "../core/multipart.js";
import type { Paginator } from "../core/pagination.js";
import { finalOutcome, type WaitOptions, waitFor } from "../core/polling.js";
import { sha256Hex, toBlob, type UploadBody } from "../core/upload.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { JobFailedError } from "./errors.js";
import { type DownloadOptions, download, type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Job, type JobStatus, jobSchema } from "./schemas.js";

/** Statuses after which a job never changes. Anything else (known or not) is still open. */
export const TERMINAL_JOB_STATUSES: readonly string[] = ["succeeded", "failed", "cancelled"];

/**
 * Page size of the dedupe scan: the seed says list maxima vary "per endpoint (50–200)", so 50 is
 * the one size every list accepts. Refused anyway (400/422), the scan falls back to the server's
 * default page size.
 */
export const DEDUPE_PAGE_SIZE = 50;

/** How far back `dedupe` looks for a job with the same input hash (24 hours). */
export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What `jobs.submit` sends: the ZIP and optional metadata. */
export interface SubmitJobInput {
  /** The simulation inputs as a ZIP (Blob/File streams from disk; bytes are wrapped). */
  file: UploadBody;
  name?: string;
  turbineId?: string;
  studyId?: string;
  /** File name for the multipart part (default: the File's name, else `input.zip`). */
  filename?: string;
}

/** How `{ dedupe }` looks for a recent job with the same input hash. */
export interface DedupeOptions {
  /** How far back a job counts as "recent" (default 24 h). */
  windowMs?: number;
  /**
   * Most list pages read (default 5, i.e. up to 250 jobs). The contract does not say how
   * `GET /jobs` is ordered, so a lookup that finds no match reads all of them.
   */
  maxPages?: number;
}

/** Options of `jobs.submit`: dedupe, plus the per-call request options (`onUploadProgress` too). */
export interface SubmitJobOptions extends RequestOptions {
  /**
   * Skip the submit when a recent job (not failed/cancelled) has the same `input_sha256`, and
   * return that job instead. The seed's documented remedy for non-idempotent submits. Dedupe never
   * blocks a submit: when the scan itself fails (the list refused, a malformed page) the job is
   * submitted anyway and the client's logger says why (warn). Only the caller's abort stops it.
   */
  dedupe?: boolean | DedupeOptions;
}

/** Filters and paging of `jobs.list`. */
export interface ListJobsOptions extends ListOptions {
  status?: JobStatus;
  studyId?: string;
}

/**
 * Options of `jobs.waitFor`: `onProgress`, `timeoutMs`, `signal`, poll intervals, and what else
 * ends the wait (`finalStates`, `until`). Besides the documented final statuses the common final
 * words (`completed`, `done`, `error`, `canceled`…) end it too.
 */
export type WaitForJobOptions = WaitOptions<Job>;

/** The ZIP part: validated (non-empty, `PK` magic) and typed `application/zip`. */
export async function zipPart(file: UploadBody, field = "file"): Promise<Blob> {
  if (file === undefined || file === null) throw new InputValidationError(field, "is required");
  const blob = await toBlob(file, field, "application/zip");
  if (blob.size < 4) throw new InputValidationError(field, "is empty or too small to be a ZIP archive");
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x50 || magic[1] !== 0x4b) {
    throw new InputValidationError(field, "is not a ZIP archive (missing the PK signature)");
  }
  return blob.type === "application/zip" ? blob : new Blob([blob], { type: "application/zip" });
}

export function fileNameOf(file: UploadBody, given: string | undefined): string {
  if (given !== undefined) return requireString(given, "filename", 255);
  // A missing file is reported by zipPart as `file` (InputValidationError), not here.
  const name = (file as { name?: unknown } | null | undefined)?.name;
  return typeof name === "string" && name !== "" ? name : "input.zip";
}

/**
 * A job dedupe may return. `created_at` goes through `parseTimestamp` because with
 * `validate: false` it is still the wire string (and the item itself is unchecked).
 */
function isRecentMatch(job: Job, sha256: string, since: number): boolean {
  if (typeof job !== "object" || job === null) return false;
  const created = parseTimestamp(job.created_at)?.getTime();
  return (
    typeof job.input_sha256 === "string" &&
    job.input_sha256.toLowerCase() === sha256 &&
    created !== undefined &&
    created >= since &&
    !UNUSABLE.has(finalOutcome(job.status) ?? "")
  );
}

// A failed or cancelled job (whatever word the server uses) is no reason to skip a submit.
const UNUSABLE = new Set(["failed", "cancelled"]);

function checkDedupeSettings(settings: DedupeOptions | null | undefined): {
  windowMs: number;
  maxPages: number;
} {
  const windowMs = settings?.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  if (typeof windowMs !== "number" || !(windowMs > 0)) {
    throw new InputValidationError("dedupe.windowMs", "must be a positive number of ms");
  }
  const maxPages = requireInt(settings?.maxPages ?? 5, "dedupe.maxPages", 1, Number.MAX_SAFE_INTEGER);
  return { windowMs, maxPages };
}

const refusedPageSize = (error: unknown) =>
  error instanceof ApiError && (error.status === 422 || error.status === 400);

function jobsOf(http: HttpClient, given: ListJobsOptions | null | undefined, options?: RequestOptions) {
  const filter = given ?? {};
  return paginate(http, routes.jobs.list, jobSchema, {
    query: {
      status: filter.status === undefined ? undefined : requireString(filter.status, "status", 64),
      study_id: optionalId(filter.studyId, "studyId"),
    },
    list: filter,
    maxPageSize: MAX_PAGE_SIZE.jobs,
    options,
  });
}

function fetchJob(http: HttpClient, id: string, options: RequestOptions | undefined): Promise<Job> {
  return http.json(routes.jobs.get, { params: { id: requireId(id, "id") }, schema: jobSchema(), options });
}

/**
 * The first recent job (within `windowMs`, not failed or cancelled) whose `input_sha256`
 * matches, in the order `GET /jobs` lists them, reading at most `maxPages` pages. The contract
 * states no order, so there is no early stop at old jobs: a miss costs `maxPages` requests.
 */
async function findRecent(
  http: HttpClient,
  sha256: string,
  settings: DedupeOptions | null | undefined,
  options: RequestOptions | undefined,
): Promise<Job | undefined> {
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new InputValidationError("sha256", "must be 64 hex characters");
  }
  const { windowMs, maxPages } = checkDedupeSettings(settings);
  const since = Date.now() - windowMs;
  const wanted = sha256.toLowerCase();
  const scan = async (pageSize: number | undefined) => {
    for await (const job of jobsOf(http, { pageSize, maxPages }, options)) {
      if (isRecentMatch(job, wanted, since)) return job;
    }
    return undefined;
  };
  try {
    return await scan(DEDUPE_PAGE_SIZE);
  } catch (error) {
    // The page size refused: ask again with the server's own default.
    if (!refusedPageSize(error)) throw error;
    http.logger.info(`TurbineX dedupe: page_size=${DEDUPE_PAGE_SIZE} refused; using the server's default`);
    return scan(undefined);
  }
}

/** Jobs in the server's order (the simulator's: newest first), across pages (lazy). */
export function listJobs(
  core: TurbineXCore,
  filter?: ListJobsOptions | null,
  options?: RequestOptions,
): Paginator<Job, number> {
  return jobsOf(httpOf(core), filter, options);
}

/** One job by id (404 `NotFoundError` when missing or not yours). */
export function getJob(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<Job> {
  return apiPromise(options, (o) => fetchJob(httpOf(core), id, o));
}

/**
 * Uploads the ZIP as multipart and queues a run. Never retried (a second submit bills a second
 * run). With `{ dedupe: true }` a recent job with the same SHA-256 is returned instead;
 * `onUploadProgress` reports the multipart body's bytes as they are sent.
 */
export function submitJob(
  core: TurbineXCore,
  input: SubmitJobInput,
  options?: SubmitJobOptions | null,
): APIPromise<Job> {
  const { dedupe, ...requestOptions } = options ?? {};
  return apiPromise(requestOptions, async (o) => {
    const http = httpOf(core);
    requireObject(input, "input");
    const name = input.name === undefined ? undefined : requireString(input.name, "name", 200);
    const turbineId = optionalId(input.turbineId, "turbineId");
    const studyId = optionalId(input.studyId, "studyId");
    const filename = fileNameOf(input.file, input.filename);
    const blob = await zipPart(input.file);
    if (dedupe) {
      const settings = dedupe === true ? {} : dedupe;
      checkDedupeSettings(settings);
      const hash = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
      try {
        const existing = await findRecent(http, hash, settings, o);
        if (existing) return existing;
      } catch (error) {
        if (error instanceof InputValidationError || error instanceof AbortedError) throw error;
        http.logger.warn(
          `TurbineX jobs.submit: the dedupe scan failed (${error instanceof Error ? error.message : String(error)}); submitting without it`,
        );
      }
    }
    const upload = multipartBlob([
      { name: "file", filename, blob },
      { name: "name", value: name },
      { name: "turbine_id", value: turbineId },
      { name: "study_id", value: studyId },
    ]);
    return http.json(routes.jobs.submit, {
      body: upload.body,
      headers: upload.headers,
      schema: jobSchema(),
      options: o,
    });
  });
}

/** The recent job with this input SHA-256 that `{ dedupe }` would return, if any (see `findRecent`). */
export function findRecentJobByHash(
  core: TurbineXCore,
  sha256: string,
  settings?: DedupeOptions | null,
  options?: RequestOptions,
): APIPromise<Job | undefined> {
  return apiPromise(options, (o) => findRecent(httpOf(core), sha256, settings, o));
}

/** Cancel a queued or running job; a finished one answers 409 `ConflictError`. */
export function cancelJob(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<Job> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.jobs.cancel, {
      params: { id: requireId(id, "id") },
      schema: jobSchema(),
      options: o,
    }),
  );
}

/**
 * Polls until the job is terminal: a documented final status, a common final word
 * (`completed`, `done`, `error`…), one of `finalStates`, or `until` says so. Resolves with the
 * job; one that ended failed (`failed`, `error`, `errored`) rejects with `JobFailedError`
 * carrying the job's error text. Unknown statuses keep waiting.
 */
export function waitForJob(core: TurbineXCore, id: string, wait?: WaitForJobOptions | null): APIPromise<Job> {
  return apiPromise(undefined, async (o) => {
    const http = httpOf(core);
    requireId(id, "id");
    const job = await waitFor<Job>({
      ...wait,
      what: `TurbineX job ${id}`,
      poll: (signal) => fetchJob(http, id, signal ? { ...o, signal } : o),
      isDone: (value) => TERMINAL_JOB_STATUSES.includes(value.status),
    });
    if (finalOutcome(job?.status) === "failed") throw new JobFailedError(job);
    return job;
  });
}

/** The output ZIP as a stream (never buffered), with byte progress as it is read. */
export function downloadJobOutput(
  core: TurbineXCore,
  id: string,
  options?: DownloadOptions,
): APIPromise<Download> {
  return apiPromise(options, (o) =>
    download(httpOf(core), routes.jobs.output, { id: requireId(id, "id") }, o),
  );
}

/** Simulation jobs (`tx.jobs`). */
export class JobsResource extends Resource<TurbineXCore> {
  /** Jobs in the server's order (the simulator's: newest first), across pages (lazy). */
  list(filter?: ListJobsOptions | null, options?: RequestOptions): Paginator<Job, number> {
    return listJobs(this.core, filter, options);
  }
  /** One job by id (404 `NotFoundError` when missing or not yours). */
  get(id: string, options?: RequestOptions): APIPromise<Job> {
    return getJob(this.core, id, options);
  }
  /** Upload the ZIP and queue a run (never retried); `{ dedupe }`, `onUploadProgress`. */
  submit(input: SubmitJobInput, options?: SubmitJobOptions | null): APIPromise<Job> {
    return submitJob(this.core, input, options);
  }
  /** The recent job with this input SHA-256, if any (what `{ dedupe }` returns). */
  findRecentByHash(sha256: string, settings?: DedupeOptions | null, options?: RequestOptions) {
    return findRecentJobByHash(this.core, sha256, settings, options);
  }
  /** Cancel a queued or running job; a finished one answers 409 `ConflictError`. */
  cancel(id: string, options?: RequestOptions): APIPromise<Job> {
    return cancelJob(this.core, id, options);
  }
  /** Poll until the job is terminal; a failed one rejects with `JobFailedError`. */
  waitFor(id: string, wait?: WaitForJobOptions | null): APIPromise<Job> {
    return waitForJob(this.core, id, wait);
  }
  /** The output ZIP as a stream, with byte progress as it is read. */
  downloadOutput(id: string, options?: DownloadOptions): APIPromise<Download> {
    return downloadJobOutput(this.core, id, options);
  }
}
