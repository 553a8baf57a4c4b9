import { type APIPromise, apiPromise } from "../core/api-promise.js";
import type { RequestOptions } from "../core/http.js";
import type { TurbineExchangeCore } from "./client.js";
import { exchangeInternals } from "./internal.js";
import { routes } from "./routes.js";
import type { ExchangeConfig } from "./schemas.js";

/** Health check: the server's text ("OK from Turbine"). No auth. */
export function getStatus(core: TurbineExchangeCore, options?: RequestOptions): APIPromise<string> {
  return apiPromise(options, async (options) =>
    exchangeInternals(core).http.text(routes.status.get, { auth: false, options }),
  );
}

/**
 * `/config`, checked against the pinned contract addresses once and cached by the client (a
 * cached answer has no response to report); `refresh: true` re-reads it.
 */
export function getConfig(
  core: TurbineExchangeCore,
  options?: RequestOptions & { refresh?: boolean },
): APIPromise<ExchangeConfig> {
  return apiPromise(options, async (options) => exchangeInternals(core).config(options));
}
