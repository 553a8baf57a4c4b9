/**
 * One auth guard for every simulated API: `guard(authenticate)` wraps route resolvers so they run
 * only for a caller `authenticate` accepts; any `Response` it returns (401, login redirect, 403)
 * is the answer instead.
 */
export type Authenticate<Caller> = (request: Request) => Caller | Response | Promise<Caller | Response>;

/** msw's resolver arguments, as far as the simulators use them. */
export interface ResolverArgs {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
}

export function guard<Caller>(authenticate: Authenticate<Caller>) {
  return <A extends ResolverArgs>(handler: (args: A, caller: Caller) => Response | Promise<Response>) =>
    async (args: A): Promise<Response> => {
      const caller = await authenticate(args.request);
      if (caller instanceof Response) return caller;
      return handler(args, caller);
    };
}

/** A route's single-segment path parameters as plain strings. */
export function flatParams(params: ResolverArgs["params"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === "string") flat[key] = value;
  return flat;
}
