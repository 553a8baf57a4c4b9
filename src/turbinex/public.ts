import type { Download } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { checkId, type DownloadOptions, download, type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Artifact, artifactSchema, type PublicStudy, publicStudySchema } from "./schemas.js";

const SHARE_TOKEN = /^[A-Za-z0-9_-]{64}$/;

/** Share tokens are 64 URL-safe characters; anything else is refused before a request is made. */
export function checkShareToken(token: unknown): string {
  if (typeof token !== "string" || !SHARE_TOKEN.test(token)) {
    throw new InputValidationError("token", "must be a 64-character URL-safe share token");
  }
  registerSecret(token);
  return token;
}

/** One shared study, bound to its token. */
export interface ShareViewer {
  /** The shared study. */
  study(options?: RequestOptions): Promise<PublicStudy>;
  /** The shared study's artifacts, across pages. */
  artifacts(list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number>;
  /** One shared artifact, as a stream. */
  download(artifactId: string, options?: DownloadOptions): Promise<Download>;
}

/** The read-only Share Space viewer: no credentials at all, scoped by the share token. */
export class PublicResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The study behind a share token (a disabled or rotated link is a 404). */
  async study(token: string, options?: RequestOptions): Promise<PublicStudy> {
    return this.#http.json(routes.publicStudy, {
      params: { token: checkShareToken(token) },
      schema: publicStudySchema(),
      auth: false,
      options,
    });
  }

  /** A shared study's artifacts, across pages. */
  artifacts(token: string, list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number> {
    return paginate(this.#http, routes.publicArtifacts, artifactSchema, {
      params: { token: checkShareToken(token) },
      list,
      maxPageSize: MAX_PAGE_SIZE.artifacts,
      auth: false,
      options,
    });
  }

  /** One shared artifact, as a stream. */
  async download(token: string, artifactId: string, options?: DownloadOptions): Promise<Download> {
    return download(
      this.#http,
      routes.publicArtifactDownload,
      { token: checkShareToken(token), artifactId: checkId(artifactId, "artifactId") },
      options,
      false,
    );
  }

  /** `viewer(token).study()`, `.artifacts()`, `.download(id)`: the token checked once, here. */
  viewer(token: string): ShareViewer {
    checkShareToken(token);
    return {
      study: (options) => this.study(token, options),
      artifacts: (list, options) => this.artifacts(token, list, options),
      download: (artifactId, options) => this.download(token, artifactId, options),
    };
  }
}
