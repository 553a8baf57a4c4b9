import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { onePage } from "./catalog.js";
import { routes } from "./routes.js";
import { type EnvVar, envListSchema } from "./schemas/env.js";
import { ackSchema } from "./schemas/storage.js";
import * as v from "./validate.js";

/** One variable to set. */
export interface EnvVarInput {
  key: string;
  value: string;
  /** Stored as a secret (default true: these are injected credentials, mostly). */
  isSecret?: boolean;
}

/** Environment variables (secrets) injected into runs. */
export class EnvResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Your environment variables (secret values are never returned). */
  list(options?: RequestOptions): Paginator<EnvVar, number> {
    return onePage(options, async () => {
      const vars = await this.#http.json(routes.envList, { schema: envListSchema(), options });
      for (const item of vars)
        if (item.is_secret && item.value && !/^\**$/.test(item.value)) registerSecret(item.value);
      return vars;
    });
  }

  /**
   * Create or update variables: `{ NAME: "value" }` (secret by default) or a list of
   * `{ key, value, isSecret }`. Names are checked and duplicates refused before sending.
   */
  async set(
    vars: Record<string, string> | EnvVarInput[],
    options?: RequestOptions & { isSecret?: boolean },
  ): Promise<void> {
    const defaultSecret = v.optionalBool(options?.isSecret, "isSecret") ?? true;
    const items: EnvVarInput[] = Array.isArray(vars)
      ? vars
      : v.envRecord(vars, "vars").map(([key, value]) => ({ key, value }));
    if (items.length === 0) throw new InputValidationError("vars", "must name at least one variable");
    const seen = new Set<string>();
    const body = items.map((item, i) => {
      v.requireObject(item, `vars[${i}]`);
      const key = v.envName(item.key, `vars[${i}].key`);
      if (seen.has(key)) throw new InputValidationError(`vars[${i}].key`, `duplicate variable ${key}`);
      seen.add(key);
      if (typeof item.value !== "string")
        throw new InputValidationError(`vars[${i}].value`, "must be a string");
      const isSecret = v.optionalBool(item.isSecret, `vars[${i}].isSecret`) ?? defaultSecret;
      if (isSecret) registerSecret(item.value);
      return { key, value: item.value, is_secret: isSecret };
    });
    await this.#http.json(routes.envSet, {
      json: body.length === 1 ? body[0] : body,
      schema: ackSchema(),
      options,
    });
  }

  /** Delete an environment variable. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.json(routes.envDelete, { params: { id: v.id(id) }, schema: ackSchema(), options });
  }

  /** Delete every variable. Requires `{ confirm: true }`. */
  async deleteAll(confirmation: { confirm: true }, options?: RequestOptions): Promise<void> {
    if (confirmation?.confirm !== true)
      throw new InputValidationError(
        "confirm",
        "pass { confirm: true } to delete every environment variable",
      );
    await this.#http.json(routes.envDeleteAll, { schema: ackSchema(), options });
  }
}
