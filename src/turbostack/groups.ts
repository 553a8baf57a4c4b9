import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { checkId } from "./input.js";
import { paginate } from "./list.js";
import { toGroup } from "./model.js";
import { routes } from "./routes.js";
import { type ConfigEditor, readModifyWrite, saveConfig } from "./save.js";
import { groupWire, single, unwrapSingle } from "./schemas.js";
import type {
  ConfigSaveResult,
  ConfigUpdateResult,
  Group,
  ListOptions,
  TurboStackConfig,
  TurboStackId,
} from "./types.js";

/** Shared settings applied to several hosts. */
export class GroupsResource {
  readonly #http: HttpClient;
  readonly #pageSize: number;

  constructor(http: HttpClient, pageSize: number) {
    this.#http = http;
    this.#pageSize = pageSize;
  }

  /** Every group the token may see (lazy, paginated). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Group, number> {
    return paginate(
      {
        http: this.#http,
        route: routes.groups.list,
        item: groupWire,
        map: toGroup,
        defaultSize: this.#pageSize,
      },
      list,
      options,
    );
  }

  /** One group, with its stored configuration parsed (`config`) and raw (`configRaw`). */
  async get(id: TurboStackId, options?: RequestOptions): Promise<Group> {
    const wire = await this.#http.json(routes.groups.get, {
      params: { id: checkId(id) },
      schema: single(groupWire()),
      options,
    });
    return toGroup(unwrapSingle(wire));
  }

  /** Saves the WHOLE group document (`POST {"json": config}`); answers the saved id. Never retried. */
  saveConfig(
    id: TurboStackId,
    config: TurboStackConfig,
    options?: RequestOptions,
  ): Promise<ConfigSaveResult> {
    return saveConfig(this.#http, routes.groups.saveConfig, id, config, options);
  }

  /**
   * Read–modify–write, as `hosts.updateConfig`: GET the group, hand a copy of its document to
   * `edit`, POST the whole result. Refuses (before writing) when the stored document is not valid
   * JSON. The API has no conditional write: a save made between our read and our write is
   * overwritten.
   */
  async updateConfig(
    id: TurboStackId,
    edit: ConfigEditor,
    options?: RequestOptions,
  ): Promise<ConfigUpdateResult> {
    checkId(id);
    return readModifyWrite(
      `group ${id}`,
      edit,
      () => this.get(id, options),
      (config) => this.saveConfig(id, config, options),
    );
  }
}
