import { InputValidationError } from "../core/errors.js";
import { registerSecret } from "../core/redact.js";
import { credentialStep } from "./errors.js";
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
      // A token function that throws (a vault, a keychain) is a CredentialsError, not a network one.
      const value = typeof token === "string" ? token : await credentialStep("bearer token function", token);
      checkToken(value);
      request.headers.set("Authorization", `Bearer ${value}`);
    },
  };
}

/**
 * A token must fit in an HTTP header: not empty, no CR/LF/NUL, Latin-1 only (a Headers value is
 * a ByteString; anything else fails inside fetch, after the call started, as a confusing
 * network-looking error). Messages never quote the token. A valid token is registered as a secret.
 */
export function checkToken(value: unknown, field = "auth"): asserts value is string {
  if (typeof value !== "string" || value.trim() === "")
    throw new InputValidationError(field, "token is empty");
  if (/[\r\n\0]/.test(value)) throw new InputValidationError(field, "token contains control characters");
  if (/[\u0100-\uffff]/.test(value)) {
    throw new InputValidationError(
      field,
      "token contains characters outside Latin-1 (check for a stray quote or paste)",
    );
  }
  registerSecret(value, { pin: true });
}
