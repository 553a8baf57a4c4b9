import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId } from "../core/args.js";
import { Resource } from "../core/client.js";
import type { Download } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { artifactPages } from "./artifacts.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type DownloadOptions, download, type ListOptions } from "./internal.js";
import { routes } from "./routes.js";
import { type Artifact, type PublicStudy, publicStudySchema } from "./schemas.js";

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
  study(options?: RequestOptions): APIPromise<PublicStudy>;
  /** The shared study's artifacts, across pages. */
  artifacts(list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number>;
  /** One shared artifact, as a stream. */
  download(artifactId: string, options?: DownloadOptions): APIPromise<Download>;
}

/** The study behind a share token, with no credentials (a disabled or rotated link is a 404). */
export function getPublicStudy(
  core: TurbineXCore,
  token: string,
  options?: RequestOptions,
): APIPromise<PublicStudy> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.public.study, {
      params: { token: checkShareToken(token) },
      schema: publicStudySchema(),
      auth: false,
      options: o,
    }),
  );
}

/** A shared study's artifacts, across pages, with no credentials. */
export function listPublicArtifacts(
  core: TurbineXCore,
  token: string,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Artifact, number> {
  const params = { token: checkShareToken(token) };
  return artifactPages(httpOf(core), routes.public.artifacts, params, { list, options, auth: false });
}

/** One shared artifact, as a stream, with no credentials. */
export function downloadPublicArtifact(
  core: TurbineXCore,
  token: string,
  artifactId: string,
  options?: DownloadOptions,
): APIPromise<Download> {
  return apiPromise(options, (o) => {
    const params = { token: checkShareToken(token), artifactId: requireId(artifactId, "artifactId") };
    return download(httpOf(core), routes.public.download, params, o, false);
  });
}

/** The read-only Share Space viewer (`tx.public`): no credentials at all, scoped by the share token. */
export class PublicResource extends Resource<TurbineXCore> {
  /** The study behind a share token (a disabled or rotated link is a 404). */
  study(token: string, options?: RequestOptions): APIPromise<PublicStudy> {
    return getPublicStudy(this.core, token, options);
  }
  /** A shared study's artifacts, across pages. */
  artifacts(token: string, list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number> {
    return listPublicArtifacts(this.core, token, list, options);
  }
  /** One shared artifact, as a stream. */
  download(token: string, artifactId: string, options?: DownloadOptions): APIPromise<Download> {
    return downloadPublicArtifact(this.core, token, artifactId, options);
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
