import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { checkId, checkOneOf, checkString, type ListOptions, optionalId, paginate } from "./internal.js";
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
  if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
  const body: Record<string, unknown> = {};
  if (!partial || input.body !== undefined) body.body = checkString(input.body, "body", 100_000);
  if (input.visibility !== undefined)
    body.visibility = checkOneOf(input.visibility, "visibility", VISIBILITIES);
  else if (!partial) body.visibility = "private";
  if (input.studyId !== undefined)
    body.study_id = input.studyId === null ? null : checkId(input.studyId, "studyId");
  if (input.jobId !== undefined) body.job_id = input.jobId === null ? null : checkId(input.jobId, "jobId");
  if (partial && Object.keys(body).length === 0)
    throw new InputValidationError("input", "has nothing to update");
  return body;
}

/** Notes on studies and jobs. Another user's private note is a 404, never a 403. */
export class NotesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Notes you may see, filtered by study, job or visibility, across pages. */
  list(given?: ListNotesOptions | null, options?: RequestOptions): Paginator<Note, number> {
    const filter = given ?? {};
    const visibility =
      filter.visibility === undefined ? undefined : checkString(filter.visibility, "visibility", 32);
    return paginate(this.#http, routes.listNotes, noteSchema, {
      query: {
        study_id: optionalId(filter.studyId, "studyId"),
        job_id: optionalId(filter.jobId, "jobId"),
        visibility,
      },
      list: filter,
      maxPageSize: MAX_PAGE_SIZE.notes,
      options,
    });
  }

  /** One note; another user's private note is a 404, never a 403. */
  async get(id: string, options?: RequestOptions): Promise<Note> {
    return this.#http.json(routes.getNote, {
      params: { id: checkId(id, "id") },
      schema: noteSchema(),
      options,
    });
  }

  /** A new note (private unless `visibility: "org"`). */
  async create(input: NoteInput, options?: RequestOptions): Promise<Note> {
    return this.#http.json(routes.createNote, {
      json: noteBody(input, false),
      schema: noteSchema(),
      options,
    });
  }

  /** Change a note's body or visibility. */
  async update(id: string, input: Partial<NoteInput>, options?: RequestOptions): Promise<Note> {
    const params = { id: checkId(id, "id") };
    return this.#http.json(routes.updateNote, {
      params,
      json: noteBody(input, true),
      schema: noteSchema(),
      options,
    });
  }

  /** Delete a note. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#http.void(routes.deleteNote, { params: { id: checkId(id, "id") }, options });
  }
}
