import { http } from "msw";
import { readBody } from "../../kit/body.js";
import { detail, invalid, json } from "../../kit/fastapi.js";
import { issueApiKey, readKeyRequest } from "../api-key-issue.js";
import { type Caller, orgFor } from "../auth.js";
import { orgData, type SimOrg, seedOrg } from "../state.js";
import { isoTime, money, offsetPage } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const SLUG = /^[a-z0-9-]+$/;

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

/** Orgs the caller belongs to: create, read, rename; members, balance, transactions; org API keys. */
export function orgHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  const { state } = env;
  return [
    http.get(
      `${base}/orgs`,
      authed((_args, caller) =>
        json(
          [...caller.user.orgs.keys()]
            .map((slug) => state.orgInfo.get(slug))
            .filter((o): o is SimOrg => o !== undefined)
            .map((o) => orgBody(o, caller)),
        ),
      ),
    ),
    http.post(
      `${base}/orgs`,
      authedBody(async (check, _args, caller) => {
        const name = check.string("name", { required: true });
        const slugIn = check.string("slug", { pattern: SLUG });
        if (check.failed) return check.failed;
        const slug =
          slugIn ??
          (name as string)
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-|-$/g, "");
        if (!slug) return invalid(["body", "slug"], "Field required", "missing");
        if (state.orgInfo.has(slug)) return detail(409, `Organization slug '${slug}' is taken`);
        const org = seedOrg(state, env.ctx, slug, 0, name);
        org.createdAt = env.now();
        orgData(env, slug);
        caller.user.orgs.set(slug, "owner");
        return json(orgBody(org, caller), 201);
      }),
    ),
    http.get(
      `${base}/orgs/:slug`,
      authed(({ params }, caller) => {
        const org = orgFor(env, caller, params.slug);
        return org instanceof Response ? org : json(orgBody(org, caller));
      }),
    ),
    http.patch(
      `${base}/orgs/:slug`,
      authed(async ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "update the organization" });
        if (org instanceof Response) return org;
        const check = await readBody(request);
        if (check instanceof Response) return check;
        const name = check.string("name");
        if (check.failed) return check.failed;
        if (name !== undefined) org.name = name;
        return json(orgBody(org, caller));
      }),
    ),
    http.get(
      `${base}/orgs/:slug/members`,
      authed(({ params }, caller) => {
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
        return json({ members });
      }),
    ),
    http.get(
      `${base}/orgs/:slug/balance`,
      authed(({ params }, caller) => {
        const org = orgFor(env, caller, params.slug);
        if (org instanceof Response) return org;
        return json({
          org_id: org.id,
          balance: money(org.balanceCents),
          account_suspended: org.suspended,
          currency: "EUR",
        });
      }),
    ),
    http.get(
      `${base}/orgs/:slug/transactions`,
      authed(({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug);
        if (org instanceof Response) return org;
        const { page, total } = offsetPage(new URL(request.url), org.transactions);
        return json({
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
      authed(({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage API keys" });
        if (org instanceof Response) return org;
        const keys = [...state.apiKeys.values()]
          .filter((k) => k.kind === "org" && k.org === org.slug)
          .map((k) => orgKeyBody(org, k));
        return json(keys);
      }),
    ),
    http.post(
      `${base}/orgs/:slug/api-keys`,
      authed(async ({ params, request }, caller) => {
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
        return json({ ...orgKeyBody(org, key), plaintext_key: plaintext }, 201);
      }),
    ),
    http.delete(
      `${base}/orgs/:slug/api-keys/:id`,
      authed(({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage API keys" });
        if (org instanceof Response) return org;
        for (const [plain, key] of state.apiKeys)
          if (key.id === params.id && key.org === org.slug && key.kind === "org") {
            state.apiKeys.delete(plain);
            return json({ message: "API key deleted", id: key.id });
          }
        return detail(404, "API key not found");
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
