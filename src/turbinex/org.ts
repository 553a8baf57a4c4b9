import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { checkString, type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Member, memberSchema, type Org, orgSchema, type Usage, usageSchema } from "./schemas.js";

/** What `org.update` changes. */
export interface OrgUpdate {
  name?: string;
}

/** The caller's organisation (implicit in the token). Settings changes need owner/admin (else 403). */
export class OrgResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The organisation. */
  async get(options?: RequestOptions): Promise<Org> {
    return this.#http.json(routes.getOrg, { schema: orgSchema(), options });
  }

  /** Rename the organisation (owners and admins; a member gets `PermissionDeniedError`). */
  async update(input: OrgUpdate, options?: RequestOptions): Promise<Org> {
    if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
    const json: Record<string, unknown> = {};
    if (input.name !== undefined) json.name = checkString(input.name, "name", 200);
    if (Object.keys(json).length === 0) throw new InputValidationError("input", "has nothing to update");
    return this.#http.json(routes.updateOrg, { json, schema: orgSchema(), options });
  }

  /** The organisation's members, across pages. */
  members(list?: ListOptions, options?: RequestOptions): Paginator<Member, number> {
    return paginate(this.#http, routes.listMembers, memberSchema, {
      list,
      maxPageSize: MAX_PAGE_SIZE.members,
      options,
    });
  }
}

/** Token and spend usage for the current billing period. A reached cap makes calls fail with 402. */
export class UsageResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Tokens and spend used in the current period, with their caps. */
  async get(options?: RequestOptions): Promise<Usage> {
    return this.#http.json(routes.usage, { schema: usageSchema(), options });
  }
}
