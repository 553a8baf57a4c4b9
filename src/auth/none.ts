import { InputValidationError } from "../core/errors.js";
import type { AuthStrategy } from "./types.js";

/** No credentials: for public endpoints (status, config, shared-study viewer). */
export function none(): AuthStrategy {
  return { kind: "none", authorize() {} };
}

/**
 * Stands in when a client was created without credentials: public calls still work, and an
 * authenticated call fails before sending with a message saying what to configure.
 */
export function missingAuth(hint: string): AuthStrategy {
  return {
    kind: "missing",
    authorize() {
      throw new InputValidationError("auth", `no credentials configured: ${hint}`);
    },
  };
}
