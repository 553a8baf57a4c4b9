import type { APIPromise } from "../core/api-promise.js";
import { requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { httpOf, onePage, operation, optionalFutureTime, requireLyceumId } from "./internal.js";
import { routes } from "./routes.js";
import {
  type ApiKeyValidation,
  keyValidationSchema,
  type UserApiKey,
  type UserApiKeyCreated,
  userKeyCreatedSchema,
  userKeyListSchema,
  userKeySchema,
} from "./schemas/account.js";

/** What `apiKeys.create` sends. */
export interface CreateApiKeyInput {
  name: string;
  /** Expiry (Date, ISO text or epoch ms), in the future; default: never (sent as null). */
  expiresAt?: Date | string | number | null;
}

/** Your user API keys (metadata only; the key itself is shown once, at creation). */
export function listApiKeys(core: ClientCore, options?: RequestOptions): Paginator<UserApiKey, number> {
  return onePage(options, () =>
    httpOf(core).json(routes.apiKeys.list, { schema: userKeyListSchema(), options }),
  );
}

/**
 * Create a key. `api_key` is the plaintext, shown once: the result reads normally, prints
 * redacted, and the key is scrubbed from logs. Never retried.
 */
export function createApiKey(
  core: ClientCore,
  input: CreateApiKeyInput,
  options?: RequestOptions,
): APIPromise<SecretRecord<UserApiKeyCreated>> {
  return operation(core, options, async (http, options) => {
    requireObject(input, "input");
    const body = {
      key_name: requireString(input.name, "name"),
      expires_at: optionalFutureTime(input.expiresAt, "expiresAt") ?? null,
    };
    const key = await http.json(routes.apiKeys.create, {
      json: body,
      schema: userKeyCreatedSchema(),
      sensitive: true,
      options,
    });
    return secretRecord(key, "API key", { secretFields: ["api_key"] });
  });
}

/** Delete a user API key: it stops working at once. */
export function deleteApiKey(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.apiKeys.delete, { params: { id: requireLyceumId(id) }, options }),
  );
}

/** Enable ↔ disable a key; returns it with the new `is_active`. */
export function toggleApiKey(core: ClientCore, id: string, options?: RequestOptions): APIPromise<UserApiKey> {
  return operation(core, options, (http, options) =>
    http.json(routes.apiKeys.toggle, {
      params: { id: requireLyceumId(id) },
      schema: userKeySchema(),
      options,
    }),
  );
}

/** Ask the server whether a key is valid (active, not expired). The key is scrubbed from logs. */
export function validateApiKey(
  core: ClientCore,
  key: string,
  options?: RequestOptions,
): APIPromise<ApiKeyValidation> {
  return operation(core, options, (http, options) => {
    const k = requireString(key, "key");
    registerSecret(k);
    return http.json(routes.apiKeys.validate, {
      json: { api_key: k },
      schema: keyValidationSchema(),
      options,
    });
  });
}

/**
 * Your personal API keys (`/auth/api-keys/`). They carry no organisation: requests made with
 * one use your default org (or `apiKey(key, { orgSlug })`). For org keys see `orgs.apiKeys`.
 */
export class ApiKeysResource extends Resource<ClientCore> {
  /** {@inheritDoc listApiKeys} */
  list(options?: RequestOptions) {
    return listApiKeys(this.core, options);
  }
  /** {@inheritDoc createApiKey} */
  create(input: CreateApiKeyInput, options?: RequestOptions) {
    return createApiKey(this.core, input, options);
  }
  /** {@inheritDoc deleteApiKey} */
  delete(id: string, options?: RequestOptions) {
    return deleteApiKey(this.core, id, options);
  }
  /** {@inheritDoc toggleApiKey} */
  toggle(id: string, options?: RequestOptions) {
    return toggleApiKey(this.core, id, options);
  }
  /** {@inheritDoc validateApiKey} */
  validate(key: string, options?: RequestOptions) {
    return validateApiKey(this.core, key, options);
  }
}
