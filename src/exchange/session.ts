import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { ExchangeInternals, TurbineExchangeCore } from "./client.js";
import { exchangeInternals } from "./internal.js";
import { routes } from "./routes.js";
import { type MeResponse, meSchema } from "./schemas.js";
import { isSiweSession } from "./siwe-session.js";

function sessionMode(core: TurbineExchangeCore, what: string): ExchangeInternals {
  const inner = exchangeInternals(core);
  if (inner.mode === "eip712")
    throw new InputValidationError("mode", `${what} is a session-mode call (no session in eip712 mode)`);
  return inner;
}

/**
 * Log in now (SIWE: `/nonce`, a wallet signature, `/verify`). Normally implicit on the first
 * authenticated call; concurrent logins are one.
 */
export function loginSession(core: TurbineExchangeCore, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, async (options) => {
    const { auth } = sessionMode(core, "login");
    if (!isSiweSession(auth)) throw new InputValidationError("auth", "login() needs a siweSession");
    await auth.login(options);
  });
}

/** The signed-in address (logs in first when needed). */
export function getMe(core: TurbineExchangeCore, options?: RequestOptions): APIPromise<MeResponse> {
  return apiPromise(options, async (options) => {
    const { http } = sessionMode(core, "me");
    return http.json(routes.session.me, { schema: meSchema(), options });
  });
}

/** End the SIWE session on the server and forget it locally (nothing is sent when logged out). */
export function logoutSession(core: TurbineExchangeCore, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, async (options) => {
    const { http, auth } = sessionMode(core, "logout");
    if (isSiweSession(auth) && !auth.isLoggedIn()) return;
    try {
      await http.void(routes.session.logout, { options });
    } finally {
      if (isSiweSession(auth)) auth.clear();
    }
  });
}
