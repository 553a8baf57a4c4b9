import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { checkId } from "./input.js";
import { paginate } from "./list.js";
import { toClient, toGroup, toHost } from "./model.js";
import { routes } from "./routes.js";
import { clientWire, groupWire, hostWire, single, unwrapSingle } from "./schemas.js";
import type { Client, Group, Host, ListOptions, TurboStackId } from "./types.js";

/** Customer accounts and what belongs to them. */
export class ClientsResource {
  readonly #http: HttpClient;
  readonly #pageSize: number;

  constructor(http: HttpClient, pageSize: number) {
    this.#http = http;
    this.#pageSize = pageSize;
  }

  /** Every client the token may see, page by page (lazy). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Client, number> {
    return paginate(
      {
        http: this.#http,
        route: routes.clients.list,
        item: clientWire,
        map: toClient,
        defaultSize: this.#pageSize,
      },
      list,
      options,
    );
  }

  /** One client. */
  async get(id: TurboStackId, options?: RequestOptions): Promise<Client> {
    const wire = await this.#http.json(routes.clients.get, {
      params: { id: checkId(id) },
      schema: single(clientWire()),
      options,
    });
    return toClient(unwrapSingle(wire));
  }

  /** The client's hosts (lazy, paginated; items may carry `monitoring`). */
  hosts(id: TurboStackId, list?: ListOptions, options?: RequestOptions): Paginator<Host, number> {
    return paginate(
      {
        http: this.#http,
        route: routes.clients.hosts,
        params: { id: checkId(id) },
        item: hostWire,
        map: toHost,
        defaultSize: this.#pageSize,
      },
      list,
      options,
    );
  }

  /** The client's groups (lazy, paginated). */
  groups(id: TurboStackId, list?: ListOptions, options?: RequestOptions): Paginator<Group, number> {
    return paginate(
      {
        http: this.#http,
        route: routes.clients.groups,
        params: { id: checkId(id) },
        item: groupWire,
        map: toGroup,
        defaultSize: this.#pageSize,
      },
      list,
      options,
    );
  }
}
