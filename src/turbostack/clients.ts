import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { internals, type TurboStackCore } from "./client.js";
import { toGroup } from "./groups.js";
import { toHost } from "./hosts.js";
import {
  clientListOperation,
  type ListOptions,
  listOperation,
  readOne,
  recordOf,
  type TurboStackId,
  text,
} from "./internal.js";
import { routes } from "./routes.js";
import {
  type Client,
  type ClientWire,
  clientWire,
  type Group,
  groupWire,
  type Host,
  hostWire,
} from "./schemas.js";

/** A client as the API sent it, its timestamps parsed. */
export function toClient(value: ClientWire): Client {
  const wire = recordOf(value, "client");
  return {
    ...wire,
    firstname: text(wire.firstname),
    lastname: text(wire.lastname),
    email: text(wire.email),
  };
}

/** Every client the token may see, page by page (lazy). */
export const listClients = /* @__PURE__ */ listOperation({
  route: routes.clients.list,
  item: clientWire,
  map: toClient,
});

/** One client. */
export function getClient(
  core: TurboStackCore,
  id: TurboStackId,
  options?: RequestOptions,
): APIPromise<Client> {
  const spec = { route: routes.clients.get, item: clientWire, map: toClient };
  return apiPromise(options, (options) => readOne(internals(core).http, spec, id, options));
}

/** The client's hosts (lazy, paginated; items may carry `monitoring`). */
export const listClientHosts = /* @__PURE__ */ clientListOperation({
  route: routes.clients.hosts,
  item: hostWire,
  map: toHost,
});

/** The client's groups (lazy, paginated). */
export const listClientGroups = /* @__PURE__ */ clientListOperation({
  route: routes.clients.groups,
  item: groupWire,
  map: toGroup,
});

/** Customer accounts and what belongs to them. */
export class ClientsResource extends Resource<TurboStackCore> {
  /** Every client the token may see (`listClients`). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Client, number> {
    return listClients(this.core, list, options);
  }
  /** One client (`getClient`). */
  get(id: TurboStackId, options?: RequestOptions): APIPromise<Client> {
    return getClient(this.core, id, options);
  }
  /** The client's hosts (`listClientHosts`). */
  hosts(id: TurboStackId, list?: ListOptions, options?: RequestOptions): Paginator<Host, number> {
    return listClientHosts(this.core, id, list, options);
  }
  /** The client's groups (`listClientGroups`). */
  groups(id: TurboStackId, list?: ListOptions, options?: RequestOptions): Paginator<Group, number> {
    return listClientGroups(this.core, id, list, options);
  }
}
