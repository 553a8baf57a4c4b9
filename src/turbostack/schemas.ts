import * as z from "zod/mini";
import { intLike } from "../core/codecs.js";
import { lazy, type Open } from "../core/schema.js";
import type { SecretRecord } from "../core/secret.js";

/**
 * Wire schemas. The public API page documents requests only, so every response schema is
 * tolerant (issue 17, "the rule"): only what the SDK's logic reads is required (a record's `id`,
 * as a number or numeric text; ids are numbers in results), loose objects keep unknown fields,
 * every other field is read by the mappers and reads as undefined when it has an unexpected type,
 * and three list envelopes are accepted by one schema.
 *
 * Models keep the API's field names (Laravel's snake_case) with their values read tolerantly (ids
 * and flags normalised, timestamps parsed into `Date`), unknown fields kept; what the SDK derives
 * (the parsed configuration, a deploy's outcome) lives in camelCase fields of its own.
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

// Read by internal.ts with toInt (a value that is not an integer reads as absent).
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

// ── Models ──

/** A configuration document as stored by TurboStack (the `json` field), parsed. */
export type TurboStackConfig = Record<string, unknown>;

/** The configuration derived from a stored `json` value. */
export interface ParsedConfig {
  /** The parsed document, or `undefined` when there is none or it is not a JSON object. */
  config: TurboStackConfig | undefined;
  /**
   * False when `json` was a string that is not a JSON object document (kept as sent in `json`,
   * never an exception). True when it parsed, or when there was no document.
   */
  configValid: boolean;
}

/** What every configurable object (host, group) carries: the stored document, as sent and parsed. */
export interface ConfigView extends ParsedConfig {
  /** The stored configuration as the API sent it (usually JSON text). */
  json: unknown;
}

/** A customer account. Unknown fields are kept. */
export interface Client {
  id: number;
  firstname: string | undefined;
  lastname: string | undefined;
  email: string | undefined;
  created_at: Date | undefined;
  updated_at: Date | undefined;
  [key: string]: unknown;
}

/** Live server status; the API leaves the contents undocumented, so they stay open objects. */
export interface HostMonitoring {
  load?: Record<string, unknown> | unknown;
  disk?: Record<string, unknown> | unknown;
  memory?: Record<string, unknown> | unknown;
  [key: string]: unknown;
}

/** One managed server. Unknown fields are kept. */
export interface Host extends ConfigView {
  id: number;
  client_id: number | undefined;
  /** Normalised from 0/1/boolean; undefined when absent. */
  active: boolean | undefined;
  name: string | undefined;
  monitoring: HostMonitoring | undefined;
  created_at: Date | undefined;
  updated_at: Date | undefined;
  [key: string]: unknown;
}

/** A set of shared settings applied to several hosts. Unknown fields are kept. */
export interface Group extends ConfigView {
  id: number;
  /** Owning client, when the group belongs to one. */
  client_id: number | undefined;
  name: string | undefined;
  created_at: Date | undefined;
  updated_at: Date | undefined;
  [key: string]: unknown;
}

/** The deployment kinds the API accepts (`fullResetDeploy` wipes the host and needs confirmation). */
export type DeployType = "deploy" | "fullDeploy" | "fullResetDeploy";

/** Known deployment states; any other string the server sends is kept as-is. */
export type DeployState = Open<"queued" | "pending" | "running" | "deploying" | "finished" | "failed">;

/** A deployment's status. Shape and values are undocumented: everything is optional and open. */
export interface DeployStatus {
  /** Deployment id, when the server sends one. */
  id: number | string | undefined;
  host_id: number | undefined;
  type: Open<DeployType> | undefined;
  /** Open status string (`status`, or `state`); `"unknown"` when the server sent none. */
  status: DeployState;
  /** 0–100 when the server reports it. */
  progress: number | undefined;
  /** A current step or message (`message`, or `step`), when the server sends one. */
  message: string | undefined;
  created_at: Date | undefined;
  started_at: Date | undefined;
  finished_at: Date | undefined;
  /** Derived: true for a final state (success or failure). Unknown states are not final. */
  done: boolean;
  /** Derived: `"succeeded"` / `"failed"` once done, otherwise undefined. */
  outcome: "succeeded" | "failed" | undefined;
  /** The response body as sent (it may be a bare status string). */
  raw: unknown;
}

/**
 * Host credentials, as a secret record: fields read normally (`creds.password`), but the object
 * prints as redacted in `String()`, `JSON.stringify`, `util.inspect`, logs and errors.
 * Undocumented fields are kept under their wire names. `reveal()` gives a plain copy.
 */
export type HostCredentials = SecretRecord<HostCredentialFields>;

/** A host's login as `hosts.credentials()` found it (under whichever names the answer used). */
export interface HostLogin {
  username: string;
  password: string | undefined;
  /** Host name or IP, when the answer names one. */
  host: string | undefined;
  port: number | undefined;
}

export interface HostCredentialFields extends ParsedConfig {
  host_id: number | undefined;
  /**
   * Derived: the login, the one documented way to read it, found under `ssh_user`/`ssh_password`,
   * `username`/`password`, `user`/`pass`, `login`… at the top level or one level down (`ssh`,
   * `system_users[0]`…). Undefined when the answer names no user.
   */
  login: HostLogin | undefined;
  /** The stored configuration as sent (parsed into `config`, as a host's). */
  json?: unknown;
  hostname?: string;
  ip?: string;
  username?: string;
  password?: string;
  [key: string]: unknown;
}
