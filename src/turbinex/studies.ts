import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId, requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { ArtifactsResource } from "./artifacts.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type CertificationReport, reportSchema, type Study, studySchema } from "./schemas.js";

/** What `studies.create` / `studies.update` send. */
export interface StudyInput {
  name: string;
  description?: string | null;
}

function studyBody(input: Partial<StudyInput>, partial: boolean): Record<string, unknown> {
  requireObject(input, "input");
  const body: Record<string, unknown> = {};
  if (!partial || input.name !== undefined) body.name = requireString(input.name, "name", 200);
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

/** One call answering a study, on the study `id`. */
function studyCall(
  core: TurbineXCore,
  route: (typeof routes.studies)["get" | "update" | "share" | "rotateShare"],
  id: string,
  options: RequestOptions | undefined,
  json?: () => unknown,
): APIPromise<Study> {
  return apiPromise(options, (o) => {
    const params = { id: requireId(id, "id") };
    return httpOf(core).json(route, { params, json: json?.(), schema: studySchema(), options: o });
  });
}

/** Studies, across pages. */
export function listStudies(
  core: TurbineXCore,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Study, number> {
  return paginate(httpOf(core), routes.studies.list, studySchema, {
    list,
    maxPageSize: MAX_PAGE_SIZE.studies,
    options,
  });
}

/** One study. */
export function getStudy(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<Study> {
  return studyCall(core, routes.studies.get, id, options);
}

/** A new study. */
export function createStudy(
  core: TurbineXCore,
  input: StudyInput,
  options?: RequestOptions,
): APIPromise<Study> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.studies.create, {
      json: studyBody(input, false),
      schema: studySchema(),
      options: o,
    }),
  );
}

/** Rename or describe a study. */
export function updateStudy(
  core: TurbineXCore,
  id: string,
  input: Partial<StudyInput>,
  options?: RequestOptions,
): APIPromise<Study> {
  return studyCall(core, routes.studies.update, id, options, () => studyBody(input, true));
}

/** Delete a study. */
export function deleteStudy(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, (o) =>
    httpOf(core).void(routes.studies.delete, { params: { id: requireId(id, "id") }, options: o }),
  );
}

/** Turn the public share link on (the answer carries `share.token` and `share.url`) or off (the link answers 404 from then on). */
export function setStudySharing(
  core: TurbineXCore,
  id: string,
  enabled: boolean,
  options?: RequestOptions,
): APIPromise<Study> {
  return studyCall(core, routes.studies.share, id, options, () => {
    if (typeof enabled !== "boolean") throw new InputValidationError("enabled", "must be a boolean");
    return { enabled };
  });
}

/** A new share token; the old one stops working at once. */
export function rotateStudyShareToken(
  core: TurbineXCore,
  id: string,
  options?: RequestOptions,
): APIPromise<Study> {
  return studyCall(core, routes.studies.rotateShare, id, options);
}

/** Ask for a certification report (verified accounts only → else `VerificationRequiredError`). */
export function requestCertificationReport(
  core: TurbineXCore,
  id: string,
  options?: RequestOptions,
): APIPromise<CertificationReport> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.studies.requestReport, {
      params: { id: requireId(id, "id") },
      schema: reportSchema(),
      options: o,
    }),
  );
}

/** Studies (`tx.studies`), with their artifacts and sharing. */
export class StudiesResource extends Resource<TurbineXCore> {
  /** The files attached to studies. */
  readonly artifacts: ArtifactsResource;
  constructor(core: TurbineXCore) {
    super(core);
    this.artifacts = new ArtifactsResource(core);
  }
  /** Studies, across pages. */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Study, number> {
    return listStudies(this.core, list, options);
  }
  /** One study. */
  get(id: string, options?: RequestOptions): APIPromise<Study> {
    return getStudy(this.core, id, options);
  }
  /** A new study. */
  create(input: StudyInput, options?: RequestOptions): APIPromise<Study> {
    return createStudy(this.core, input, options);
  }
  /** Rename or describe a study. */
  update(id: string, input: Partial<StudyInput>, options?: RequestOptions): APIPromise<Study> {
    return updateStudy(this.core, id, input, options);
  }
  /** Delete a study. */
  delete(id: string, options?: RequestOptions): APIPromise<void> {
    return deleteStudy(this.core, id, options);
  }
  /** Turn the public share link on or off (off invalidates the token). */
  setSharing(id: string, enabled: boolean, options?: RequestOptions): APIPromise<Study> {
    return setStudySharing(this.core, id, enabled, options);
  }
  /** Turn the read-only share link on; the answer carries `share.token` and `share.url`. */
  enableSharing(id: string, options?: RequestOptions): APIPromise<Study> {
    return setStudySharing(this.core, id, true, options);
  }
  /** Turn the share link off (the link answers 404 from then on). */
  disableSharing(id: string, options?: RequestOptions): APIPromise<Study> {
    return setStudySharing(this.core, id, false, options);
  }
  /** A new share token; the old one stops working at once. */
  rotateShareToken(id: string, options?: RequestOptions): APIPromise<Study> {
    return rotateStudyShareToken(this.core, id, options);
  }
  /** Ask for a certification report (verified accounts only → else `VerificationRequiredError`). */
  requestCertificationReport(id: string, options?: RequestOptions): APIPromise<CertificationReport> {
    return requestCertificationReport(this.core, id, options);
  }
}
