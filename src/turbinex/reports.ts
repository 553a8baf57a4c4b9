import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId } from "../core/args.js";
import { Resource } from "../core/client.js";
import type { Download } from "../core/download.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type DownloadOptions, download } from "./internal.js";
import { routes } from "./routes.js";
import { type CertificationReport, reportSchema } from "./schemas.js";

/** Statuses after which a report never changes. */
export const TERMINAL_REPORT_STATUSES: readonly string[] = ["ready", "failed"];

function fetchReport(http: HttpClient, id: string, options: RequestOptions | undefined) {
  return http.json(routes.reports.get, {
    params: { id: requireId(id, "id") },
    schema: reportSchema(),
    options,
  });
}

/** One report and its status. */
export function getReport(
  core: TurbineXCore,
  id: string,
  options?: RequestOptions,
): APIPromise<CertificationReport> {
  return apiPromise(options, (o) => fetchReport(httpOf(core), id, o));
}

/**
 * Polls until the report is `ready` or `failed`, or another final word (`completed`, `error`…),
 * one of `finalStates`, or `until` says so (resolves either way: check `status`).
 */
export function waitForReport(
  core: TurbineXCore,
  id: string,
  wait?: WaitOptions<CertificationReport> | null,
): APIPromise<CertificationReport> {
  return apiPromise(undefined, (o) => {
    const http = httpOf(core);
    requireId(id, "id");
    return waitFor({
      ...wait,
      what: `TurbineX report ${id}`,
      poll: (signal) => fetchReport(http, id, signal ? { ...o, signal } : o),
      isDone: (r) => TERMINAL_REPORT_STATUSES.includes(r.status),
    });
  });
}

/** The report PDF as a stream. */
export function downloadReport(
  core: TurbineXCore,
  id: string,
  options?: DownloadOptions,
): APIPromise<Download> {
  return apiPromise(options, (o) =>
    download(httpOf(core), routes.reports.download, { id: requireId(id, "id") }, o),
  );
}

/** Certification reports (`tx.reports`; requested with `studies.requestCertificationReport`). */
export class ReportsResource extends Resource<TurbineXCore> {
  /** One report and its status. */
  get(id: string, options?: RequestOptions): APIPromise<CertificationReport> {
    return getReport(this.core, id, options);
  }
  /** Poll until the report is final (resolves either way: check `status`). */
  waitFor(id: string, wait?: WaitOptions<CertificationReport> | null): APIPromise<CertificationReport> {
    return waitForReport(this.core, id, wait);
  }
  /** The report PDF as a stream. */
  download(id: string, options?: DownloadOptions): APIPromise<Download> {
    return downloadReport(this.core, id, options);
  }
}
