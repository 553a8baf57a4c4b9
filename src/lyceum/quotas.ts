import type { APIPromise } from "../core/api-promise.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { operation } from "./internal.js";
import { routes } from "./routes.js";
import { availableHardwareSchema, type Quotas, quotasSchema } from "./schemas/catalog.js";

/** `/user/quotas` (schema not public: an open record). */
export function getQuotas(core: ClientCore, options?: RequestOptions): APIPromise<Quotas> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.get, { schema: quotasSchema(), options }),
  );
}

/** `/user/status`: your account's state (schema not public: an open record). */
export function getUserStatus(core: ClientCore, options?: RequestOptions): APIPromise<Quotas> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.userStatus, { schema: quotasSchema(), options }),
  );
}

/** Hardware profiles your account can use (e.g. `["cpu", "gpu.a100"]`). */
export function getAvailableHardware(core: ClientCore, options?: RequestOptions): APIPromise<string[]> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.availableHardware, { schema: availableHardwareSchema(), options }),
  );
}

/** What your account may use. */
export class QuotasResource extends Resource<ClientCore> {
  /** {@inheritDoc getQuotas} */
  get(options?: RequestOptions) {
    return getQuotas(this.core, options);
  }
  /** {@inheritDoc getUserStatus} */
  userStatus(options?: RequestOptions) {
    return getUserStatus(this.core, options);
  }
  /** {@inheritDoc getAvailableHardware} */
  availableHardware(options?: RequestOptions) {
    return getAvailableHardware(this.core, options);
  }
}
