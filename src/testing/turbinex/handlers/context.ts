import type { ResolverArgs } from "../../kit/guard.js";
import type { SimOrg, SimUser, TurbineXSimState } from "../state.js";
import type { Tokens } from "../tokens.js";

/** A request as a route reads it. */
export interface Call {
  request: Request;
  url: URL;
  params: Record<string, string>;
}

/** A request from a signed-in user, with the org it acts in. */
export interface MemberCall extends Call {
  user: SimUser;
  org: SimOrg;
}

export type Route<C extends Call> = (call: C) => Response | Promise<Response>;

/** An msw resolver, as `http.get(path, resolver)` takes it. */
export type Resolver = (args: ResolverArgs) => Promise<Response>;

/** What every resource's handlers are built from (handlers/index.ts makes it). */
export interface HandlerContext {
  state: TurbineXSimState;
  tokens: Tokens;
  /** The base URL, no trailing slash. */
  root: string;
  /** A route for signed-in users: behind the auth guard and the plan rate limits. */
  member(route: Route<MemberCall>): Resolver;
  /** A route anyone may call (login, refresh, the public Share Space). */
  open(route: Route<Call>): Resolver;
}
