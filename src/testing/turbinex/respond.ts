import { HttpResponse } from "msw";
import { PLAN_LIMITS, type SimUser, type TurbineXSimState } from "./state.js";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers }) as Response;
}

/** FastAPI's error shape: `{"detail": ...}`. */
export function detail(status: number, text: unknown, headers: Record<string, string> = {}): Response {
  return json({ detail: text }, status, headers);
}

/** A FastAPI 422: `detail` is a list of `{loc, msg, type}`. */
export function invalid(loc: (string | number)[], msg: string, type = "value_error"): Response {
  return detail(422, [{ loc, msg, type }]);
}

export class Reject extends Error {
  constructor(readonly response: Response) {
    super("rejected");
  }
}

/** `?page=&page_size=` read and checked the FastAPI way. */
export function pageOf<T>(url: URL, all: T[], maxPageSize: number) {
  const page = intParam(url, "page", 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = intParam(url, "page_size", 20, 1, maxPageSize);
  const start = (page - 1) * pageSize;
  return {
    items: all.slice(start, start + pageSize),
    total: all.length,
    page,
    page_size: pageSize,
    total_pages: Math.max(1, Math.ceil(all.length / pageSize)),
  };
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    throw new Reject(invalid(["query", name], "Input should be a valid integer", "int_parsing"));
  }
  if (n < min) {
    throw new Reject(
      invalid(["query", name], `Input should be greater than or equal to ${min}`, "greater_than_equal"),
    );
  }
  if (n > max) {
    throw new Reject(
      invalid(["query", name], `Input should be less than or equal to ${max}`, "less_than_equal"),
    );
  }
  return n;
}

/**
 * Plan limits per user and per org, in fixed one-minute windows of simulated time. Returns the
 * headers to add, or throws a 429 with `Retry-After`.
 */
export function rateLimit(state: TurbineXSimState, user: SimUser): Record<string, string> {
  const org = state.orgs.get(user.org_id);
  if (!state.settings.rateLimits || !org) return {};
  const limits = PLAN_LIMITS[org.plan];
  const now = state.now();
  const window = Math.floor(now / 60_000);
  const resetAt = (window + 1) * 60_000;
  const count = (key: string) => {
    const entry = state.windows.get(key);
    return entry && entry.window === window ? entry.count : 0;
  };
  const userCount = count(`user:${user.id}`);
  const orgCount = count(`org:${org.id}`);
  const headers = (remaining: number) => ({
    "X-RateLimit-Limit": String(limits.user),
    "X-RateLimit-Remaining": String(Math.max(0, remaining)),
    "X-RateLimit-Reset": String(Math.ceil(resetAt / 1000)),
  });
  if (userCount >= limits.user || orgCount >= limits.org) {
    const scope = userCount >= limits.user ? "user" : "org";
    const limit = scope === "user" ? limits.user : limits.org;
    throw new Reject(
      detail(429, `Rate limit exceeded: ${limit} requests per minute per ${scope} on the ${org.plan} plan`, {
        ...headers(0),
        "Retry-After": String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      }),
    );
  }
  state.windows.set(`user:${user.id}`, { window, count: userCount + 1 });
  state.windows.set(`org:${org.id}`, { window, count: orgCount + 1 });
  return headers(limits.user - userCount - 1);
}

export function bytesResponse(
  bytes: Uint8Array,
  contentType: string,
  filename: string,
  headers: Record<string, string> = {},
  chunkSize = 16 * 1024,
): Response {
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      ...headers,
      "content-type": contentType,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"`,
    },
  });
}

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  try {
    const value = await request.json();
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new Reject(invalid(["body"], "Input should be a valid JSON object", "model_attributes_type"));
}

export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Reject(invalid(["body"], "Expected multipart/form-data", "value_error"));
  }
}

export function requireString(
  body: Record<string, unknown>,
  key: string,
  optional = false,
): string | undefined {
  const value = body[key];
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new Reject(
      invalid(
        ["body", key],
        value === undefined ? "Field required" : "Input should be a valid string",
        value === undefined ? "missing" : "string_type",
      ),
    );
  }
  return value;
}
