import type { Download } from "../core/download.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { checkId, type DownloadOptions, download } from "./internal.js";
import { routes } from "./routes.js";
import { type CertificationReport, reportSchema } from "./schemas.js";

/** Statuses after which a report never changes. */
export const TERMINAL_REPORT_STATUSES: readonly string[] = ["ready", "failed"];

/** Certification reports (requested with `studies.requestCertificationReport`). */
export class ReportsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** One report and its status. */
  async get(id: string, options?: RequestOptions): Promise<CertificationReport> {
    return this.#http.json(routes.getReport, {
      params: { id: checkId(id, "id") },
      schema: reportSchema(),
      options,
    });
  }

  /**
   * Polls until the report is `ready` or `failed`, or another final word (`completed`, `error`…),
   * one of `finalStates`, or `until` says so (resolves either way: check `status`).
   */
  async waitFor(id: string, wait?: WaitOptions<CertificationReport> | null): Promise<CertificationReport> {
    checkId(id, "id");
    return waitFor({
      ...wait,
      what: `TurbineX report ${id}`,
      poll: (signal) => this.get(id, signal ? { signal } : undefined),
      isDone: (r) => TERMINAL_REPORT_STATUSES.includes(r.status),
    });
  }

  /** The report PDF as a stream. */
  async download(id: string, options?: DownloadOptions): Promise<Download> {
    return download(this.#http, routes.downloadReport, { id: checkId(id, "id") }, options);
  }
}
