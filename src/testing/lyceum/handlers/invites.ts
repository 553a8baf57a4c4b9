import { http } from "msw";
import { readBody } from "../../kit/body.js";
import { detail, json } from "../../kit/fastapi.js";
import { orgFor } from "../auth.js";
import type { SimEnv, SimInvite } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function inviteBody(env: SimEnv, invite: SimInvite, withToken: boolean) {
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

/** Org invites: owners/admins create and list; the token is accepted once (a second accept: 409). */
export function inviteHandlers({ base, env, authed }: LyceumRoutes) {
  const { state } = env;
  return [
    http.get(
      `${base}/orgs/:slug/invites`,
      authed(({ params }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage invites" });
        if (org instanceof Response) return org;
        return json(
          [...state.invites.values()].filter((i) => i.org === org.slug).map((i) => inviteBody(env, i, true)),
        );
      }),
    ),
    http.post(
      `${base}/orgs/:slug/invites`,
      authed(async ({ params, request }, caller) => {
        const org = orgFor(env, caller, params.slug, { manage: "manage invites" });
        if (org instanceof Response) return org;
        const check = await readBody(request);
        if (check instanceof Response) return check;
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
        return json(inviteBody(env, invite, true), 201);
      }),
    ),
    // Declared before /invites/:token so "mine" is not taken for a token.
    http.get(
      `${base}/invites/mine`,
      authed((_args, caller) =>
        json(
          [...state.invites.values()]
            .filter((i) => i.email === caller.user.email && i.status === "pending" && i.expiresAt > env.now())
            .map((i) => inviteBody(env, i, true)),
        ),
      ),
    ),
    http.get(
      `${base}/invites/:token`,
      authed(({ params }) => {
        const invite = state.invites.get(String(params.token));
        return invite ? json(inviteBody(env, invite, false)) : detail(404, "Invite not found");
      }),
    ),
    http.post(
      `${base}/invites/:token`,
      authed(({ params }, caller) => {
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
        return json({ message: "Invite accepted", org_slug: invite.org, role: invite.role });
      }),
    ),
  ];
}
