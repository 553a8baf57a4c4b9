import { optionalInt, requireInt } from "../core/args.js";
import { parseTimestamp } from "../core/codecs.js";
import { InputValidationError, ResponseValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { isRecord } from "../core/is-record.js";
import { nextLaravelPage, Paginator } from "../core/pagination.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { internals, type TurboStackCore } from "./client.js";
import { listEnvelope, single, unwrapSingle } from "./schemas.js";

/** A resource id: the API documents numbers; numeric strings are accepted too. */
export type TurboStackId = number | string;

/** An id argument: a positive safe integer or its decimal text. */
export function checkId(id: unknown, field = "id"): TurboStackId {
  if (typeof id === "number") return requireInt(id, field, 1, Number.MAX_SAFE_INTEGER);
  if (typeof id !== "string" || !/^\d+$/.test(id) || /^0+$/.test(id)) {
    throw new InputValidationError(field, "must be a positive integer or its decimal text");
  }
  return id;
}

/** Paging options of every list. */
export interface ListOptions {
  /** Items per page (default 15, 1–1000). */
  size?: number;
  /** First page to read (default 1). */
  page?: number;
  /** Most pages read before stopping (default 1000). */
  maxPages?: number;
}

function checkListOptions(options: ListOptions | null | undefined, defaultSize: number) {
  // null is taken as "no options", as undefined is.
  if (options != null && typeof options !== "object") {
    throw new InputValidationError("options", "must be an object");
  }
  return {
    size: requireInt(options?.size ?? defaultSize, "size", 1, 1000),
    page: requireInt(options?.page ?? 1, "page", 1, Number.MAX_SAFE_INTEGER),
    maxPages: optionalInt(options?.maxPages, "maxPages", 1, Number.MAX_SAFE_INTEGER),
  };
}

export interface ListSpec<W, T> {
  route: Route;
  params?: Record<string, string | number>;
  item: () => Schema<W>;
  map: (wire: W) => T;
}

/**
 * A lazy paginator over a `size/page` list, whatever envelope the server uses. Options are
 * checked now (before anything is sent); the first request happens on iteration.
 */
export function paginate<W, T>(
  inner: { http: HttpClient; pageSize: number },
  spec: ListSpec<W, T>,
  list: ListOptions | undefined,
  options: RequestOptions | undefined,
): Paginator<T, number> {
  const { http } = inner;
  const { size, page, maxPages } = checkListOptions(list, inner.pageSize);
  return new Paginator<T, number>({
    first: page,
    maxPages,
    signal: options?.signal,
    onCapReached: (pages) => http.logger.warn(`${spec.route.path}: stopped after ${pages} pages (maxPages)`),
    async fetchPage(state, signal) {
      const body = await http.json(spec.route, {
        params: spec.params,
        query: { size, page: state },
        schema: listEnvelope(spec.item()),
        options: { ...options, signal: signal ?? options?.signal },
      });
      const result = readListPage<W>(body);
      return {
        items: result.items.map(spec.map),
        next: nextLaravelPage({ page: state, size }, { ...result, count: result.items.length }),
        total: result.total,
      };
    },
  });
}

/** A list operation over `spec`, as exported: `listHosts(core, list, options)`. */
export function listOperation<W, T>(spec: ListSpec<W, T>) {
  return (core: TurboStackCore, list?: ListOptions, options?: RequestOptions): Paginator<T, number> =>
    paginate(internals(core), spec, list, options);
}

/** A list operation over one client's records, as exported: `listClientHosts(core, id, list, options)`. */
export function clientListOperation<W, T>(spec: Omit<ListSpec<W, T>, "params">) {
  return (
    core: TurboStackCore,
    id: TurboStackId,
    list?: ListOptions,
    options?: RequestOptions,
  ): Paginator<T, number> =>
    paginate(internals(core), { ...spec, params: { id: checkId(id) } }, list, options);
}

/** One record by id (`GET …/{id}`), bare or wrapped in `{data}`, read by `map`. */
export async function readOne<W, T>(
  http: HttpClient,
  spec: { route: Route; item: () => Schema<W>; map: (wire: W) => T },
  id: TurboStackId,
  options: RequestOptions,
): Promise<T> {
  const wire = await http.json(spec.route, {
    params: { id: checkId(id) },
    schema: single(spec.item()),
    options,
  });
  return spec.map(unwrapSingle(wire));
}

/** Paging facts read from whichever envelope the server used. */
interface ListPage<T> {
  items: T[];
  currentPage: number | undefined;
  lastPage: number | undefined;
  total: number | undefined;
  nextLink: string | undefined;
  /** The envelope carried a next-link field (so its absence means "last page"). */
  hasLinks: boolean;
}

/** Reads the paging facts of any envelope (validated or not). Never throws. */
function readListPage<T>(value: unknown): ListPage<T> {
  if (Array.isArray(value)) {
    const none = undefined;
    return {
      items: value as T[],
      currentPage: none,
      lastPage: none,
      total: none,
      nextLink: none,
      hasLinks: false,
    };
  }
  const record = isRecord(value) ? value : {};
  const meta = isRecord(record.meta) ? record.meta : {};
  const links = isRecord(record.links) ? record.links : undefined;
  const hasResourceNext = links !== undefined && "next" in links;
  const hasFlatNext = "next_page_url" in record;
  const next = hasResourceNext ? links.next : record.next_page_url;
  return {
    items: Array.isArray(record.data) ? (record.data as T[]) : [],
    currentPage: toInt(meta.current_page ?? record.current_page),
    lastPage: toInt(meta.last_page ?? record.last_page),
    total: toInt(meta.total ?? record.total),
    nextLink: typeof next === "string" && next !== "" ? next : undefined,
    hasLinks: hasResourceNext || hasFlatNext,
  };
}

/**
 * The mappers read fields of an object. With `validate: false` the answer reaches them unchecked
 * (`{data: null}` unwraps to null), so anything else is reported as the schema would have.
 */
export function objectOf<W>(wire: W, what: string): W {
  if (isRecord(wire)) return wire;
  throw new ResponseValidationError(`TurboStack ${what}: expected an object`, wire, [
    { path: [], message: "expected an object" },
  ]);
}

/**
 * What every record's mapper starts from: the wire object (unknown fields kept) with its `id` and
 * Laravel timestamps read.
 */
export function recordOf<W extends { id: unknown; created_at?: unknown; updated_at?: unknown }>(
  value: W,
  what: string,
): W & { id: number; created_at: Date | undefined; updated_at: Date | undefined } {
  const wire = objectOf(value, what);
  return {
    ...wire,
    id: toInt(wire.id) ?? (wire.id as number),
    created_at: date(wire.created_at),
    updated_at: date(wire.updated_at),
  };
}

/** An integer from a number or numeric text; undefined otherwise. */
export function toInt(value: unknown): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A flag from boolean, 0/1 or their text; undefined otherwise. */
export function toBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  // Primitives only: String() of an unchecked nested array (`validate: false`) recurses.
  if (typeof value !== "number" && typeof value !== "string") return undefined;
  const s = String(value).trim().toLowerCase();
  if (s === "1" || s === "true") return true;
  if (s === "0" || s === "false") return false;
  return undefined;
}

export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const date = (value: unknown): Date | undefined => parseTimestamp(value);
