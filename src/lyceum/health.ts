import type { HttpClient, RequestOptions } from "../core/http.js";
import { routes } from "./routes.js";
import { type HealthInfo, healthSchema } from "./schemas/health.js";

/** `/health/ping` and `/health/version` (listed in the OpenAPI inventory; answers are open records). */
export class HealthResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Is the API up? Resolves with whatever the server says (`{ status: "ok" }`-like). */
  async ping(options?: RequestOptions): Promise<HealthInfo> {
    return this.#http.json(routes.healthPing, { schema: healthSchema(), options, auth: false });
  }

  /** The API's version record (`{ version, … }`). */
  async version(options?: RequestOptions): Promise<HealthInfo> {
    return this.#http.json(routes.healthVersion, { schema: healthSchema(), options, auth: false });
  }
}
