import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { routes } from "./routes.js";
import { type Usage, usageSchema } from "./schemas.js";

/** Tokens and spend used in the current billing period, with their caps. */
export function getUsage(core: TurbineXCore, options?: RequestOptions): APIPromise<Usage> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.usage.get, { schema: usageSchema(), options: o }),
  );
}

/** Token and spend usage for the current billing period (`tx.usage`). A reached cap makes calls fail with 402. */
export class UsageResource extends Resource<TurbineXCore> {
  /** Tokens and spend used in the current period, with their caps. */
  get(options?: RequestOptions): APIPromise<Usage> {
    return getUsage(this.core, options);
  }
}
