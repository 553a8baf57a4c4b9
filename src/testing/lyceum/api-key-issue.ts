import { readBody } from "../kit/body.js";
import { invalid } from "../kit/fastapi.js";
import type { SimApiKey, SimEnv } from "./state.js";

/** API-key creation, shared by user keys (`/auth/api-keys/`) and org keys (`/orgs/{slug}/api-keys`). */

/** A new key under a fresh `lk_` plaintext, registered as of now (user keys `ukey_…`, org keys `key_…`). */
export function issueApiKey(
  env: SimEnv,
  owner: Pick<SimApiKey, "userId" | "org" | "kind" | "name" | "expiresAt">,
): { key: SimApiKey; plaintext: string } {
  const plaintext = `lk_${env.id(20)}`;
  const key: SimApiKey = {
    ...owner,
    id: `${owner.kind === "user" ? "ukey" : "key"}_${env.id(6)}`,
    prefix: plaintext.slice(0, 10),
    createdAt: env.now(),
    active: true,
    lastUsedAt: null,
  };
  env.state.apiKeys.set(plaintext, key);
  return { key, plaintext };
}

/**
 * The body of an API-key create: a required name (under `nameField`) and an optional future
 * `expires_at` (epoch ms, or null for "never"), or the FastAPI 422 answer for a bad one.
 */
export async function readKeyRequest(
  request: Request,
  nameField: string,
  now: number,
): Promise<{ name: string; expiresAt: number | null } | Response> {
  const check = await readBody(request);
  if (check instanceof Response) return check;
  const name = check.string(nameField, { required: true });
  const expires = check.string("expires_at");
  if (check.failed) return check.failed;
  if (expires === undefined) return { name: name as string, expiresAt: null };
  const at = Date.parse(expires);
  if (Number.isNaN(at) || at <= now) return invalid(["body", "expires_at"], "Must be a future datetime");
  return { name: name as string, expiresAt: at };
}
