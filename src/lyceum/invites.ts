import type { APIPromise } from "../core/api-promise.js";
import { requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { httpOf, onePage, operation, requireEmail, requireLyceumId, requireSlug } from "./internal.js";
import { routes } from "./routes.js";
import {
  type Invite,
  type InviteAccepted,
  inviteAcceptedSchema,
  inviteListSchema,
  inviteSchema,
  type OrgRole,
} from "./schemas/orgs.js";

/** What `orgs.invites.create` sends: the invitee's email and role. */
export interface CreateInviteInput {
  email: string;
  /** Default `member`. */
  role?: OrgRole;
}

const ROLES = ["owner", "admin", "member"];

/** Invite someone to an org (owner/admin; a member gets 403). Never retried. */
export function createInvite(
  core: ClientCore,
  slug: string,
  input: CreateInviteInput,
  options?: RequestOptions,
): APIPromise<Invite> {
  return operation(core, options, async (http, options) => {
    const s = requireSlug(slug);
    requireObject(input, "input");
    const body: Record<string, unknown> = { email: requireEmail(input.email) };
    if (input.role !== undefined) {
      if (typeof input.role !== "string" || !ROLES.includes(input.role))
        throw new InputValidationError("role", 'must be "owner", "admin" or "member"');
      body.role = input.role;
    }
    const invite = await http.json(routes.invites.create, {
      params: { slug: s },
      json: body,
      schema: inviteSchema(),
      options,
    });
    return secretToken(invite);
  });
}

/** Open invites of an org (owner/admin). */
export function listInvites(
  core: ClientCore,
  slug: string,
  options?: RequestOptions,
): Paginator<Invite, number> {
  const s = requireSlug(slug);
  return onePage(options, async () =>
    (
      await httpOf(core).json(routes.invites.list, {
        params: { slug: s },
        schema: inviteListSchema(),
        options,
      })
    ).map(secretToken),
  );
}

/** Invites addressed to you. */
export function listMyInvites(core: ClientCore, options?: RequestOptions): Paginator<Invite, number> {
  return onePage(options, async () =>
    (await httpOf(core).json(routes.invites.mine, { schema: inviteListSchema(), options })).map(secretToken),
  );
}

/** Look at an invite by its token (org, role, status) before accepting. */
export function viewInvite(core: ClientCore, token: string, options?: RequestOptions): APIPromise<Invite> {
  return operation(core, options, (http, options) =>
    http.json(routes.invites.view, {
      params: { token: inviteToken(token) },
      schema: inviteSchema(),
      options,
    }),
  );
}

/** Accept an invite (once: a second accept is a `ConflictError`, 409). Never retried. */
export function acceptInvite(
  core: ClientCore,
  token: string,
  options?: RequestOptions,
): APIPromise<InviteAccepted> {
  return operation(core, options, (http, options) =>
    http.json(routes.invites.accept, {
      params: { token: inviteToken(token) },
      schema: inviteAcceptedSchema(),
      options,
    }),
  );
}

function inviteToken(token: unknown): string {
  const t = requireLyceumId(token, "token");
  registerSecret(t);
  return t;
}

function secretToken(invite: Invite): Invite {
  if (invite.token) registerSecret(invite.token);
  return invite;
}

/** Invitations to organisations. Tokens are capabilities: they are scrubbed from logs. */
export class InvitesResource extends Resource<ClientCore> {
  /** {@inheritDoc createInvite} */
  create(slug: string, input: CreateInviteInput, options?: RequestOptions) {
    return createInvite(this.core, slug, input, options);
  }
  /** {@inheritDoc listInvites} */
  list(slug: string, options?: RequestOptions) {
    return listInvites(this.core, slug, options);
  }
  /** {@inheritDoc listMyInvites} */
  mine(options?: RequestOptions) {
    return listMyInvites(this.core, options);
  }
  /** {@inheritDoc viewInvite} */
  view(token: string, options?: RequestOptions) {
    return viewInvite(this.core, token, options);
  }
  /** {@inheritDoc acceptInvite} */
  accept(token: string, options?: RequestOptions) {
    return acceptInvite(this.core, token, options);
  }
}
