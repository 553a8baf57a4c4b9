import type { APIPromise } from "../core/api-promise.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import { operation } from "./internal.js";
import { routes } from "./routes.js";
import { type HealthInfo, healthSchema } from "./schemas/health.js";

/** Is the API up? Resolves with whatever the server says (`{ status: "ok" }`-like). */
export function pingHealth(core: ClientCore, options?: RequestOptions): APIPromise<HealthInfo> {
  return operation(core, options, (http, options) =>
    http.json(routes.health.ping, { schema: healthSchema(), options, auth: false }),
  );
}

/** The API's version record (`{ version, … }`). */
export function getHealthVersion(core: ClientCore, options?: RequestOptions): APIPromise<HealthInfo> {
  return operation(core, options, (http, options) =>
    http.json(routes.health.version, { schema: healthSchema(), options, auth: false }),
  );
}

/** `/health/ping` and `/health/version` (listed in the OpenAPI inventory; answers are open records). */
export class HealthResource extends Resource<ClientCore> {
  /** {@inheritDoc pingHealth} */
  ping(options?: RequestOptions) {
    return pingHealth(this.core, options);
  }
  /** {@inheritDoc getHealthVersion} */
  version(options?: RequestOptions) {
    return getHealthVersion(this.core, options);
  }
}
