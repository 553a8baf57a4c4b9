import {
  type ApiError,
  type ApiErrorInit,
  ConflictError,
  PermissionDeniedError,
  TurbokitError,
} from "../core/errors.js";
import type { Route } from "../core/routes.js";
import { routes } from "./routes.js";
import type { Job } from "./schemas.js";

/** A job `waitFor` watched ended `failed`; `errorText` is the job's own error message. */
export class JobFailedError extends TurbokitError {
  static override readonly brandName: string = "JobFailedError";
  readonly jobId: string;
  readonly errorText: string | null;
  readonly job: Job;
  constructor(job: Job) {
    super(`TurbineX job ${job.id} failed: ${job.error ?? "(no error text)"}`);
    this.jobId = job.id;
    this.errorText = job.error;
    this.job = job;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.jobId, errorText: this.errorText };
  }
}

/** 403 from a verified-only endpoint (custom-turbine create, parametric submit, certification report). */
export class VerificationRequiredError extends PermissionDeniedError {
  static override readonly brandName: string = "VerificationRequiredError";
  constructor(init: ApiErrorInit) {
    super(init);
    this.message = `${this.message} (this needs a verified account)`;
  }
}

/** 403 on PUT/DELETE of a demo-derived turbine: clone it (`turbines.clone`) and change the copy. */
export class DemoTurbineReadOnlyError extends PermissionDeniedError {
  static override readonly brandName: string = "DemoTurbineReadOnlyError";
  constructor(init: ApiErrorInit) {
    super(init);
    // The turbine's id is the last segment of the path it was refused on.
    const id = lastSegment(this.url);
    this.message = `${this.message} (clone it first: turbines.clone("${id}", { name }))`;
  }
}

/** 409: another turbine in the org already has this name. */
export class TurbineNameConflictError extends ConflictError {
  static override readonly brandName: string = "TurbineNameConflictError";
  constructor(init: ApiErrorInit) {
    super(init);
    this.message = `${this.message} (turbine names are unique within an org)`;
  }
}

/** The last path segment of a request URL, decoded (a turbine's id in `/turbines/{id}`). */
function lastSegment(url: string): string {
  const segment = url.split(/[?#]/)[0]?.split("/").at(-1) ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Which routes' 403 or 409 mean something more specific, and as which class. */
const SPECIFIC: ReadonlyArray<{ status: number; on: Route[]; as: typeof ApiError }> = [
  {
    status: 403,
    on: [routes.turbines.create, routes.parametric.submit, routes.studies.requestReport],
    as: VerificationRequiredError,
  },
  { status: 403, on: [routes.turbines.update, routes.turbines.delete], as: DemoTurbineReadOnlyError },
  {
    status: 409,
    on: [routes.turbines.create, routes.turbines.update, routes.turbines.clone],
    as: TurbineNameConflictError,
  },
];

/** ProviderConfig.mapError: a 403 or 409 of a route that gives it a specific meaning, re-typed. */
export function mapTurbineXError(error: ApiError, route: Route): ApiError | undefined {
  const rule = SPECIFIC.find((r) => r.status === error.status && r.on.includes(route));
  return rule?.as.from(error);
}
