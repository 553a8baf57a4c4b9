import * as z from "zod/mini";
import { boolLike, decimalString } from "../../core/codecs.js";
import { lazy, type Open, type Schema } from "../../core/schema.js";
import { listOf, maybe, maybeTime, type OffsetPage, offsetPage } from "./common.js";

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

export interface Transaction {
  id: string;
  /** Decimal string; negative for charges. */
  amount: string;
  type?: string | null | undefined;
  description?: string | null | undefined;
  /** Decimal string. */
  balance_after?: string | null | undefined;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** An org API key as listed (no secret). */
export interface OrgApiKey {
  id: string;
  org_id?: string | null | undefined;
  name?: string | null | undefined;
  prefix?: string | null | undefined;
  created_at?: Date | null | undefined;
  expires_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** A new org API key: `plaintext_key` is shown once. The record prints redacted. */
export interface OrgApiKeyCreated extends OrgApiKey {
  plaintext_key: string;
}

export type InviteStatus = Open<"pending" | "accepted" | "revoked" | "expired">;

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

export interface InviteAccepted {
  org_slug?: string | null | undefined;
  role?: OrgRole | null | undefined;
  [key: string]: unknown;
}

const org = () =>
  z.looseObject({
    slug: z.string(),
    name: maybe(z.string()),
    id: maybe(z.union([z.string(), z.number()])),
    role: maybe(z.string()),
    is_default: maybe(boolLike()),
    created_at: maybeTime(),
  });

export const orgSchema = lazy(() => org() as unknown as Schema<Org>);
export const orgListSchema = lazy(
  () => listOf(org(), "orgs", "organizations", "items") as unknown as Schema<Org[]>,
);

const member = () =>
  z.looseObject({
    user_id: maybe(z.union([z.string(), z.number()])),
    email: maybe(z.string()),
    role: z._default(z.string(), "member"),
    joined_at: maybeTime(),
  });
export const membersSchema = lazy(
  () => listOf(member(), "members", "items") as unknown as Schema<OrgMember[]>,
);

export const balanceSchema = lazy(
  () =>
    z.looseObject({
      org_id: maybe(z.union([z.string(), z.number()])),
      balance: decimalString(),
      account_suspended: z._default(z.nullable(boolLike()), null),
      currency: maybe(z.string()),
    }) as unknown as Schema<OrgBalance>,
);

const transaction = () =>
  z.looseObject({
    id: z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v) => String(v)),
    ),
    amount: decimalString(),
    type: maybe(z.string()),
    description: maybe(z.string()),
    balance_after: maybe(decimalString()),
    created_at: maybeTime(),
  });

/** One page of transactions: a bare array or `{transactions|items, total}`. */
export const transactionsPageSchema = lazy(
  () =>
    offsetPage(
      transaction(),
      ["transactions", "items"],
      ["total_transactions", "total"],
    ) as unknown as Schema<OffsetPage<Transaction>>,
);

const orgKey = () =>
  z.looseObject({
    id: z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v) => String(v)),
    ),
    org_id: maybe(z.union([z.string(), z.number()])),
    name: maybe(z.string()),
    prefix: maybe(z.string()),
    created_at: maybeTime(),
    expires_at: maybeTime(),
  });
export const orgKeySchema = lazy(() => orgKey() as unknown as Schema<OrgApiKey>);
export const orgKeyListSchema = lazy(
  () => listOf(orgKey(), "api_keys", "keys", "items") as unknown as Schema<OrgApiKey[]>,
);
export const orgKeyCreatedSchema = lazy(
  () => z.extend(orgKey(), { plaintext_key: z.string() }) as unknown as Schema<OrgApiKeyCreated>,
);

const invite = () =>
  z.looseObject({
    token: maybe(z.string()),
    id: maybe(z.union([z.string(), z.number()])),
    org_slug: maybe(z.string()),
    org_name: maybe(z.string()),
    email: maybe(z.string()),
    role: maybe(z.string()),
    status: maybe(z.string()),
    invited_by: maybe(z.string()),
    created_at: maybeTime(),
    expires_at: maybeTime(),
  });
export const inviteSchema = lazy(() => invite() as unknown as Schema<Invite>);
export const inviteListSchema = lazy(
  () => listOf(invite(), "invites", "items") as unknown as Schema<Invite[]>,
);
export const inviteAcceptedSchema = lazy(
  () =>
    z.looseObject({
      org_slug: maybe(z.string()),
      role: maybe(z.string()),
    }) as unknown as Schema<InviteAccepted>,
);
