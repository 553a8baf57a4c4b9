import { HttpResponse } from "msw";

/** FastAPI-style helpers for the simulator's handlers. */

export interface Issue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export function detail(status: number, message: string): Response {
  return HttpResponse.json({ detail: message }, { status });
}

export function unprocessable(issues: Issue[]): Response {
  return HttpResponse.json({ detail: issues }, { status: 422 });
}

export function ok(body: unknown, status = 200): Response {
  return HttpResponse.json(body as Record<string, unknown>, { status });
}

/** The JSON body, or a 422 `json_invalid` response. */
export async function readJson(request: Request): Promise<unknown | Response> {
  try {
    return await request.json();
  } catch {
    return unprocessable([{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }]);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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

/**
 * The body of an API-key create: a required name (under `nameField`) and an optional future
 * `expires_at` (epoch ms, or null for "never"), or the FastAPI 422 answer for a bad one.
 */
export async function readKeyRequest(
  request: Request,
  nameField: string,
  now: number,
): Promise<{ name: string; expiresAt: number | null } | Response> {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const check = new BodyCheck(isRecord(body) ? body : {});
  const name = check.string(nameField, { required: true });
  const expires = check.string("expires_at");
  if (check.failed) return check.failed;
  if (expires === undefined) return { name: name as string, expiresAt: null };
  const at = Date.parse(expires);
  if (Number.isNaN(at) || at <= now) {
    return unprocessable([
      { loc: ["body", "expires_at"], msg: "Must be a future datetime", type: "value_error" },
    ]);
  }
  return { name: name as string, expiresAt: at };
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
