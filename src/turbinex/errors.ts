import {
  type ApiError,
  type ApiErrorInit,
  ConflictError,
  PermissionDeniedError,
  TurbokitError,
} from "../core/errors.js";
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
}

/** 403 on PUT/DELETE of a demo-derived turbine: clone it (`turbines.clone`) and change the copy. */
export class DemoTurbineReadOnlyError extends PermissionDeniedError {
  static override readonly brandName: string = "DemoTurbineReadOnlyError";
}

/** 409: another turbine in the org already has this name. */
export class TurbineNameConflictError extends ConflictError {
  static override readonly brandName: string = "TurbineNameConflictError";
}

type ApiErrorClass = new (init: ApiErrorInit) => ApiError;

/** The same server answer, re-typed as a more specific class (with an optional hint appended). */
export function retype(error: ApiError, Class: ApiErrorClass, hint?: string): ApiError {
  return new Class({
    status: error.status,
    headers: error.headers,
    body: error.body,
    rawBody: error.rawBody,
    message: hint ? `${error.message} (${hint})` : error.message,
    code: error.code,
    method: error.method,
    url: error.url,
    rateLimit: error.rateLimit,
  });
}
