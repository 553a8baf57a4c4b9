import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Member, memberSchema, type Org, orgSchema } from "./schemas.js";

/** What `org.update` changes. */
export interface OrgUpdate {
  name?: string;
}

/** The organisation (implicit in the token). */
export function getOrg(core: TurbineXCore, options?: RequestOptions): APIPromise<Org> {
  return apiPromise(options, (o) => httpOf(core).json(routes.org.get, { schema: orgSchema(), options: o }));
}

/** Rename the organisation (owners and admins; a member gets `PermissionDeniedError`). */
export function updateOrg(core: TurbineXCore, input: OrgUpdate, options?: RequestOptions): APIPromise<Org> {
  return apiPromise(options, (o) => {
    requireObject(input, "input");
    const json: Record<string, unknown> = {};
    if (input.name !== undefined) json.name = requireString(input.name, "name", 200);
    if (Object.keys(json).length === 0) throw new InputValidationError("input", "has nothing to update");
    return httpOf(core).json(routes.org.update, { json, schema: orgSchema(), options: o });
  });
}

/** The organisation's members, across pages. */
export function listMembers(
  core: TurbineXCore,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Member, number> {
  return paginate(httpOf(core), routes.org.members, memberSchema, {
    list,
    maxPageSize: MAX_PAGE_SIZE.members,
    options,
  });
}

/** The caller's organisation (`tx.org`). Settings changes need owner/admin (else 403). */
export class OrgResource extends Resource<TurbineXCore> {
  /** The organisation. */
  get(options?: RequestOptions): APIPromise<Org> {
    return getOrg(this.core, options);
  }
  /** Rename the organisation (owners and admins; a member gets `PermissionDeniedError`). */
  update(input: OrgUpdate, options?: RequestOptions): APIPromise<Org> {
    return updateOrg(this.core, input, options);
  }
  /** The organisation's members, across pages. */
  members(list?: ListOptions, options?: RequestOptions): Paginator<Member, number> {
    return listMembers(this.core, list, options);
  }
}
