import { errors as joseErrors, jwtVerify } from "jose";
import { readBody } from "../kit/body.js";
import { type BodyCheck, detail, handle } from "../kit/fastapi.js";
import { guard, type ResolverArgs } from "../kit/guard.js";
import { type OrgData, orgData, type SimApiKey, type SimEnv, type SimOrg, type SimUser } from "./state.js";

/** Who is calling, for which org, and how (an org API key reaches its own org only). */
export interface Caller {
  user: SimUser;
  org: string;
  data: OrgData;
  via: "apiKey" | "jwt";
  /** The API key used, if any (org keys carry `org`). */
  key?: SimApiKey;
}

/** `Authed` for a route whose first step is reading its JSON body (`readBody`): a 422 for bad JSON. */
export type AuthedBody = <A extends ResolverArgs>(
  handler: (check: BodyCheck, args: A, caller: Caller) => Response | Promise<Response>,
) => (args: A) => Promise<Response>;

/** Wraps a route resolver so it runs only for an authenticated caller (see `authedBy`). */
export type Authed = <A extends ResolverArgs>(
  handler: (args: A, caller: Caller) => Response | Promise<Response>,
) => (args: A) => Promise<Response>;

const SLUG = /^[a-z0-9-]+$/;
const MANAGERS = new Set(["owner", "admin"]);

/**
 * Who is calling and for which org: an API key carries its org (X-Org-Slug is ignored); a JWT
 * uses X-Org-Slug after a membership check, else the user's default org.
 */
export async function authenticate(env: SimEnv, request: Request): Promise<Caller | Response> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) return detail(401, "Not authenticated");
  const { state } = env;
  if (token.startsWith("lk_")) {
    const key = state.apiKeys.get(token);
    const user = key ? state.users.get(key.userId) : undefined;
    if (!key || !user) return detail(401, "Invalid API key");
    if (!key.active) return detail(401, "API key is disabled");
    if (key.expiresAt !== null && key.expiresAt <= env.now()) return detail(401, "API key has expired");
    key.lastUsedAt = env.now();
    // An org key carries its org (X-Org-Slug ignored); a user key resolves like a JWT.
    if (key.org !== null) return { user, org: key.org, data: orgData(env, key.org), via: "apiKey", key };
    return pickOrg(env, request, user, "apiKey", key);
  }
  let userId: string | undefined;
  try {
    const { payload } = await jwtVerify(token, state.jwtSecret, { currentDate: new Date(env.now()) });
    userId = payload.sub;
  } catch (error) {
    return detail(
      401,
      error instanceof joseErrors.JWTExpired ? "Token has expired" : "Could not validate credentials",
    );
  }
  const user = userId ? state.users.get(userId) : undefined;
  if (!user) return detail(401, "Could not validate credentials");
  return pickOrg(env, request, user, "jwt");
}

/** X-Org-Slug (membership checked), else the user's default org. */
function pickOrg(
  env: SimEnv,
  request: Request,
  user: SimUser,
  via: Caller["via"],
  key?: SimApiKey,
): Caller | Response {
  const slug = request.headers.get("x-org-slug");
  const base = key ? { user, via, key } : { user, via };
  if (slug !== null) {
    if (!SLUG.test(slug)) return detail(400, "Invalid organization slug");
    if (!user.orgs.has(slug)) return detail(403, `Not a member of organization '${slug}'`);
    return { ...base, org: slug, data: orgData(env, slug) };
  }
  return { ...base, org: user.defaultOrg, data: orgData(env, user.defaultOrg) };
}

/**
 * The provider's one auth guard: the kit's `guard` over `authenticate`, with an answer thrown
 * from deep inside a handler (a `Reject`, e.g. a bad query parameter) turned back into a response.
 */
export function authedBy(env: SimEnv): Authed {
  const check = guard<Caller>((request) => authenticate(env, request));
  return (handler) => check((args, caller) => handle(() => handler(args, caller)));
}

/** `authed`, then the JSON body read and handed over ready to check. */
export function withBody(authed: Authed): AuthedBody {
  return (handler) =>
    authed(async (args, caller) => {
      const check = await readBody(args.request);
      return check instanceof Response ? check : handler(check, args, caller);
    });
}

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
