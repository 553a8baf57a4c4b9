import { type HttpHandler, HttpResponse, http } from "msw";
import { type Authenticate, guard, laravel } from "../../kit/index.js";
import type { TurboStackSimState } from "../state.js";
import { clientHandlers } from "./clients.js";
import { routeContext } from "./context.js";
import { groupHandlers } from "./groups.js";
import { hostHandlers } from "./hosts.js";

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Login | TurboStack</title></head>
<body><form method="POST" action="/login"><input name="email"><input name="password" type="password">
<button>Log in</button></form></body></html>`;

/** Wraps a route so it runs only for an authenticated token; the route gets the token's client ids. */
export type Guarded = ReturnType<typeof guard<number[]>>;

/**
 * The TurboStack API as msw handlers: Laravel conventions throughout (the `data/links/meta`
 * resource envelope, `{message}` errors, 422 `errors`), a login redirect for requests that do
 * not ask for JSON, bearer personal access tokens scoped to clients.
 */
export function turbostackHandlers(state: TurboStackSimState, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, "");
  const ctx = routeContext(state, base);
  // Laravel's middleware stack: a browser (anything not asking for JSON) is sent to the login
  // page; then the personal access token must exist and not have expired.
  const authenticate: Authenticate<number[]> = (request) => {
    if (!/json/i.test(request.headers.get("accept") ?? "")) return laravel.loginRedirect(base, LOGIN_PAGE);
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    const token = match?.[1] ? state.tokens.get(match[1]) : undefined;
    if (!token || (token.expiresAt !== null && token.expiresAt <= state.now()))
      return laravel.unauthenticated();
    return token.clientIds;
  };
  const guarded = guard(authenticate);
  const loginPage = () =>
    new HttpResponse(LOGIN_PAGE, { headers: { "content-type": "text/html; charset=UTF-8" } });
  return [
    http.get(`${base}/login`, loginPage),
    ...clientHandlers(ctx, guarded),
    ...hostHandlers(ctx, guarded),
    ...groupHandlers(ctx, guarded),
  ];
}
