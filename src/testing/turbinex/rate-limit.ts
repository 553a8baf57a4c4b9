import { detail } from "../kit/fastapi.js";
import { PLAN_LIMITS, type SimUser, type TurbineXSimState } from "./state.js";

/**
 * Plan limits per user and per org, in fixed one-minute windows of simulated time. Counts this
 * request and returns the `X-RateLimit-*` headers its answer carries, or the 429 (with
 * `Retry-After`) once either limit is used up.
 */
export function rateLimit(state: TurbineXSimState, user: SimUser): Record<string, string> | Response {
  const org = state.orgs.get(user.org_id);
  if (!state.settings.rateLimits || !org) return {};
  const limits = PLAN_LIMITS[org.plan];
  const now = state.now();
  const window = Math.floor(now / 60_000);
  const resetAt = (window + 1) * 60_000;
  const count = (key: string) => {
    const entry = state.windows.get(key);
    return entry && entry.window === window ? entry.count : 0;
  };
  const userCount = count(`user:${user.id}`);
  const orgCount = count(`org:${org.id}`);
  const headers = (remaining: number) => ({
    "X-RateLimit-Limit": String(limits.user),
    "X-RateLimit-Remaining": String(Math.max(0, remaining)),
    "X-RateLimit-Reset": String(Math.ceil(resetAt / 1000)),
  });
  if (userCount >= limits.user || orgCount >= limits.org) {
    const scope = userCount >= limits.user ? "user" : "org";
    const limit = scope === "user" ? limits.user : limits.org;
    return detail(
      429,
      `Rate limit exceeded: ${limit} requests per minute per ${scope} on the ${org.plan} plan`,
      {
        ...headers(0),
        "Retry-After": String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      },
    );
  }
  state.windows.set(`user:${user.id}`, { window, count: userCount + 1 });
  state.windows.set(`org:${org.id}`, { window, count: orgCount + 1 });
  return headers(limits.user - userCount - 1);
}
