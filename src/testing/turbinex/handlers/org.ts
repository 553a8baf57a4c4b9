import { type HttpHandler, http } from "msw";
import { detail, json, pageOf } from "../../kit/fastapi.js";
import { memberView, orgView, usageView } from "../views.js";
import { jsonBody, requiredText } from "./body.js";
import type { HandlerContext } from "./context.js";

/** The caller's org (owners and admins may rename it), its members, this month's usage. */
export function orgHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/org`,
      member(({ org }) => json(orgView(org))),
    ),
    http.patch(
      `${root}/org`,
      member(async ({ request, user, org }) => {
        if (user.role === "member") return detail(403, "Only org owners and admins can change org settings");
        const body = await jsonBody(request);
        if (body.name !== undefined) org.name = requiredText(body, "name");
        return json(orgView(org));
      }),
    ),
    http.get(
      `${root}/org/members`,
      member(({ url, org }) => {
        const members = [...state.users.values()].filter((u) => u.org_id === org.id).map(memberView);
        return json(pageOf(url, members, 200));
      }),
    ),
    http.get(
      `${root}/usage`,
      member(({ org }) => json(usageView(state, org))),
    ),
  ];
}
