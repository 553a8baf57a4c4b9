import type { HttpHandler } from "msw";
import { detail, handle } from "../../kit/fastapi.js";
import { type Authenticate, flatParams, guard, type ResolverArgs } from "../../kit/guard.js";
import { rateLimit } from "../rate-limit.js";
import type { SimOrg, SimUser, TurbineXSimState } from "../state.js";
import type { Tokens } from "../tokens.js";
import { variantResponse } from "../variant.js";
import { authHandlers } from "./auth.js";
import type { Call, HandlerContext } from "./context.js";
import { jobHandlers } from "./jobs.js";
import { noteHandlers } from "./notes.js";
import { orgHandlers } from "./org.js";
import { publicHandlers } from "./public.js";
import { reportHandlers } from "./reports.js";
import { studyHandlers } from "./studies.js";
import { turbineHandlers } from "./turbines.js";

/** A signed-in caller, and the rate-limit headers their answer carries. */
interface Caller {
  user: SimUser;
  org: SimOrg;
  limits: Record<string, string>;
}

/**
 * The one auth guard: a bearer JWT or PAT of a user whose org exists (401 otherwise), counted
 * against the plan's rate limits (429 once they are used up).
 */
function authenticator(state: TurbineXSimState, tokens: Tokens): Authenticate<Caller> {
  return async (request) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token) return detail(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
    const result = await tokens.authenticate(token);
    if ("error" in result) return detail(401, result.error, { "WWW-Authenticate": "Bearer" });
    const org = state.orgs.get(result.user.org_id);
    if (!org) return detail(401, "Could not validate credentials");
    const limits = rateLimit(state, result.user);
    if (limits instanceof Response) return limits;
    return { user: result.user, org, limits };
  };
}

const callOf = ({ request, params }: ResolverArgs): Call => ({
  request,
  url: new URL(request.url),
  params: flatParams(params),
});

/**
 * The TurbineX API as msw handlers under `base`. A route's answer gets the caller's rate-limit
 * headers and passes through the variant dialect; an answer thrown as `Reject` (from a lookup or
 * body reader deep in the route) is sent as it is, without those headers.
 */
export function turbinexHandlers(state: TurbineXSimState, tokens: Tokens, base: string): HttpHandler[] {
  const authed = guard(authenticator(state, tokens));
  const context: HandlerContext = {
    state,
    tokens,
    root: base.replace(/\/$/, ""),
    member: (route) =>
      authed((args, { limits, ...caller }) =>
        handle(async () => {
          const response = await route({ ...callOf(args), ...caller });
          for (const [name, value] of Object.entries(limits)) response.headers.set(name, value);
          return variantResponse(state, response);
        }),
      ),
    open: (route) => (args) => handle(async () => variantResponse(state, await route(callOf(args)))),
  };
  return [
    ...authHandlers(context),
    ...jobHandlers(context),
    ...turbineHandlers(context),
    ...studyHandlers(context),
    ...reportHandlers(context),
    ...noteHandlers(context),
    ...orgHandlers(context),
    ...publicHandlers(context),
  ];
}
