import { type HttpHandler, http } from "msw";
import { detail, invalid, json, pageOf } from "../../kit/fastapi.js";
import type { SimPat } from "../state.js";
import { meView, patView } from "../views.js";
import { jsonBody, requiredText } from "./body.js";
import type { HandlerContext } from "./context.js";

/** Login, refresh (rotating refresh tokens), the caller's profile, personal access tokens. */
export function authHandlers({ state, tokens, root, member, open }: HandlerContext): HttpHandler[] {
  return [
    http.post(
      `${root}/auth/login`,
      open(async ({ request }) => {
        const body = await jsonBody(request);
        const email = requiredText(body, "email");
        const password = requiredText(body, "password");
        const user = state.userByEmail(email);
        if (!user || user.password !== password) return detail(401, "Incorrect email or password");
        return json(await tokens.issue(user));
      }),
    ),
    http.post(
      `${root}/auth/refresh`,
      open(async ({ request }) => {
        const token = requiredText(await jsonBody(request), "refresh_token");
        const entry = state.refreshTokens.get(token);
        const user = entry ? state.users.get(entry.user_id) : undefined;
        if (!entry || entry.used || entry.expires_at <= state.now() || !user) {
          return detail(401, "Invalid or expired refresh token");
        }
        entry.used = true; // rotation: a refresh token works once
        return json(await tokens.issue(user));
      }),
    ),
    http.get(
      `${root}/auth/me`,
      member(({ user, org }) => json(meView(user, org))),
    ),
    http.get(
      `${root}/auth/pats`,
      member(({ url, user }) =>
        json(pageOf(url, [...state.pats.values()].filter((p) => p.user_id === user.id).map(patView), 50)),
      ),
    ),
    http.post(
      `${root}/auth/pats`,
      member(async ({ request, user }) => {
        const body = await jsonBody(request);
        const name = requiredText(body, "name");
        let expiresAt: number | null = null;
        if (body.expires_at !== undefined && body.expires_at !== null) {
          expiresAt = Date.parse(String(body.expires_at));
          if (Number.isNaN(expiresAt))
            return invalid(["body", "expires_at"], "Input should be a valid datetime", "datetime_parsing");
        }
        const pat = state.insert<SimPat>(state.pats, {
          id: state.id("pat"),
          user_id: user.id,
          name,
          token: state.opaqueToken("txp"),
          expires_at: expiresAt,
          created_at: state.now(),
        });
        // The token itself is shown once, in this answer.
        return json({ ...patView(pat), token: pat.token }, 201);
      }),
    ),
    http.delete(
      `${root}/auth/pats/:id`,
      member(({ params, user }) => {
        const pat = state.pats.get(params.id ?? "");
        if (!pat || pat.user_id !== user.id) return detail(404, "Token not found");
        state.pats.delete(pat.id);
        return new Response(null, { status: 204 });
      }),
    ),
  ];
}
