import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { onePage } from "./catalog.js";
import { offsetPaginator } from "./paging.js";
import { routes } from "./routes.js";
import {
  balanceSchema,
  type Invite,
  type InviteAccepted,
  inviteAcceptedSchema,
  inviteListSchema,
  inviteSchema,
  membersSchema,
  type Org,
  type OrgApiKey,
  type OrgApiKeyCreated,
  type OrgBalance,
  type OrgMember,
  type OrgRole,
  orgKeyCreatedSchema,
  orgKeyListSchema,
  orgListSchema,
  orgSchema,
  type Transaction,
  transactionsPageSchema,
} from "./schemas/orgs.js";
import * as v from "./validate.js";

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

/** What `orgs.apiKeys.create` sends. */
export interface CreateOrgKeyInput {
  name: string;
  /** Expiry (Date, ISO text or epoch ms), in the future; default: never. */
  expiresAt?: Date | string | number;
}

/** What `orgs.invites.create` sends: the invitee's email and role. */
export interface CreateInviteInput {
  email: string;
  /** Default `member`. */
  role?: OrgRole;
}

const ROLES = ["owner", "admin", "member"];

/** API keys that belong to an organisation: they carry it (no `X-Org-Slug` needed). */
export class OrgApiKeysResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Keys of an org (owner/admin). `GET /orgs/{slug}/api-keys` is a contract path (not public). */
  list(slug: string, options?: RequestOptions): Paginator<OrgApiKey, number> {
    const s = v.slug(slug);
    return onePage(options, () =>
      this.#http.json(routes.orgKeyList, { params: { slug: s }, schema: orgKeyListSchema(), options }),
    );
  }

  /**
   * Create a key (owner/admin; a member gets 403). `plaintext_key` is shown once: the result
   * reads normally but prints redacted, and the key is scrubbed from logs. Never retried.
   */
  async create(
    slug: string,
    input: CreateOrgKeyInput,
    options?: RequestOptions,
  ): Promise<SecretRecord<OrgApiKeyCreated>> {
    const s = v.slug(slug);
    v.requireObject(input, "input");
    const body: Record<string, unknown> = { name: v.requireString(input.name, "name") };
    const expires = v.optionalFutureTime(input.expiresAt, "expiresAt");
    if (expires !== undefined) body.expires_at = expires;
    const key = await this.#http.json(routes.orgKeyCreate, {
      params: { slug: s },
      json: body,
      schema: orgKeyCreatedSchema(),
      sensitive: true,
      options,
    });
    return secretRecord(key, "org API key", { secretFields: ["plaintext_key"] });
  }

  /** Revoke a key. `DELETE /orgs/{slug}/api-keys/{id}` is a contract path (not public). */
  async delete(slug: string, id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.orgKeyDelete, { params: { slug: v.slug(slug), id: v.id(id) }, options });
  }
}

/** Invitations to organisations. Tokens are capabilities: they are scrubbed from logs. */
export class InvitesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Invite someone (owner/admin; a member gets 403). Never retried. */
  async create(slug: string, input: CreateInviteInput, options?: RequestOptions): Promise<Invite> {
    const s = v.slug(slug);
    v.requireObject(input, "input");
    const body: Record<string, unknown> = { email: v.email(input.email) };
    if (input.role !== undefined) {
      if (typeof input.role !== "string" || !ROLES.includes(input.role))
        throw new v.InputError("role", 'must be "owner", "admin" or "member"');
      body.role = input.role;
    }
    return secretToken(
      await this.#http.json(routes.inviteCreate, {
        params: { slug: s },
        json: body,
        schema: inviteSchema(),
        options,
      }),
    );
  }

  /** Open invites of an org (owner/admin). */
  list(slug: string, options?: RequestOptions): Paginator<Invite, number> {
    const s = v.slug(slug);
    return onePage(options, async () =>
      (
        await this.#http.json(routes.inviteList, { params: { slug: s }, schema: inviteListSchema(), options })
      ).map(secretToken),
    );
  }

  /** Invites addressed to you. */
  mine(options?: RequestOptions): Paginator<Invite, number> {
    return onePage(options, async () =>
      (await this.#http.json(routes.invitesMine, { schema: inviteListSchema(), options })).map(secretToken),
    );
  }

  /** Look at an invite by its token (org, role, status) before accepting. */
  async view(token: string, options?: RequestOptions): Promise<Invite> {
    const t = inviteToken(token);
    return this.#http.json(routes.inviteView, { params: { token: t }, schema: inviteSchema(), options });
  }

  /** Accept (once: a second accept is a `ConflictError`, 409). Never retried. */
  async accept(token: string, options?: RequestOptions): Promise<InviteAccepted> {
    const t = inviteToken(token);
    return this.#http.json(routes.inviteAccept, {
      params: { token: t },
      schema: inviteAcceptedSchema(),
      options,
    });
  }
}

function inviteToken(token: unknown): string {
  const t = v.id(token, "token");
  registerSecret(t);
  return t;
}

function secretToken(invite: Invite): Invite {
  if (invite.token) registerSecret(invite.token);
  return invite;
}

/** Organisations: members, balance, transactions, org API keys and invites. */
export class OrgsResource {
  readonly #http: HttpClient;
  readonly apiKeys: OrgApiKeysResource;
  readonly invites: InvitesResource;
  constructor(http: HttpClient) {
    this.#http = http;
    this.apiKeys = new OrgApiKeysResource(http);
    this.invites = new InvitesResource(http);
  }

  /** Orgs you belong to. */
  list(options?: RequestOptions): Paginator<Org, number> {
    return onePage(options, () => this.#http.json(routes.orgList, { schema: orgListSchema(), options }));
  }

  /** One organisation you belong to. */
  async get(slug: string, options?: RequestOptions): Promise<Org> {
    return this.#http.json(routes.orgGet, { params: { slug: v.slug(slug) }, schema: orgSchema(), options });
  }

  /** Create an org (you become its owner). Never retried. */
  async create(input: CreateOrgInput, options?: RequestOptions): Promise<Org> {
    v.requireObject(input, "input");
    const body: Record<string, unknown> = { name: v.requireString(input.name, "name") };
    if (input.slug !== undefined) body.slug = v.slug(input.slug);
    return this.#http.json(routes.orgCreate, { json: body, schema: orgSchema(), options });
  }

  /** Rename (owner/admin). */
  async update(slug: string, input: UpdateOrgInput, options?: RequestOptions): Promise<Org> {
    const s = v.slug(slug);
    v.requireObject(input, "input");
    const body: Record<string, unknown> = {};
    const name = v.optionalString(input.name, "name");
    if (name !== undefined) body.name = v.requireString(name, "name");
    if (Object.keys(body).length === 0) throw new v.InputError("input", "nothing to update (give name)");
    return this.#http.json(routes.orgUpdate, {
      params: { slug: s },
      json: body,
      schema: orgSchema(),
      options,
    });
  }

  /** An organisation's members and their roles. */
  members(slug: string, options?: RequestOptions): Paginator<OrgMember, number> {
    const s = v.slug(slug);
    return onePage(options, () =>
      this.#http.json(routes.orgMembers, { params: { slug: s }, schema: membersSchema(), options }),
    );
  }

  /** `{ org_id, balance, account_suspended }`; `balance` is a decimal string (never a float). */
  async balance(slug: string, options?: RequestOptions): Promise<OrgBalance> {
    return this.#http.json(routes.orgBalance, {
      params: { slug: v.slug(slug) },
      schema: balanceSchema(),
      options,
    });
  }

  /** Credit purchases and charges, newest first (`limit/offset` paging, lazy). */
  transactions(
    slug: string,
    query: PageQuery = {},
    options?: RequestOptions,
  ): Paginator<Transaction, number> {
    const s = v.slug(slug);
    v.requireObject(query, "query");
    const limit = v.pageSize(query.pageSize, 50, 500);
    return offsetPaginator(limit, options, (l, offset) =>
      this.#http.json(routes.orgTransactions, {
        params: { slug: s },
        query: { limit: l, offset },
        schema: transactionsPageSchema(),
        options,
      }),
    );
  }
}
