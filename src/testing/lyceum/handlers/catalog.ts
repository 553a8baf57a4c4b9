import { http } from "msw";
import { json } from "../../kit/fastapi.js";
import { AVAILABLE_HARDWARE, MACHINE_TYPES, priceRows } from "../catalog.js";
import type { LyceumRoutes } from "./index.js";

/** Machine types, quotas, the caller's status, available hardware and prices. */
export function catalogHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/machine-types`,
      authed(() => json({ machine_types: MACHINE_TYPES })),
    ),
    http.get(
      `${base}/user/quotas`,
      authed((_args, caller) =>
        json({
          org_slug: caller.org,
          max_concurrent_executions: 5,
          max_vms: 4,
          gpu_hours_limit: "500.0",
          gpu_hours_used: "12.5",
          available_hardware_profiles: AVAILABLE_HARDWARE,
        }),
      ),
    ),
    http.get(
      `${base}/user/status`,
      authed((_args, caller) =>
        json({
          user_id: caller.user.id,
          email: caller.user.email,
          default_org: caller.user.defaultOrg,
          org_slug: caller.org,
          mfa_enabled: caller.user.mfa.enabled,
          account_status: "active",
        }),
      ),
    ),
    http.get(
      `${base}/user/quotas/available-hardware`,
      authed(() => json({ available_hardware_profiles: AVAILABLE_HARDWARE })),
    ),
    http.get(
      `${base}/pricing`,
      authed(() => {
        const prices = priceRows(env);
        return json({ prices, count: prices.length });
      }),
    ),
  ];
}
