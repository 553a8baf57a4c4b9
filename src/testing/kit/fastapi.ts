import { HttpResponse } from "msw";
import { isRecord } from "../../core/is-record.js";

/**
 * FastAPI conventions for simulated APIs (TurbineX, Lyceum): `{"detail": …}` errors, 422 answers
 * listing `{loc, msg, type}` issues, bounded integer query parameters, page/page_size paging.
 */

/** A JSON answer (any body: msw's own typing wants a record). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers }) as Response;
}

/** FastAPI's error shape: `{"detail": …}` (a message, or a list of issues). */
export function detail(status: number, text: unknown, headers: Record<string, string> = {}): Response {
  return json({ detail: text }, status, headers);
}

/** A FastAPI 422 for one issue. */
export function invalid(loc: (string | number)[], msg: string, type = "value_error"): Response {
  return unprocessable([{ loc, msg, type }]);
}

/**
 * A finished answer thrown from deep inside a handler (a bad query parameter found while paging):
 * `handle` turns it back into the response.
 */
export class Reject extends Error {
  constructor(readonly response: Response) {
    super("rejected");
  }
}

/** Runs a handler body, answering a thrown `Reject` with its response. */
export async function handle(run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Reject) return error.response;
    throw error;
  }
}

export interface Issue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export function unprocessable(issues: Issue[]): Response {
  return json({ detail: issues }, 422);
}

/** The JSON body, or a 422 `json_invalid` response. */
export async function readJson(request: Request): Promise<unknown | Response> {
  try {
    return await request.json();
  } catch {
    return unprocessable([{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }]);
  }
}

/** Collects FastAPI-shaped issues while checking a body. */
export class BodyCheck {
  readonly issues: Issue[] = [];
  constructor(readonly body: Record<string, unknown>) {}

  required(field: string): unknown {
    const value = this.body[field];
    if (value === undefined || value === null)
      this.issues.push({ loc: ["body", field], msg: "Field required", type: "missing" });
    return value;
  }

  string(field: string, opts: { required?: boolean; pattern?: RegExp } = {}): string | undefined {
    const value = opts.required ? this.required(field) : this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      this.issues.push({ loc: ["body", field], msg: "Input should be a valid string", type: "string_type" });
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.issues.push({
        loc: ["body", field],
        msg: `String should match pattern '${opts.pattern.source}'`,
        type: "string_pattern_mismatch",
      });
      return undefined;
    }
    return value;
  }

  int(field: string, min: number, max: number): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.issues.push({ loc: ["body", field], msg: "Input should be a valid integer", type: "int_type" });
      return undefined;
    }
    if (value < min) {
      this.issues.push({
        loc: ["body", field],
        msg: `Input should be greater than or equal to ${min}`,
        type: "greater_than_equal",
      });
      return undefined;
    }
    if (value > max) {
      this.issues.push({
        loc: ["body", field],
        msg: `Input should be less than or equal to ${max}`,
        type: "less_than_equal",
      });
      return undefined;
    }
    return value;
  }

  stringList(field: string, opts: { required?: boolean } = {}): string[] | undefined {
    const value = opts.required ? this.required(field) : this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      this.issues.push({
        loc: ["body", field],
        msg: "Input should be a valid list of strings",
        type: "list_type",
      });
      return undefined;
    }
    return value as string[];
  }

  oneOf(
    field: string,
    allowed: readonly (string | number)[],
    opts: { required?: boolean; loc?: (string | number)[] } = {},
  ) {
    const value = opts.required ? this.required(field) : this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!allowed.includes(value as string | number)) {
      this.issues.push({
        loc: opts.loc ?? ["body", field],
        msg: `Input should be ${allowed.map((a) => (typeof a === "string" ? `'${a}'` : a)).join(", ")}`,
        type: "literal_error",
      });
      return undefined;
    }
    return value;
  }

  get failed(): Response | undefined {
    return this.issues.length > 0 ? unprocessable(this.issues) : undefined;
  }
}

/** `?limit=` style integer query parameter with FastAPI bounds. */
export function queryInt(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
  issues: Issue[],
): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    issues.push({ loc: ["query", name], msg: "Input should be a valid integer", type: "int_parsing" });
    return fallback;
  }
  if (n < min || n > max) {
    issues.push({
      loc: ["query", name],
      msg:
        n < min
          ? `Input should be greater than or equal to ${min}`
          : `Input should be less than or equal to ${max}`,
      type: n < min ? "greater_than_equal" : "less_than_equal",
    });
    return fallback;
  }
  return n;
}

/** The rest of the path after `prefix` (a route's fixed part), each segment decoded. */
export function tailPath(request: Request, base: string, prefix: string): string {
  const basePath = new URL(base).pathname.replace(/\/$/, "");
  const path = new URL(request.url).pathname;
  const start = `${basePath}${prefix}`;
  const rest = path.startsWith(start) ? path.slice(start.length) : "";
  return rest
    .split("/")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join("/");
}

/** An integer query parameter checked the FastAPI way: a 422 (thrown as `Reject`) when out of bounds. */
export function intQuery(url: URL, name: string, fallback: number, min: number, max: number): number {
  const issues: Issue[] = [];
  const value = queryInt(url, name, fallback, min, max, issues);
  if (issues.length > 0) throw new Reject(unprocessable(issues));
  return value;
}

/** `?page=&page_size=` paging: the slice and its counts. */
export function pageOf<T>(url: URL, all: T[], maxPageSize: number, defaultSize = 20) {
  const page = intQuery(url, "page", 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = intQuery(url, "page_size", defaultSize, 1, maxPageSize);
  const start = (page - 1) * pageSize;
  return {
    items: all.slice(start, start + pageSize),
    total: all.length,
    page,
    page_size: pageSize,
    total_pages: Math.max(1, Math.ceil(all.length / pageSize)),
  };
}

/** A multipart upload's form and its `file` part, or the FastAPI 422 a missing file gets. */
export async function readUpload(request: Request): Promise<{ form: FormData; file: Blob } | Response> {
  const missing = () => unprocessable([{ loc: ["body", "file"], msg: "Field required", type: "missing" }]);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return missing();
  }
  const file = form.get("file");
  return file instanceof Blob ? { form, file } : missing();
}

export { isRecord };
