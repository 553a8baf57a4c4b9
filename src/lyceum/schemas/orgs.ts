import * as z from "zod/mini";
import { boolLike, decimalString } from "../../core/codecs.js";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { idString, listOf, maybe, maybeTime, type OffsetPage, offsetPage } from "./common.js";

/** Organisation roles; open. Only owners and admins manage keys and invites. */
export type OrgRole = Open<"owner" | "admin" | "member">;

/** An organisation (schema not public: only `slug` is relied on). */
export interface Org {
  slug: string;
  name?: string | null | undefined;
  id?: string | null | undefined;
  /** Your role in it, when the server says. */
  role?: OrgRole | null | undefined;
  is_default?: boolean | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** A member of an organisation and their role. */
export interface OrgMember {
  user_id?: string | null | undefined;
  email?: string | null | undefined;
  role: OrgRole;
  joined_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** `GET /orgs/{slug}/balance`. `balance` is a decimal string: never cast it to a float. */
export interface OrgBalance {
  org_id?: string | null | undefined;
  balance: string;
  account_suspended: boolean | null;
  currency?: string | null | undefined;
  [key: string]: unknown;
}

/** One credit transaction of an organisation (amounts are decimal strings). */
export interface Transaction {
  id?: string | null | undefined;
  /** Decimal string; negative for charges. */
  amount?: string | null | undefined;
  type?: string | null | undefined;
  description?: string | null | undefined;
  /** Decimal string. */
  balance_after?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** What an org API key record may say, listed or just created (never its secret). */
export interface OrgApiKeyFields {
  org_id?: string | null | undefined;
  name?: string | null | undefined;
  prefix?: string | null | undefined;
  created_at?: Date | null | undefined;
  expires_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** An org API key as listed (no secret). */
export interface OrgApiKey extends OrgApiKeyFields {
  id: string;
}

/** A new org API key: `plaintext_key` is shown once. The record prints redacted. */
export interface OrgApiKeyCreated extends OrgApiKeyFields {
  /** The plaintext key, shown once: the one field a create must bring back (everything else may be absent). */
  plaintext_key: string;
  id?: string | null | undefined;
}

/** An invite's status (open). */
export type InviteStatus = Open<"pending" | "accepted" | "revoked" | "expired">;

/** An invitation to join an organisation (the `token` is what the invitee accepts). */
export interface Invite {
  /** The invite token (a capability: whoever holds it can accept; scrubbed from logs). */
  token?: string | null | undefined;
  id?: string | null | undefined;
  org_slug?: string | null | undefined;
  org_name?: string | null | undefined;
  email?: string | null | undefined;
  role?: OrgRole | null | undefined;
  status?: InviteStatus | null | undefined;
  invited_by?: string | null | undefined;
  created_at?: Date | null | undefined;
  expires_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** The answer of `invites.accept`: the organisation joined. */
export interface InviteAccepted {
  org_slug?: string | null | undefined;
  role?: OrgRole | null | undefined;
  [key: string]: unknown;
}

const org = () =>
  z.looseObject({
    slug: z.string(),
    name: maybe(z.string()),
    id: maybe(idString()),
    role: maybe(z.string()),
    is_default: maybe(boolLike()),
    created_at: maybeTime(),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const orgSchema = lazy(() => shaped<Org>()(org()));
/** @internal The response schema behind the type of the same name (validation only). */
export const orgListSchema = lazy(() => shaped<Org[]>()(listOf(org(), "orgs", "organizations", "items")));

const member = () =>
  z.looseObject({
    user_id: maybe(idString()),
    email: maybe(z.string()),
    role: z._default(z.string(), "member"),
    joined_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const membersSchema = lazy(() => shaped<OrgMember[]>()(listOf(member(), "members", "items")));

/** @internal The response schema behind the type of the same name (validation only). */
export const balanceSchema = lazy(() =>
  shaped<OrgBalance>()(
    z.looseObject({
      org_id: maybe(idString()),
      balance: decimalString(),
      account_suspended: z._default(z.nullable(boolLike()), null),
      currency: maybe(z.string()),
    }),
  ),
);

const transaction = () =>
  z.looseObject({
    id: maybe(idString()),
    amount: maybe(decimalString()),
    type: maybe(z.string()),
    description: maybe(z.string()),
    balance_after: maybe(decimalString()),
    created_at: maybeTime(),
  });

/** One page of transactions: a bare array or `{transactions|items, total}`. */
export const transactionsPageSchema = lazy(() =>
  shaped<OffsetPage<Transaction>>()(
    offsetPage(transaction(), ["transactions", "items"], ["total_transactions", "total"]),
  ),
);

const orgKey = () =>
  z.looseObject({
    id: idString(),
    org_id: maybe(idString()),
    name: maybe(z.string()),
    prefix: maybe(z.string()),
    created_at: maybeTime(),
    expires_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const orgKeySchema = lazy(() => shaped<OrgApiKey>()(orgKey()));
/** @internal The response schema behind the type of the same name (validation only). */
export const orgKeyListSchema = lazy(() =>
  shaped<OrgApiKey[]>()(listOf(orgKey(), "api_keys", "keys", "items")),
);
/** @internal The response schema behind the type of the same name (validation only). */
export const orgKeyCreatedSchema = lazy(() =>
  shaped<OrgApiKeyCreated>()(z.extend(orgKey(), { id: maybe(idString()), plaintext_key: z.string() })),
);

const invite = () =>
  z.looseObject({
    token: maybe(z.string()),
    id: maybe(idString()),
    org_slug: maybe(z.string()),
    org_name: maybe(z.string()),
    email: maybe(z.string()),
    role: maybe(z.string()),
    status: maybe(z.string()),
    invited_by: maybe(z.string()),
    created_at: maybeTime(),
    expires_at: maybeTime(),
  });
/** @internal The response schema behind the type of the same name (validation only). */
export const inviteSchema = lazy(() => shaped<Invite>()(invite()));
/** @internal The response schema behind the type of the same name (validation only). */
export const inviteListSchema = lazy(() => shaped<Invite[]>()(listOf(invite(), "invites", "items")));
/** @internal The response schema behind the type of the same name (validation only). */
export const inviteAcceptedSchema = lazy(() =>
  shaped<InviteAccepted>()(
    z.looseObject({
      org_slug: maybe(z.string()),
      role: maybe(z.string()),
    }),
  ),
);
