import type { APIPromise } from "../core/api-promise.js";
import type { RequestOptions } from "../core/http.js";
import type { TurboStackCore } from "./client.js";
import {
  type ConfigEditor,
  type ConfigSaveResult,
  type ConfigUpdateResult,
  ConfigurableResource,
  configurableOf,
  getConfigurable,
  saveConfigOf,
  updateConfigOf,
} from "./config.js";
import { listOperation, type TurboStackId } from "./internal.js";
import { routes } from "./routes.js";
import { type Group, type GroupWire, groupWire, type TurboStackConfig } from "./schemas.js";

/** A group as the API sent it, its `json` document parsed into `config`. */
export function toGroup(value: GroupWire): Group {
  return configurableOf(value, "group");
}

const endpoints = { what: "group", routes: routes.groups, item: groupWire, map: toGroup } as const;

/** Every group the token may see (lazy, paginated). */
export const listGroups = /* @__PURE__ */ listOperation({
  route: routes.groups.list,
  item: groupWire,
  map: toGroup,
});

/** One group, with its stored configuration as sent (`json`) and parsed (`config`). */
export function getGroup(
  core: TurboStackCore,
  id: TurboStackId,
  options?: RequestOptions,
): APIPromise<Group> {
  return getConfigurable(core, endpoints, id, options);
}

/** Saves the WHOLE group document (`POST {"json": config}`); answers the saved id. Never retried. */
export function saveGroupConfig(
  core: TurboStackCore,
  id: TurboStackId,
  config: TurboStackConfig,
  options?: RequestOptions,
): APIPromise<ConfigSaveResult> {
  return saveConfigOf(core, endpoints, id, config, options);
}

/**
 * Read–modify–write, as `updateHostConfig`: GET the group, hand a copy of its document to `edit`,
 * POST the whole result. Refuses (before writing) when the stored document is not valid JSON. The
 * API has no conditional write: a save made between our read and our write is overwritten.
 */
export function updateGroupConfig(
  core: TurboStackCore,
  id: TurboStackId,
  edit: ConfigEditor,
  options?: RequestOptions,
): APIPromise<ConfigUpdateResult> {
  return updateConfigOf(core, endpoints, id, edit, options);
}

/** Shared settings applied to several hosts. */
export class GroupsResource extends ConfigurableResource<Group> {
  constructor(core: TurboStackCore) {
    super(core, {
      list: listGroups,
      get: getGroup,
      saveConfig: saveGroupConfig,
      updateConfig: updateGroupConfig,
    });
  }
}
