import { http } from "msw";
import { detail, json } from "../../kit/fastapi.js";
import { issueApiKey, readKeyRequest } from "../api-key-issue.js";
import type { Caller } from "../auth.js";
import type { SimApiKey, SimEnv } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

function userKeyBody(key: SimApiKey) {
  return {
    id: key.id,
    key_name: key.name,
    key_prefix: key.prefix,
    is_active: key.active,
    created_at: isoTime(key.createdAt),
    expires_at: key.expiresAt === null ? null : isoTime(key.expiresAt),
    last_used_at: key.lastUsedAt === null ? null : isoTime(key.lastUsedAt),
  };
}

function ownKey(env: SimEnv, caller: Caller, id: unknown): SimApiKey | undefined {
  for (const key of env.state.apiKeys.values())
    if (key.id === id && key.kind === "user" && key.userId === caller.user.id) return key;
  return undefined;
}

/** User-level API keys (no org attached): list, create, delete, toggle, validate. */
export function apiKeyHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  const { state } = env;
  return [
    http.get(
      `${base}/auth/api-keys/`,
      authed((_args, caller) =>
        json(
          [...state.apiKeys.values()]
            .filter((k) => k.kind === "user" && k.userId === caller.user.id)
            .map(userKeyBody),
        ),
      ),
    ),
    http.post(
      `${base}/auth/api-keys/validate`,
      authedBody(async (check, _args) => {
        const key = check.string("api_key", { required: true });
        if (check.failed) return check.failed;
        const found = state.apiKeys.get(key as string);
        const valid = !!found && found.active && (found.expiresAt === null || found.expiresAt > env.now());
        return json(
          valid
            ? { valid: true, user_id: found.userId, org_slug: found.org, key_id: found.id }
            : { valid: false, message: found ? "API key is disabled or expired" : "Unknown API key" },
        );
      }),
    ),
    http.post(
      `${base}/auth/api-keys/`,
      authed(async ({ request }, caller) => {
        const keyRequest = await readKeyRequest(request, "key_name", env.now());
        if (keyRequest instanceof Response) return keyRequest;
        const { key, plaintext } = issueApiKey(env, {
          userId: caller.user.id,
          org: null,
          kind: "user",
          ...keyRequest,
        });
        return json({ ...userKeyBody(key), api_key: plaintext }, 201);
      }),
    ),
    http.delete(
      `${base}/auth/api-keys/:id`,
      authed(({ params }, caller) => {
        for (const [plain, key] of state.apiKeys)
          if (key.id === params.id && key.kind === "user" && key.userId === caller.user.id) {
            state.apiKeys.delete(plain);
            return json({ message: "API key deleted" });
          }
        return detail(404, "API key not found");
      }),
    ),
    http.patch(
      `${base}/auth/api-keys/:id/toggle`,
      authed(({ params }, caller) => {
        const key = ownKey(env, caller, params.id);
        if (!key) return detail(404, "API key not found");
        key.active = !key.active;
        return json(userKeyBody(key));
      }),
    ),
  ];
}
