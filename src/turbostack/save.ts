import { InputValidationError, ResponseValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import { checkConfig, checkId } from "./input.js";
import { saveResponse } from "./schemas.js";
import type {
  ConfigSaveResult,
  ConfigUpdateResult,
  ConfigView,
  TurboStackConfig,
  TurboStackId,
} from "./types.js";

/** The edit function of `updateConfig`: return the new document, or mutate the draft and return nothing. */
export type ConfigEditor = (
  config: TurboStackConfig,
  // `void` as well as `undefined`, so `(config) => { config.x = 1; }` also type-checks on TypeScript 5.x.
  // biome-ignore lint/suspicious/noConfusingVoidType: "returns nothing" is what void says here
) => TurboStackConfig | undefined | void | Promise<TurboStackConfig | undefined | void>;

/**
 * Read–modify–write of a whole configuration document (hosts and groups alike): read, hand a
 * copy to `edit`, save the whole result. Refuses (before writing) when the stored document is
 * not valid JSON. The API has no conditional write: a save made by someone else between our read
 * and our write is overwritten.
 */
export async function readModifyWrite(
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
      current.configRaw,
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
export async function saveConfig(
  http: HttpClient,
  route: Route,
  id: TurboStackId,
  config: unknown,
  options: RequestOptions | undefined,
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
