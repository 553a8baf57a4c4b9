import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { optionalId, requireId, requireObject, requireOneOf, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Note, type NoteVisibility, noteSchema } from "./schemas.js";

/** What `notes.create` / `notes.update` send. */
export interface NoteInput {
  body: string;
  /** `private` (only you; others get 404) or `org` (default `private`). */
  visibility?: "private" | "org";
  studyId?: string | null;
  jobId?: string | null;
}

/** Filters and paging of `notes.list`. */
export interface ListNotesOptions extends ListOptions {
  studyId?: string;
  jobId?: string;
  visibility?: NoteVisibility;
}

const VISIBILITIES = ["private", "org"] as const;

function noteBody(input: Partial<NoteInput>, partial: boolean): Record<string, unknown> {
  requireObject(input, "input");
  const body: Record<string, unknown> = {};
  if (!partial || input.body !== undefined) body.body = requireString(input.body, "body", 100_000);
  if (input.visibility !== undefined)
    body.visibility = requireOneOf(input.visibility, "visibility", VISIBILITIES);
  else if (!partial) body.visibility = "private";
  if (input.studyId !== undefined)
    body.study_id = input.studyId === null ? null : requireId(input.studyId, "studyId");
  if (input.jobId !== undefined) body.job_id = input.jobId === null ? null : requireId(input.jobId, "jobId");
  if (partial && Object.keys(body).length === 0)
    throw new InputValidationError("input", "has nothing to update");
  return body;
}

/** Notes you may see, filtered by study, job or visibility, across pages. */
export function listNotes(
  core: TurbineXCore,
  given?: ListNotesOptions | null,
  options?: RequestOptions,
): Paginator<Note, number> {
  const filter = given ?? {};
  return paginate(httpOf(core), routes.notes.list, noteSchema, {
    query: {
      study_id: optionalId(filter.studyId, "studyId"),
      job_id: optionalId(filter.jobId, "jobId"),
      visibility:
        filter.visibility === undefined ? undefined : requireString(filter.visibility, "visibility", 32),
    },
    list: filter,
    maxPageSize: MAX_PAGE_SIZE.notes,
    options,
  });
}

/** One note; another user's private note is a 404, never a 403. */
export function getNote(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<Note> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.notes.get, {
      params: { id: requireId(id, "id") },
      schema: noteSchema(),
      options: o,
    }),
  );
}

/** A new note (private unless `visibility: "org"`). */
export function createNote(core: TurbineXCore, input: NoteInput, options?: RequestOptions): APIPromise<Note> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.notes.create, {
      json: noteBody(input, false),
      schema: noteSchema(),
      options: o,
    }),
  );
}

/** Change a note's body or visibility. */
export function updateNote(
  core: TurbineXCore,
  id: string,
  input: Partial<NoteInput>,
  options?: RequestOptions,
): APIPromise<Note> {
  return apiPromise(options, (o) => {
    const params = { id: requireId(id, "id") };
    return httpOf(core).json(routes.notes.update, {
      params,
      json: noteBody(input, true),
      schema: noteSchema(),
      options: o,
    });
  });
}

/** Delete a note. */
export function deleteNote(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, (o) =>
    httpOf(core).void(routes.notes.delete, { params: { id: requireId(id, "id") }, options: o }),
  );
}

/** Notes on studies and jobs (`tx.notes`). Another user's private note is a 404, never a 403. */
export class NotesResource extends Resource<TurbineXCore> {
  /** Notes you may see, filtered by study, job or visibility, across pages. */
  list(filter?: ListNotesOptions | null, options?: RequestOptions): Paginator<Note, number> {
    return listNotes(this.core, filter, options);
  }
  /** One note; another user's private note is a 404, never a 403. */
  get(id: string, options?: RequestOptions): APIPromise<Note> {
    return getNote(this.core, id, options);
  }
  /** A new note (private unless `visibility: "org"`). */
  create(input: NoteInput, options?: RequestOptions): APIPromise<Note> {
    return createNote(this.core, input, options);
  }
  /** Change a note's body or visibility. */
  update(id: string, input: Partial<NoteInput>, options?: RequestOptions): APIPromise<Note> {
    return updateNote(this.core, id, input, options);
  }
  /** Delete a note. */
  delete(id: string, options?: RequestOptions): APIPromise<void> {
    return deleteNote(this.core, id, options);
  }
}
