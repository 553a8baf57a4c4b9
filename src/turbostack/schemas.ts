import * as z from "zod/mini";
import { intLike } from "../core/codecs.js";
import { lazy } from "../core/schema.js";

/**
 * Wire schemas. The public API page documents requests only, so every response schema is
 * tolerant (issue 17, "the rule"): only what the SDK's logic reads is required (a record's `id`,
 * as a number or numeric text; ids are numbers in results), loose objects keep unknown fields,
 * every other field is read by the mappers and reads as undefined when it has an unexpected type,
 * and three list envelopes are accepted by one schema.
 */

// Fields the SDK only passes on (the mappers in model.ts read each one tolerantly: a value of
// another type reads as undefined rather than failing the whole answer).
const anything = () => z.optional(z.unknown());

export const clientWire = lazy(() =>
  z.looseObject({
    id: intLike(),
    firstname: anything(),
    lastname: anything(),
    email: anything(),
    created_at: anything(),
    updated_at: anything(),
  }),
);

export const hostWire = lazy(() =>
  z.looseObject({
    id: intLike(),
    client_id: anything(),
    active: anything(),
    name: anything(),
    // A string when read; tolerated as an object, null, or PHP's `[]` for an empty document.
    json: anything(),
    // Contents undocumented (and PHP may send `[]` for an empty one): interpreted in model.ts.
    monitoring: anything(),
    created_at: anything(),
    updated_at: anything(),
  }),
);

export const groupWire = lazy(() =>
  z.looseObject({
    id: intLike(),
    client_id: anything(),
    name: anything(),
    json: anything(),
    created_at: anything(),
    updated_at: anything(),
  }),
);

export type ClientWire = z.infer<ReturnType<typeof clientWire>>;
export type HostWire = z.infer<ReturnType<typeof hostWire>>;
export type GroupWire = z.infer<ReturnType<typeof groupWire>>;

/**
 * Envelope schemas, one per item schema: building a zod schema costs ~10× parsing a small object
 * with it (bench/latency.mjs showed ~20 µs per `hosts.get` spent rebuilding this one per call).
 */
const envelopes = new WeakMap<object, { single?: unknown; list?: unknown }>();
function envelopeCache(item: object): { single?: unknown; list?: unknown } {
  let cached = envelopes.get(item);
  if (!cached) {
    cached = {};
    envelopes.set(item, cached);
  }
  return cached;
}

/** A single object, bare or wrapped in `{data: {...}}` (Laravel API resources). */
export function single<T>(item: z.ZodMiniType<T, unknown>) {
  const cache = envelopeCache(item);
  cache.single ??= z.union([z.looseObject({ data: item }), item]);
  return cache.single as z.ZodMiniUnion<[z.ZodMiniObject<{ data: typeof item }>, typeof item]>;
}

/**
 * The object inside a single-object answer. Works on validated and unvalidated values alike
 * (`validate: false` skips the schema, not the unwrapping).
 */
export function unwrapSingle<T>(value: unknown): T {
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "data" in value &&
    !("id" in value)
  ) {
    return (value as { data: T }).data;
  }
  return value as T;
}

/** Paging facts read from whichever envelope the server used. */
export interface ListPage<T> {
  items: T[];
  currentPage: number | undefined;
  lastPage: number | undefined;
  total: number | undefined;
  nextLink: string | undefined;
  /** The envelope carried a next-link field (so its absence means "last page"). */
  hasLinks: boolean;
}

// Read by readListPage with toInt (a value that is not an integer reads as absent).
const pageNumbers = () => ({
  current_page: anything(),
  last_page: anything(),
  per_page: anything(),
  total: anything(),
});

/**
 * One tolerant schema for every list envelope: a bare array; Laravel's flat paginator
 * `{data, current_page, last_page, next_page_url, …}`; Laravel resources
 * `{data, links: {next}, meta: {current_page, last_page, …}}`.
 */
export function listEnvelope<T>(item: z.ZodMiniType<T, unknown>) {
  const cache = envelopeCache(item);
  cache.list ??= buildListEnvelope(item);
  return cache.list as ReturnType<typeof buildListEnvelope<T>>;
}

function buildListEnvelope<T>(item: z.ZodMiniType<T, unknown>) {
  return z.union([
    z.array(item),
    z.looseObject({
      data: z.array(item),
      ...pageNumbers(),
      next_page_url: anything(),
      links: anything(),
      meta: anything(),
    }),
  ]);
}

/** Reads the paging facts of any envelope (validated or not). Never throws. */
export function readListPage<T>(value: unknown): ListPage<T> {
  if (Array.isArray(value)) {
    return {
      items: value as T[],
      currentPage: undefined,
      lastPage: undefined,
      total: undefined,
      nextLink: undefined,
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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

export const deployWire = lazy(() =>
  z.looseObject({
    id: anything(),
    host_id: anything(),
    type: anything(),
    status: anything(),
    state: anything(),
    progress: anything(),
    message: anything(),
    step: anything(),
    created_at: anything(),
    started_at: anything(),
    finished_at: anything(),
  }),
);

export type DeployWire = z.infer<ReturnType<typeof deployWire>>;

/** Deploy responses: wrapped or bare objects, a bare status string, or nothing. */
export const deployResponse = lazy(() =>
  z.union([
    z.looseObject({ data: z.nullable(deployWire()) }),
    deployWire(),
    z.string(),
    z.null(),
    z.undefined(),
  ]),
);

/** Credentials: an open object, bare or wrapped in `{data}`. */
export const credentialsResponse = lazy(() =>
  z.union([z.looseObject({ data: z.looseObject({}) }), z.looseObject({})]),
);

/** A save answers the id in some form (a number, `{id}`, `{data: {...}}`): kept open. */
export const saveResponse = lazy(() => z.unknown());
