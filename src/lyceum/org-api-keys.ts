import type { APIPromise } from "../core/api-promise.js";
import { requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { httpOf, onePage, operation, optionalFutureTime, requireLyceumId, requireSlug } from "./internal.js";
import { routes } from "./routes.js";
import {
  type OrgApiKey,
  type OrgApiKeyCreated,
  orgKeyCreatedSchema,
  orgKeyListSchema,
} from "./schemas/orgs.js";

/** What `orgs.apiKeys.create` sends. */
export interface CreateOrgKeyInput {
  name: string;
  /** Expiry (Date, ISO text or epoch ms), in the future; default: never. */
  expiresAt?: Date | string | number;
}

/** Keys of an org (owner/admin). `GET /orgs/{slug}/api-keys` is a contract path (not public). */
export function listOrgApiKeys(
  core: ClientCore,
  slug: string,
  options?: RequestOptions,
): Paginator<OrgApiKey, number> {
  const s = requireSlug(slug);
  return onePage(options, () =>
    httpOf(core).json(routes.orgApiKeys.list, { params: { slug: s }, schema: orgKeyListSchema(), options }),
  );
}

/**
 * Create an org key (owner/admin; a member gets 403). `plaintext_key` is shown once: the result
 * reads normally but prints redacted, and the key is scrubbed from logs. Never retried.
 */
export function createOrgApiKey(
  core: ClientCore,
  slug: string,
  input: CreateOrgKeyInput,
  options?: RequestOptions,
): APIPromise<SecretRecord<OrgApiKeyCreated>> {
  return operation(core, options, async (http, options) => {
    const s = requireSlug(slug);
    requireObject(input, "input");
    const body: Record<string, unknown> = { name: requireString(input.name, "name") };
    const expires = optionalFutureTime(input.expiresAt, "expiresAt");
    if (expires !== undefined) body.expires_at = expires;
    const key = await http.json(routes.orgApiKeys.create, {
      params: { slug: s },
      json: body,
      schema: orgKeyCreatedSchema(),
      sensitive: true,
      options,
    });
    return secretRecord(key, "org API key", { secretFields: ["plaintext_key"] });
  });
}

/** Revoke an org key. `DELETE /orgs/{slug}/api-keys/{id}` is a contract path (not public). */
export function deleteOrgApiKey(
  core: ClientCore,
  slug: string,
  id: string,
  options?: RequestOptions,
): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.orgApiKeys.delete, {
      params: { slug: requireSlug(slug), id: requireLyceumId(id) },
      options,
    }),
  );
}

/** API keys that belong to an organisation: they carry it (no `X-Org-Slug` needed). */
export class OrgApiKeysResource extends Resource<ClientCore> {
  /** {@inheritDoc listOrgApiKeys} */
  list(slug: string, options?: RequestOptions) {
    return listOrgApiKeys(this.core, slug, options);
  }
  /** {@inheritDoc createOrgApiKey} */
  create(slug: string, input: CreateOrgKeyInput, options?: RequestOptions) {
    return createOrgApiKey(this.core, slug, input, options);
  }
  /** {@inheritDoc deleteOrgApiKey} */
  delete(slug: string, id: string, options?: RequestOptions) {
    return deleteOrgApiKey(this.core, slug, id, options);
  }
}
