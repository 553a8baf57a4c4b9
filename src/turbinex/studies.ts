import type { Download } from "../core/download.js";
import { InputValidationError, PermissionDeniedError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { multipartBody } from "../core/multipart.js";
import type { Paginator } from "../core/pagination.js";
import type { UploadBody } from "../core/upload.js";
import { retype, VerificationRequiredError } from "./errors.js";
import {
  checkId,
  checkString,
  type DownloadOptions,
  download,
  type ListOptions,
  paginate,
} from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import {
  type Artifact,
  artifactSchema,
  type CertificationReport,
  reportSchema,
  type Study,
  studySchema,
} from "./schemas.js";

/** What `studies.create` / `studies.update` send. */
export interface StudyInput {
  name: string;
  description?: string | null;
}

/** What `studies.artifacts.upload` sends. */
export interface UploadArtifactInput {
  file: UploadBody;
  /** Default: the File's name; required for bytes, Blobs and streams without one. */
  filename?: string;
  contentType?: string;
}

function studyBody(input: Partial<StudyInput>, partial: boolean): Record<string, unknown> {
  if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
  const body: Record<string, unknown> = {};
  if (!partial || input.name !== undefined) body.name = checkString(input.name, "name", 200);
  if (input.description !== undefined) {
    if (input.description !== null && typeof input.description !== "string") {
      throw new InputValidationError("description", "must be a string or null");
    }
    body.description = input.description;
  }
  if (partial && Object.keys(body).length === 0)
    throw new InputValidationError("input", "has nothing to update");
  return body;
}

/** Artifacts of one study: uploaded files shown in the Share Space. */
export class ArtifactsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** A study's artifacts, across pages. */
  list(studyId: string, list?: ListOptions, options?: RequestOptions): Paginator<Artifact, number> {
    return paginate(this.#http, routes.listArtifacts, artifactSchema, {
      params: { id: checkId(studyId, "studyId") },
      list,
      maxPageSize: MAX_PAGE_SIZE.artifacts,
      options,
    });
  }

  /** Multipart upload of one file. Not retried. */
  async upload(studyId: string, input: UploadArtifactInput, options?: RequestOptions): Promise<Artifact> {
    const params = { id: checkId(studyId, "studyId") };
    if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
    const given = (input.file as { name?: unknown } | undefined)?.name;
    const filename = checkString(
      input.filename ?? (typeof given === "string" ? given : undefined),
      "filename",
      255,
    );
    if (input.contentType !== undefined) checkString(input.contentType, "contentType", 255);
    if (input.file === undefined || input.file === null)
      throw new InputValidationError("file", "is required");
    const upload = await multipartBody(
      {},
      { field: "file", filename, type: input.contentType, body: input.file },
    );
    return this.#http.json(routes.uploadArtifact, {
      params,
      body: upload.body,
      headers: upload.headers,
      schema: artifactSchema(),
      options,
    });
  }

  /** One artifact as a stream, with byte progress. */
  async download(studyId: string, artifactId: string, options?: DownloadOptions): Promise<Download> {
    return download(
      this.#http,
      routes.downloadArtifact,
      { id: checkId(studyId, "studyId"), artifactId: checkId(artifactId, "artifactId") },
      options,
    );
  }
}

/** Studies (`tx.studies`), with their artifacts and sharing. */
export class StudiesResource {
  readonly #http: HttpClient;
  /** The files attached to studies. */
  readonly artifacts: ArtifactsResource;
  constructor(http: HttpClient) {
    this.#http = http;
    this.artifacts = new ArtifactsResource(http);
  }

  /** Studies, across pages. */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Study, number> {
    return paginate(this.#http, routes.listStudies, studySchema, {
      list,
      maxPageSize: MAX_PAGE_SIZE.studies,
      options,
    });
  }

  /** One study. */
  async get(id: string, options?: RequestOptions): Promise<Study> {
    return this.#http.json(routes.getStudy, {
      params: { id: checkId(id, "id") },
      schema: studySchema(),
      options,
    });
  }

  /** A new study. */
  async create(input: StudyInput, options?: RequestOptions): Promise<Study> {
    return this.#http.json(routes.createStudy, {
      json: studyBody(input, false),
      schema: studySchema(),
      options,
    });
  }

  /** Rename or describe a study. */
  async update(id: string, input: Partial<StudyInput>, options?: RequestOptions): Promise<Study> {
    const params = { id: checkId(id, "id") };
    return this.#http.json(routes.updateStudy, {
      params,
      json: studyBody(input, true),
      schema: studySchema(),
      options,
    });
  }

  /** Delete a study. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#http.void(routes.deleteStudy, { params: { id: checkId(id, "id") }, options });
  }

  /** Turn the public share link on or off (off invalidates the token). */
  async setSharing(id: string, enabled: boolean, options?: RequestOptions): Promise<Study> {
    const params = { id: checkId(id, "id") };
    if (typeof enabled !== "boolean") throw new InputValidationError("enabled", "must be a boolean");
    return this.#http.json(routes.setShare, { params, json: { enabled }, schema: studySchema(), options });
  }

  /** Turn the read-only share link on; the answer carries `share.token` and `share.url`. */
  async enableSharing(id: string, options?: RequestOptions): Promise<Study> {
    return this.setSharing(id, true, options);
  }

  /** Turn the share link off (the link answers 404 from then on). */
  async disableSharing(id: string, options?: RequestOptions): Promise<Study> {
    return this.setSharing(id, false, options);
  }

  /** A new share token; the old one stops working at once. */
  async rotateShareToken(id: string, options?: RequestOptions): Promise<Study> {
    return this.#http.json(routes.rotateShare, {
      params: { id: checkId(id, "id") },
      schema: studySchema(),
      options,
    });
  }

  /** Ask for a certification report (verified accounts only → else `VerificationRequiredError`). */
  async requestCertificationReport(id: string, options?: RequestOptions): Promise<CertificationReport> {
    const params = { id: checkId(id, "id") };
    try {
      return await this.#http.json(routes.requestReport, { params, schema: reportSchema(), options });
    } catch (error) {
      if (error instanceof PermissionDeniedError) {
        throw retype(error, VerificationRequiredError, "certification reports need a verified account");
      }
      throw error;
    }
  }
}
