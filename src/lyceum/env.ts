import type { APIPromise } from "../core/api-promise.js";
import { optionalBool, requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { envEntries, httpOf, onePage, operation, requireEnvName, requireLyceumId } from "./internal.js";
import { routes } from "./routes.js";
import { type EnvVar, envListSchema } from "./schemas/env.js";
import { ackSchema } from "./schemas/storage.js";

/** One variable to set. */
export interface EnvVarInput {
  key: string;
  value: string;
  /** Stored as a secret (default true: these are injected credentials, mostly). */
  isSecret?: boolean;
}

/** Your environment variables (secret values are never returned). */
export function listEnvVars(core: ClientCore, options?: RequestOptions): Paginator<EnvVar, number> {
  return onePage(options, async () => {
    const vars = await httpOf(core).json(routes.env.list, { schema: envListSchema(), options });
    for (const item of vars)
      if (item.is_secret && item.value && !/^\**$/.test(item.value)) registerSecret(item.value);
    return vars;
  });
}

/**
 * Create or update variables: `{ NAME: "value" }` (secret by default) or a list of
 * `{ key, value, isSecret }`. Names are checked and duplicates refused before sending.
 */
export function setEnvVars(
  core: ClientCore,
  vars: Record<string, string> | EnvVarInput[],
  options?: RequestOptions & { isSecret?: boolean },
): APIPromise<void> {
  return operation(core, options, async (http, options) => {
    const { isSecret: secretOption, ...request } = options;
    const defaultSecret = optionalBool(secretOption, "isSecret") ?? true;
    const items: EnvVarInput[] = Array.isArray(vars)
      ? vars
      : envEntries(vars, "vars").map(([key, value]) => ({ key, value }));
    if (items.length === 0) throw new InputValidationError("vars", "must name at least one variable");
    const seen = new Set<string>();
    const body = items.map((item, i) => {
      requireObject(item, `vars[${i}]`);
      const key = requireEnvName(item.key, `vars[${i}].key`);
      if (seen.has(key)) throw new InputValidationError(`vars[${i}].key`, `duplicate variable ${key}`);
      seen.add(key);
      if (typeof item.value !== "string")
        throw new InputValidationError(`vars[${i}].value`, "must be a string");
      const isSecret = optionalBool(item.isSecret, `vars[${i}].isSecret`) ?? defaultSecret;
      if (isSecret) registerSecret(item.value);
      return { key, value: item.value, is_secret: isSecret };
    });
    await http.json(routes.env.set, {
      json: body.length === 1 ? body[0] : body,
      schema: ackSchema(),
      options: request,
    });
  });
}

/** Delete an environment variable. */
export function deleteEnvVar(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, async (http, options) => {
    await http.json(routes.env.delete, { params: { id: requireLyceumId(id) }, schema: ackSchema(), options });
  });
}

/** Delete every variable. Requires `{ confirm: true }`. */
export function deleteAllEnvVars(
  core: ClientCore,
  confirmation: { confirm: true },
  options?: RequestOptions,
): APIPromise<void> {
  return operation(core, options, async (http, options) => {
    if (confirmation?.confirm !== true)
      throw new InputValidationError(
        "confirm",
        "pass { confirm: true } to delete every environment variable",
      );
    await http.json(routes.env.deleteAll, { schema: ackSchema(), options });
  });
}

/** Environment variables (secrets) injected into runs. */
export class EnvResource extends Resource<ClientCore> {
  /** {@inheritDoc listEnvVars} */
  list(options?: RequestOptions) {
    return listEnvVars(this.core, options);
  }
  /** {@inheritDoc setEnvVars} */
  set(vars: Record<string, string> | EnvVarInput[], options?: RequestOptions & { isSecret?: boolean }) {
    return setEnvVars(this.core, vars, options);
  }
  /** {@inheritDoc deleteEnvVar} */
  delete(id: string, options?: RequestOptions) {
    return deleteEnvVar(this.core, id, options);
  }
  /** {@inheritDoc deleteAllEnvVars} */
  deleteAll(confirmation: { confirm: true }, options?: RequestOptions) {
    return deleteAllEnvVars(this.core, confirmation, options);
  }
}
