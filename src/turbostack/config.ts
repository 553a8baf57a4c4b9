import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { Resource } from "../core/client.js";
import { InputValidationError, ResponseValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { isPlainObject } from "../core/is-record.js";
import { parseJson } from "../core/json.js";
import type { Paginator } from "../core/pagination.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { internals, type TurboStackCore } from "./client.js";
import { checkId, type ListOptions, readOne, recordOf, type TurboStackId, text, toInt } from "./internal.js";
import { type ConfigView, type ParsedConfig, saveResponse, type TurboStackConfig } from "./schemas.js";

/**
 * Configuration documents, the same for hosts and groups: reading the stored `json`, checking a
 * document before it is sent, saving it whole, and read–modify–write.
 */

/** What a config save answered. */
export interface ConfigSaveResult {
  /** The saved object's id (from the response when it names one, else the id you passed). */
  id: number | string;
  /** The response body as sent. */
  raw: unknown;
}

/** What `updateConfig` did. */
export interface ConfigUpdateResult {
  /** The document before the change (a copy). */
  before: TurboStackConfig;
  /** The whole document that was saved. */
  after: TurboStackConfig;
  saved: ConfigSaveResult;
}

/** The edit function of `updateConfig`: return the new document, or mutate the draft and return nothing. */
export type ConfigEditor = (
  config: TurboStackConfig,
  // `void` as well as `undefined`, so `(config) => { config.x = 1; }` also type-checks on TypeScript 5.x.
  // biome-ignore lint/suspicious/noConfusingVoidType: "returns nothing" is what void says here
) => TurboStackConfig | undefined | void | Promise<TurboStackConfig | undefined | void>;

/**
 * Reads a stored `json` value: a string is parsed (`configValid: false` when it is not a JSON
 * object document), an object is taken as-is, PHP's `[]` is an empty document, and
 * null/absent/empty means no document. Never throws.
 */
export function readConfig(raw: unknown): ParsedConfig {
  if (raw === undefined || raw === null) return { config: undefined, configValid: true };
  if (Array.isArray(raw) && raw.length === 0) return { config: {}, configValid: true };
  if (isPlainObject(raw)) return { config: raw, configValid: true };
  if (typeof raw === "string") {
    if (raw.trim() === "") return { config: undefined, configValid: true };
    try {
      const parsed: unknown = parseJson(raw); // bounded depth, exact big integers
      if (isPlainObject(parsed)) return { config: parsed, configValid: true };
      if (Array.isArray(parsed) && parsed.length === 0) return { config: {}, configValid: true };
    } catch {
      // fall through: kept as sent
    }
  }
  return { config: undefined, configValid: false };
}

/** What hosts and groups share: the record, its owning client and name, its document as sent and parsed. */
export function configurableOf<
  W extends { id: unknown; client_id?: unknown; name?: unknown; json?: unknown; created_at?: unknown },
>(value: W, what: "host" | "group") {
  const wire = recordOf(value, what);
  return {
    ...wire,
    client_id: toInt(wire.client_id),
    name: text(wire.name),
    json: wire.json,
    ...readConfig(wire.json),
  };
}

/**
 * A whole configuration document to POST: a plain object holding only JSON values (no
 * functions, bigints, NaN, class instances or cycles), checked before anything is sent.
 */
export function checkConfig(config: unknown, field = "config"): TurboStackConfig {
  if (!isPlainObject(config)) {
    throw new InputValidationError(field, "must be a plain object (the whole configuration document)");
  }
  checkJsonValue(config, field, new Set());
  return config;
}

function checkJsonValue(value: unknown, path: string, seen: Set<unknown>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InputValidationError(path, "must be a finite number");
    return;
  }
  if (typeof value === "object") {
    if (seen.has(value)) throw new InputValidationError(path, "is a circular reference");
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) checkJsonValue(item, `${path}.${i}`, seen);
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) checkJsonValue(item, `${path}.${key}`, seen);
      }
    } else
      throw new InputValidationError(path, "must be a JSON value (plain object, array, string, number…)");
    seen.delete(value);
    return;
  }
  throw new InputValidationError(path, `must be a JSON value, not ${typeof value}`);
}

/** Where a configurable record (a host, a group) is listed, read and saved, and how it reads. */
export interface ConfigEndpoints<W, T extends ConfigView> {
  what: "host" | "group";
  routes: { list: Route; get: Route; saveConfig: Route };
  item: () => Schema<W>;
  map: (wire: W) => T;
}

/** `getHost`/`getGroup`: one record, its document parsed. */
export function getConfigurable<W, T extends ConfigView>(
  core: TurboStackCore,
  endpoints: ConfigEndpoints<W, T>,
  id: TurboStackId,
  options: RequestOptions | undefined,
): APIPromise<T> {
  return apiPromise(options, (options) => readConfigurable(internals(core).http, endpoints, id, options));
}

function readConfigurable<W, T extends ConfigView>(
  http: HttpClient,
  { routes, item, map }: ConfigEndpoints<W, T>,
  id: TurboStackId,
  options: RequestOptions,
): Promise<T> {
  return readOne(http, { route: routes.get, item, map }, id, options);
}

/** `saveHostConfig`/`saveGroupConfig`: the whole document, `POST {"json": config}`. Never retried. */
export function saveConfigOf<W, T extends ConfigView>(
  core: TurboStackCore,
  endpoints: ConfigEndpoints<W, T>,
  id: TurboStackId,
  config: TurboStackConfig,
  options: RequestOptions | undefined,
): APIPromise<ConfigSaveResult> {
  return apiPromise(options, (options) =>
    saveConfig(internals(core).http, endpoints.routes.saveConfig, id, config, options),
  );
}

/**
 * Read–modify–write of a whole configuration document (hosts and groups alike): read, hand a
 * copy to `edit`, save the whole result. Refuses (before writing) when the stored document is
 * not valid JSON. The API has no conditional write: a save made by someone else between our read
 * and our write is overwritten.
 */
export function updateConfigOf<W, T extends ConfigView>(
  core: TurboStackCore,
  endpoints: ConfigEndpoints<W, T>,
  id: TurboStackId,
  edit: ConfigEditor,
  options: RequestOptions | undefined,
): APIPromise<ConfigUpdateResult> {
  return apiPromise(options, async (options) => {
    const { http } = internals(core);
    checkId(id);
    const save = (config: TurboStackConfig) =>
      saveConfig(http, endpoints.routes.saveConfig, id, config, options);
    const read = () => readConfigurable(http, endpoints, id, options);
    return readModifyWrite(`${endpoints.what} ${id}`, edit, read, save);
  });
}

async function readModifyWrite(
  what: string,
  edit: ConfigEditor,
  read: () => Promise<ConfigView>,
  save: (config: TurboStackConfig) => Promise<ConfigSaveResult>,
): Promise<ConfigUpdateResult> {
  if (typeof edit !== "function") throw new InputValidationError("edit", "must be a function");
  const current = await read();
  if (!current.configValid) {
    throw new ResponseValidationError(
      `${what}: the stored configuration is not a JSON object document; refusing to overwrite it`,
      current.json,
      [{ path: ["json"], message: "not a JSON object document" }],
    );
  }
  const before = current.config ?? {};
  const draft = structuredClone(before);
  const edited = await edit(draft);
  const after = checkConfig(edited === undefined ? draft : edited, "edit(config)");
  const saved = await save(after);
  return { before, after, saved };
}

/**
 * POSTs a whole configuration document as `{"json": {...}}`. Never retried (non-idempotent
 * route). The answer is undocumented beyond "the saved id", so any shape is accepted.
 */
async function saveConfig(
  http: HttpClient,
  route: Route,
  id: TurboStackId,
  config: unknown,
  options: RequestOptions,
): Promise<ConfigSaveResult> {
  const checkedId = checkId(id);
  const document = checkConfig(config);
  const raw = await http.json(route, {
    params: { id: checkedId },
    json: { json: document },
    schema: saveResponse(),
    options,
  });
  return { id: savedId(raw) ?? checkedId, raw };
}

/** The id in a save answer: `7`, `"7"`, `{id: 7}`, `{data: 7}`, `{data: {id: 7}}`. */
export function savedId(raw: unknown): number | string | undefined {
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === "string" && /^\d+$/.test(raw.trim())) return Number(raw.trim());
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if ("id" in record) return savedId(record.id);
    if ("data" in record) return savedId(record.data);
  }
  return undefined;
}

/** The standalone operations of a resource that holds a configuration document. */
export interface ConfigurableOperations<T> {
  /** `listHosts` / `listGroups`. */
  list(core: TurboStackCore, list?: ListOptions, options?: RequestOptions): Paginator<T, number>;
  /** `getHost` / `getGroup`. */
  get(core: TurboStackCore, id: TurboStackId, options?: RequestOptions): APIPromise<T>;
  /** `saveHostConfig` / `saveGroupConfig`. */
  saveConfig(
    core: TurboStackCore,
    id: TurboStackId,
    config: TurboStackConfig,
    options?: RequestOptions,
  ): APIPromise<ConfigSaveResult>;
  /** `updateHostConfig` / `updateGroupConfig`. */
  updateConfig(
    core: TurboStackCore,
    id: TurboStackId,
    edit: ConfigEditor,
    options?: RequestOptions,
  ): APIPromise<ConfigUpdateResult>;
}

/** Hosts and groups: records that hold a configuration document, bound to a client. */
export abstract class ConfigurableResource<T> extends Resource<TurboStackCore> {
  readonly #operations: ConfigurableOperations<T>;

  /** A resource whose methods call `operations` with this client's core. */
  constructor(core: TurboStackCore, operations: ConfigurableOperations<T>) {
    super(core);
    this.#operations = operations;
  }

  /** Every record the token may see (lazy, paginated; `listHosts` / `listGroups`). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<T, number> {
    return this.#operations.list(this.core, list, options);
  }
  /** One record, its document parsed (`getHost` / `getGroup`). */
  get(id: TurboStackId, options?: RequestOptions): APIPromise<T> {
    return this.#operations.get(this.core, id, options);
  }
  /** Saves the WHOLE configuration document (`saveHostConfig` / `saveGroupConfig`). Never retried. */
  saveConfig(
    id: TurboStackId,
    config: TurboStackConfig,
    options?: RequestOptions,
  ): APIPromise<ConfigSaveResult> {
    return this.#operations.saveConfig(this.core, id, config, options);
  }
  /** Read–modify–write of the document (`updateHostConfig` / `updateGroupConfig`). */
  updateConfig(
    id: TurboStackId,
    edit: ConfigEditor,
    options?: RequestOptions,
  ): APIPromise<ConfigUpdateResult> {
    return this.#operations.updateConfig(this.core, id, edit, options);
  }
}
