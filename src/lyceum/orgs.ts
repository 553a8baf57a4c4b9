import type { APIPromise } from "../core/api-promise.js";
import { optionalString, requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, offsetPaginator, onePage, operation, pageSize, requireSlug } from "./internal.js";
import { InvitesResource } from "./invites.js";
import { OrgApiKeysResource } from "./org-api-keys.js";
import { routes } from "./routes.js";
import {
  balanceSchema,
  membersSchema,
  type Org,
  type OrgBalance,
  type OrgMember,
  orgListSchema,
  orgSchema,
  type Transaction,
  transactionsPageSchema,
} from "./schemas/orgs.js";

/** What `orgs.create` sends. */
export interface CreateOrgInput {
  name: string;
  /** `[a-z0-9-]+`; the server derives one from the name when absent. */
  slug?: string;
}

/** What `orgs.update` changes. */
export interface UpdateOrgInput {
  name?: string;
}

/** Paging of the organisation lists. */
export interface PageQuery {
  /** Items per request (default 50, at most 500). */
  pageSize?: number;
}

/** Orgs you belong to. */
export function listOrgs(core: ClientCore, options?: RequestOptions): Paginator<Org, number> {
  return onePage(options, () => httpOf(core).json(routes.orgs.list, { schema: orgListSchema(), options }));
}

/** One organisation you belong to. */
export function getOrg(core: ClientCore, slug: string, options?: RequestOptions): APIPromise<Org> {
  return operation(core, options, (http, options) =>
    http.json(routes.orgs.get, { params: { slug: requireSlug(slug) }, schema: orgSchema(), options }),
  );
}

/** Create an org (you become its owner). Never retried. */
export function createOrg(
  core: ClientCore,
  input: CreateOrgInput,
  options?: RequestOptions,
): APIPromise<Org> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const body: Record<string, unknown> = { name: requireString(input.name, "name") };
    if (input.slug !== undefined) body.slug = requireSlug(input.slug);
    return http.json(routes.orgs.create, { json: body, schema: orgSchema(), options });
  });
}

/** Rename an org (owner/admin). */
export function updateOrg(
  core: ClientCore,
  slug: string,
  input: UpdateOrgInput,
  options?: RequestOptions,
): APIPromise<Org> {
  return operation(core, options, (http, options) => {
    const s = requireSlug(slug);
    requireObject(input, "input");
    const body: Record<string, unknown> = {};
    const name = optionalString(input.name, "name");
    if (name !== undefined) body.name = requireString(name, "name");
    if (Object.keys(body).length === 0)
      throw new InputValidationError("input", "nothing to update (give name)");
    return http.json(routes.orgs.update, { params: { slug: s }, json: body, schema: orgSchema(), options });
  });
}

/** An organisation's members and their roles. */
export function listOrgMembers(
  core: ClientCore,
  slug: string,
  options?: RequestOptions,
): Paginator<OrgMember, number> {
  const s = requireSlug(slug);
  return onePage(options, () =>
    httpOf(core).json(routes.orgs.members, { params: { slug: s }, schema: membersSchema(), options }),
  );
}

/** `{ org_id, balance, account_suspended }`; `balance` is a decimal string (never a float). */
export function getOrgBalance(
  core: ClientCore,
  slug: string,
  options?: RequestOptions,
): APIPromise<OrgBalance> {
  return operation(core, options, (http, options) =>
    http.json(routes.orgs.balance, { params: { slug: requireSlug(slug) }, schema: balanceSchema(), options }),
  );
}

/** Credit purchases and charges, newest first (`limit/offset` paging, lazy). */
export function listOrgTransactions(
  core: ClientCore,
  slug: string,
  query: PageQuery = {},
  options?: RequestOptions,
): Paginator<Transaction, number> {
  const s = requireSlug(slug);
  requireObject(query, "query");
  const limit = pageSize(query.pageSize, 50, 500);
  return offsetPaginator(limit, options, (l, offset) =>
    httpOf(core).json(routes.orgs.transactions, {
      params: { slug: s },
      query: { limit: l, offset },
      schema: transactionsPageSchema(),
      options,
    }),
  );
}

/** Organisations: members, balance, transactions, org API keys and invites. */
export class OrgsResource extends Resource<ClientCore> {
  readonly apiKeys: OrgApiKeysResource;
  readonly invites: InvitesResource;
  constructor(core: ClientCore) {
    super(core);
    this.apiKeys = new OrgApiKeysResource(core);
    this.invites = new InvitesResource(core);
  }
  /** {@inheritDoc listOrgs} */
  list(options?: RequestOptions) {
    return listOrgs(this.core, options);
  }
  /** {@inheritDoc getOrg} */
  get(slug: string, options?: RequestOptions) {
    return getOrg(this.core, slug, options);
  }
  /** {@inheritDoc createOrg} */
  create(input: CreateOrgInput, options?: RequestOptions) {
    return createOrg(this.core, input, options);
  }
  /** {@inheritDoc updateOrg} */
  update(slug: string, input: UpdateOrgInput, options?: RequestOptions) {
    return updateOrg(this.core, slug, input, options);
  }
  /** {@inheritDoc listOrgMembers} */
  members(slug: string, options?: RequestOptions) {
    return listOrgMembers(this.core, slug, options);
  }
  /** {@inheritDoc getOrgBalance} */
  balance(slug: string, options?: RequestOptions) {
    return getOrgBalance(this.core, slug, options);
  }
  /** {@inheritDoc listOrgTransactions} */
  transactions(slug: string, query?: PageQuery, options?: RequestOptions) {
    return listOrgTransactions(this.core, slug, query, options);
  }
}
