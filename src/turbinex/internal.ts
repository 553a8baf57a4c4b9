import { optionalInt } from "../core/args.js";
import { type Download, type DownloadProgress, downloadFrom } from "../core/download.js";
import { ResponseValidationError } from "../core/errors.js";
import type { HttpClient, QueryValue, RequestOptions } from "../core/http.js";
import { nextByTotalPages, Paginator } from "../core/pagination.js";
import type { PathParams, Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { type PageEnvelope, pageSchema } from "./schemas.js";

/** Paging options every TurbineX `list` takes. */
export interface ListOptions {
  /** Items per page (each endpoint has its own maximum). */
  pageSize?: number;
  /** Stop after this many pages (default 1000). */
  maxPages?: number;
}

/** Options of a download: byte progress, plus the per-call request options. */
export interface DownloadOptions extends RequestOptions {
  /** Told as bytes are consumed from the stream. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** A lazy `PaginatedResponse<T>` paginator: nothing is sent until it is iterated. */
export function paginate<T>(
  http: HttpClient,
  route: Route,
  item: () => Schema<T>,
  init: {
    params?: PathParams;
    query?: Record<string, QueryValue>;
    list?: ListOptions | null | undefined;
    maxPageSize: number;
    auth?: boolean;
    options?: RequestOptions | undefined;
  },
): Paginator<T, number> {
  const pageSize = optionalInt(init.list?.pageSize, "pageSize", 1, init.maxPageSize);
  // A NaN or non-number cap would never be reached.
  const maxPages = optionalInt(init.list?.maxPages, "maxPages", 1, Number.MAX_SAFE_INTEGER);
  return new Paginator<T, number>({
    first: 1,
    maxPages,
    fetchPage: async (page, signal) => {
      const result = await http.json(route, {
        params: init.params,
        query: { ...init.query, page, page_size: pageSize },
        schema: pageSchema(item),
        auth: init.auth,
        options: signal ? { ...init.options, signal } : init.options,
      });
      const envelope = readEnvelope(result);
      return {
        items: envelope.items,
        next: nextByTotalPages(envelope.page ?? page, envelope.total_pages),
        total: envelope.total ?? undefined,
      };
    },
  });
}

/**
 * The page, validated or not: with `validate: false` the schema's bare-array transform has not
 * run and nothing is checked, so read both forms here and report anything else as the schema would.
 */
function readEnvelope<T>(value: PageEnvelope<T> | T[]): Partial<PageEnvelope<T>> & { items: T[] } {
  if (Array.isArray(value)) return { items: value };
  if (typeof value === "object" && value !== null && Array.isArray(value.items)) return value;
  throw new ResponseValidationError("TurbineX list: expected a page of items", value, [
    { path: ["items"], message: "expected an array" },
  ]);
}

/**
 * A download endpoint: the bytes directly, or (a real server's other legal choices) a redirect or
 * a JSON `{url}` to pre-signed storage, fetched without credentials (`core/download.ts`).
 */
export function download(
  http: HttpClient,
  route: Route,
  params: PathParams,
  options: DownloadOptions | undefined,
  auth = true,
): Promise<Download> {
  const { onProgress, ...requestOptions } = options ?? {};
  return downloadFrom(http, route, { params, auth, options: requestOptions, onProgress });
}
