import { InputValidationError } from "../core/errors.js";
import { registerSecret } from "../core/redact.js";
import type { AuthStrategy } from "./types.js";

export type TokenSource = string | (() => string | Promise<string>);

/**
 * A static bearer token (a PAT, an API key), or a function returning the current one, asked
 * before every attempt so a rotated token is picked up without rebuilding the client.
 */
export function bearer(token: TokenSource): AuthStrategy {
  if (typeof token === "string") checkToken(token);
  else if (typeof token !== "function")
    throw new InputValidationError("auth", "bearer() takes a token string or a function");
  return {
    kind: "bearer",
    async authorize(request) {
      const value = typeof token === "string" ? token : await token();
      checkToken(value);
      request.headers.set("Authorization", `Bearer ${value}`);
    },
  };
}

export function checkToken(value: unknown, field = "auth"): asserts value is string {
  if (typeof value !== "string" || value.trim() === "")
    throw new InputValidationError(field, "token is empty");
  if (/[\r\n\0]/.test(value)) throw new InputValidationError(field, "token contains control characters");
  registerSecret(value);
}
