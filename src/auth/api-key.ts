import { InputValidationError } from "../core/errors.js";
import { checkToken } from "./bearer.js";
import type { AuthStrategy } from "./types.js";

export interface ApiKeyOptions {
  /** Sent as `X-Org-Slug` only when given (a key created under an org already carries it). */
  orgSlug?: string | undefined;
}

const ORG_SLUG = /^[a-z0-9-]+$/;

/** A long-lived API key sent as a bearer token, with an optional organisation header. */
export function apiKey(key: string, options: ApiKeyOptions = {}): AuthStrategy {
  checkToken(key, "apiKey");
  const { orgSlug } = options;
  if (orgSlug !== undefined) checkOrgSlug(orgSlug);
  return {
    kind: "apiKey",
    authorize(request) {
      request.headers.set("Authorization", `Bearer ${key}`);
      if (orgSlug !== undefined) request.headers.set("X-Org-Slug", orgSlug);
    },
  };
}

/** Organisation slugs are `[a-z0-9-]+`; anything else (CRLF included) is refused before sending. */
export function checkOrgSlug(slug: unknown, field = "orgSlug"): asserts slug is string {
  if (typeof slug !== "string" || !ORG_SLUG.test(slug)) {
    throw new InputValidationError(field, "must match [a-z0-9-]+");
  }
}
