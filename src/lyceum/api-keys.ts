import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { onePage } from "./catalog.js";
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
import * as v from "./validate.js";

/** What `apiKeys.create` sends. */
export interface CreateApiKeyInput {
  name: string;
  /** Expiry (Date, ISO text or epoch ms), in the future; default: never (sent as null). */
  expiresAt?: Date | string | number | null;
}

/**
 * Your personal API keys (`/auth/api-keys/`). They carry no organisation: requests made with
 * one use your default org (or `apiKey(key, { orgSlug })`). For org keys see `orgs.apiKeys`.
 */
export class ApiKeysResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Your user API keys (metadata only; the key itself is shown once, at creation). */
  list(options?: RequestOptions): Paginator<UserApiKey, number> {
    return onePage(options, () =>
      this.#http.json(routes.apiKeyList, { schema: userKeyListSchema(), options }),
    );
  }

  /**
   * Create a key. `api_key` is the plaintext, shown once: the result reads normally, prints
   * redacted, and the key is scrubbed from logs. Never retried.
   */
  async create(input: CreateApiKeyInput, options?: RequestOptions): Promise<SecretRecord<UserApiKeyCreated>> {
    v.requireObject(input, "input");
    const body = {
      key_name: v.requireString(input.name, "name"),
      expires_at: v.optionalFutureTime(input.expiresAt, "expiresAt") ?? null,
    };
    const key = await this.#http.json(routes.apiKeyCreate, {
      json: body,
      schema: userKeyCreatedSchema(),
      sensitive: true,
      options,
    });
    return secretRecord(key, "API key", { secretFields: ["api_key"] });
  }

  /** Delete a user API key: it stops working at once. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.apiKeyDelete, { params: { id: v.id(id) }, options });
  }

  /** Enable ↔ disable a key; returns it with the new `is_active`. */
  async toggle(id: string, options?: RequestOptions): Promise<UserApiKey> {
    return this.#http.json(routes.apiKeyToggle, {
      params: { id: v.id(id) },
      schema: userKeySchema(),
      options,
    });
  }

  /** Ask the server whether a key is valid (active, not expired). The key is scrubbed from logs. */
  async validate(key: string, options?: RequestOptions): Promise<ApiKeyValidation> {
    const k = v.requireString(key, "key");
    registerSecret(k);
    return this.#http.json(routes.apiKeyValidate, {
      json: { api_key: k },
      schema: keyValidationSchema(),
      options,
    });
  }
}
