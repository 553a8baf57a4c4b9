import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId, requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import type { Download } from "../core/download.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { multipartBody } from "../core/multipart.js";
import type { Paginator } from "../core/pagination.js";
import type { PathParams } from "../core/routes.js";
import type { UploadBody } from "../core/upload.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type DownloadOptions, download, type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Artifact, artifactSchema } from "./schemas.js";

/** What `studies.artifacts.upload` sends. */
export interface UploadArtifactInput {
  file: UploadBody;
  /** Default: the File's name; required for bytes, Blobs and streams without one. */
  filename?: string;
  contentType?: string;
}

/** Pages of a study's artifacts, by its id or (with no credentials) by its share token. */
export function artifactPages(
  http: HttpClient,
  route: typeof routes.artifacts.list | typeof routes.public.artifacts,
  params: PathParams,
  page: { list: ListOptions | undefined; options: RequestOptions | undefined; auth?: boolean },
): Paginator<Artifact, number> {
  return paginate(http, route, artifactSchema, { params, maxPageSize: MAX_PAGE_SIZE.artifacts, ...page });
}

/** A study's artifacts, across pages. */
export function listArtifacts(
  core: TurbineXCore,
  studyId: string,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Artifact, number> {
  return artifactPages(
    httpOf(core),
    routes.artifacts.list,
    { id: requireId(studyId, "studyId") },
    { list, options },
  );
}

/**
 * Multipart upload of one file. Not retried. `onUploadProgress` reports the multipart body's
 * bytes as they are sent (its full size is known unless the file is a stream).
 */
export function uploadArtifact(
  core: TurbineXCore,
  studyId: string,
  input: UploadArtifactInput,
  options?: RequestOptions,
): APIPromise<Artifact> {
  return apiPromise(options, async (o) => {
    const http = httpOf(core);
    const params = { id: requireId(studyId, "studyId") };
    requireObject(input, "input");
    const given = (input.file as { name?: unknown } | undefined)?.name;
    const filename = requireString(
      input.filename ?? (typeof given === "string" ? given : undefined),
      "filename",
      255,
    );
    if (input.contentType !== undefined) requireString(input.contentType, "contentType", 255);
    if (input.file === undefined || input.file === null)
      throw new InputValidationError("file", "is required");
    const upload = await multipartBody(
      {},
      { field: "file", filename, type: input.contentType, body: input.file },
    );
    return http.json(routes.artifacts.upload, {
      params,
      body: upload.body,
      headers: upload.headers,
      schema: artifactSchema(),
      options: o,
    });
  });
}

/** One artifact as a stream, with byte progress. */
export function downloadArtifact(
  core: TurbineXCore,
  studyId: string,
  artifactId: string,
  options?: DownloadOptions,
): APIPromise<Download> {
  return apiPromise(options, (o) =>
    download(
      httpOf(core),
      routes.artifacts.download,
      { id: requireId(studyId, "studyId"), artifactId: requireId(artifactId, "artifactId") },
      o,
    ),
  );
}

/** Artifacts of one study (`tx.studies.artifacts`): uploaded files shown in the Share Space. */
export class ArtifactsResource extends Resource<TurbineXCore> {
  /** A study's artifacts, across pages. */
  list(studyId: string, list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number> {
    return listArtifacts(this.core, studyId, list, options);
  }
  /** Multipart upload of one file (not retried; `onUploadProgress`). */
  upload(studyId: string, input: UploadArtifactInput, options?: RequestOptions): APIPromise<Artifact> {
    return uploadArtifact(this.core, studyId, input, options);
  }
  /** One artifact as a stream, with byte progress. */
  download(studyId: string, artifactId: string, options?: DownloadOptions): APIPromise<Download> {
    return downloadArtifact(this.core, studyId, artifactId, options);
  }
}
