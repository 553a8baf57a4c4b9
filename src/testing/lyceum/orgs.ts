import { http } from "msw";
import { authed, type Caller, orgData } from "./auth.js";
import {
  BodyCheck,
  detail,
  type Issue,
  isRecord,
  ok,
  queryInt,
  readJson,
  readKeyRequest,
  unprocessable,
} from "./http.js";
import { isoTime, issueApiKey, money, type SimEnv, type SimInvite, type SimOrg, seedOrg } from "./state.js";

const SLUG = /^[a-z0-9-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MANAGERS = new Set(["owner", "admin"]);

/**
 * The org a path names, if the caller may see it: members only, and an org API key only reaches
 * its own org. `manage` also requires owner/admin (a member gets 403).
 */
export function orgFor(
  env: SimEnv,
  caller: Caller,
  slug: unknown,
  opts: { manage?: string } = {},
): SimOrg | Response {
  if (typeof slug !== "string" || !SLUG.test(slug)) return detail(400, "Invalid organization slug");
  const info = env.state.orgInfo.get(slug);
  const role = caller.user.orgs.get(slug);
  if (!info || !role) return detail(404, "Organization not found");
  if (caller.key?.org && caller.key.org !== slug)
    return detail(403, "This API key belongs to another organization");
  if (opts.manage && !MANAGERS.has(role)) return detail(403, `Only owners and admins can ${opts.manage}`);
  return info;
}

function orgBody(org: SimOrg, caller: Caller) {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    role: caller.user.orgs.get(org.slug) ?? null,
    is_default: caller.user.defaultOrg === org.slug,
    created_at: isoTime(org.createdAt),
  };
}

export function pageOf<T>(url: URL, items: T[], issues: Issue[]) {
  const limit = queryInt(url, "limit", 50, 1, 500, issues);
  const offset = queryInt(url, "offset", 0, 0, 1_000_000, issues);
  return { page: items.slice(offset, offset + limit), total: items.length };
}

export function inviteBody(env: SimEnv, invite: SimInvite, withToken: boolean) {
  const org = env.state.orgInfo.get(invite.org);
  const status = invite.status === "pending" && invite.expiresAt <= env.now() ? "expired" : invite.status;
  return {
    id: invite.id,
    ...(withToken ? { token: invite.token } : {}),
    org_slug: invite.org,
    org_name: org?.name ?? invite.org,
    email: invite.email,
    role: invite.role,
    status,
    invited_by: invite.invitedBy,
    created_at: isoTime(invite.createdAt),
    expires_at: isoTime(invite.expiresAt),
  };
}

export function orgHandlers(base: string, env: SimEnv) {
  const { state } = env;
  return [
    http.get(
      `${base}/orgs`,
      authed(env, (_args, caller) =>
        ok(
          [...caller.user.orgs.keys()]
            .map((slug) => state.orgInfo.get(slug))
            .filter((o): o is SimOrg => o !== undefined)
            .map((o) => orgBody(o, caller)),
        ),
      ),
    ),
    http.post(
      `${base}/orgs`,
      authed(env, async ({ request }, caller) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        const name = check.string("name", { required: true });
        const slugIn = check.string("slug", { pattern: SLUG });
        if (check.failed) return check.failed;
        const slug =
          slugIn ??
          (name as string)
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-|-$/g, "");
        if (!slug) return unprocessable([{ loc: ["body", "slug"], msg: "Field required", type: "missing" }]);
        if (state.orgInfo.has(slug)) return detail(409, `Organization slug '${slug}' is taken`);
        const org = seedOrg(state, env.ctx, slug, 0, name);
        org.createdAt = env.now();
        orgData(env, slug);
        caller.user.orgs.set(slug, "owner");
        return ok(orgBody(org, caller), 201);
      }),
    ),
    http.get(
      `${base}/orgs/:slug`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug);
        return org instanceof Response ? org : ok(orgBody(org, caller));
      }),
    ),
    http.patch(
      `${base}/orgs/:slug`,
      authed(env, async ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "update the organization" });
        if (org instanceof Response) return org;
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        const name = check.string("name");
        if (check.failed) return check.failed;
        if (name !== undefined) org.name = name;
        return ok(orgBody(org, caller));
      }),
    ),
    http.get(
      `${base}/orgs/:slug/members`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug);
        if (org instanceof Response) return org;
        const members = [...state.users.values()]
          .filter((u) => u.orgs.has(org.slug))
          .map((u) => ({
            user_id: u.id,
            email: u.email,
            role: u.orgs.get(org.slug),
            joined_at: isoTime(org.createdAt),
          }));
        return ok({ members });
      }),
    ),
    http.get(
      `${base}/orgs/:slug/balance`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug);
        if (org instanceof Response) return org;
        return ok({
          org_id: org.id,
          balance: money(org.balanceCents),
          account_suspended: org.suspended,
          currency: "EUR",
        });
      }),
    ),
    http.get(
      `${base}/orgs/:slug/transactions`,
      authed(env, ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug);
        if (org instanceof Response) return org;
        const issues: Issue[] = [];
        const { page, total } = pageOf(new URL(request.url), org.transactions, issues);
        if (issues.length) return unprocessable(issues);
        return ok({
          transactions: page.map((t) => ({
            id: t.id,
            amount: money(t.cents),
            type: t.type,
            description: t.description,
            balance_after: money(t.balanceAfterCents),
            created_at: isoTime(t.at, "offset"),
          })),
          total,
        });
      }),
    ),

    // Org API keys: owners/admins only.
    http.get(
      `${base}/orgs/:slug/api-keys`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage API keys" });
        if (org instanceof Response) return org;
        const keys = [...state.apiKeys.values()]
          .filter((k) => k.kind === "org" && k.org === org.slug)
          .map((k) => orgKeyBody(org, k));
        return ok(keys);
      }),
    ),
    http.post(
      `${base}/orgs/:slug/api-keys`,
      authed(env, async ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage API keys" });
        if (org instanceof Response) return org;
        const keyRequest = await readKeyRequest(request, "name", env.now());
        if (keyRequest instanceof Response) return keyRequest;
        const { key, plaintext } = issueApiKey(env, {
          userId: caller.user.id,
          org: org.slug,
          kind: "org",
          ...keyRequest,
        });
        org.activities.unshift({
          id: `act_${env.id(4)}`,
          type: "api_key_created",
          description: `API key '${key.name}' created`,
          cents: null,
          at: env.now(),
        });
        return ok({ ...orgKeyBody(org, key), plaintext_key: plaintext }, 201);
      }),
    ),
    http.delete(
      `${base}/orgs/:slug/api-keys/:id`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage API keys" });
        if (org instanceof Response) return org;
        for (const [plain, key] of state.apiKeys)
          if (key.id === params.id && key.org === org.slug && key.kind === "org") {
            state.apiKeys.delete(plain);
            return ok({ message: "API key deleted", id: key.id });
          }
        return detail(404, "API key not found");
      }),
    ),

    // Invites: owners/admins create and list; the token is accepted once (a second accept: 409).
    http.get(
      `${base}/orgs/:slug/invites`,
      authed(env, ({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage invites" });
        if (org instanceof Response) return org;
        return ok(
          [...state.invites.values()].filter((i) => i.org === org.slug).map((i) => inviteBody(env, i, true)),
        );
      }),
    ),
    http.post(
      `${base}/orgs/:slug/invites`,
      authed(env, async ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage invites" });
        if (org instanceof Response) return org;
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const check = new BodyCheck(isRecord(body) ? body : {});
        const email = check.string("email", { required: true, pattern: EMAIL });
        const role = (check.oneOf("role", ["owner", "admin", "member"]) as string | undefined) ?? "member";
        if (check.failed) return check.failed;
        if ([...state.users.values()].some((u) => u.email === email && u.orgs.has(org.slug)))
          return detail(409, `${email} is already a member`);
        const invite = {
          id: `inv_${env.id(6)}`,
          token: `invt_${env.id(16)}`,
          org: org.slug,
          email: email as string,
          role,
          invitedBy: caller.user.email,
          createdAt: env.now(),
          expiresAt: env.now() + 7 * 86_400_000,
          status: "pending" as const,
        };
        state.invites.set(invite.token, invite);
        org.activities.unshift({
          id: `act_${env.id(4)}`,
          type: "invite_created",
          description: `Invited ${email} as ${role}`,
          cents: null,
          at: env.now(),
        });
        return ok(inviteBody(env, invite, true), 201);
      }),
    ),
    // Declared before /invites/:token so "mine" is not taken for a token.
    http.get(
      `${base}/invites/mine`,
      authed(env, (_args, caller) =>
        ok(
          [...state.invites.values()]
            .filter((i) => i.email === caller.user.email && i.status === "pending" && i.expiresAt > env.now())
            .map((i) => inviteBody(env, i, true)),
        ),
      ),
    ),
    http.get(
      `${base}/invites/:token`,
      authed(env, ({ params }) => {
        const invite = state.invites.get(String(params.token));
        return invite ? ok(inviteBody(env, invite, false)) : detail(404, "Invite not found");
      }),
    ),
    http.post(
      `${base}/invites/:token`,
      authed(env, ({ params }, caller) => {
        const invite = state.invites.get(String(params.token));
        if (!invite) return detail(404, "Invite not found");
        if (invite.status !== "pending") return detail(409, `Invite already ${invite.status}`);
        if (invite.expiresAt <= env.now()) return detail(410, "Invite has expired");
        if (invite.email.toLowerCase() !== caller.user.email.toLowerCase())
          return detail(403, "This invite was sent to another email address");
        invite.status = "accepted";
        invite.acceptedBy = caller.user.id;
        caller.user.orgs.set(invite.org, invite.role);
        const org = state.orgInfo.get(invite.org);
        org?.activities.unshift({
          id: `act_${env.id(4)}`,
          type: "member_joined",
          description: `${caller.user.email} joined as ${invite.role}`,
          cents: null,
          at: env.now(),
        });
        return ok({ message: "Invite accepted", org_slug: invite.org, role: invite.role });
      }),
    ),
  ];
}

function orgKeyBody(
  org: SimOrg,
  key: { id: string; name: string; prefix: string; createdAt: number; expiresAt: number | null },
) {
  return {
    id: key.id,
    org_id: org.id,
    name: key.name,
    prefix: key.prefix,
    created_at: isoTime(key.createdAt),
    expires_at: key.expiresAt === null ? null : isoTime(key.expiresAt),
  };
}
