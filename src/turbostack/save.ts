import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import { checkConfig, checkId } from "./input.js";
import { saveResponse } from "./schemas.js";
import type { ConfigSaveResult, TurboStackId } from "./types.js";

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
