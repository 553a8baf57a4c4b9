import { describe, expect, it } from "vitest";
import * as core from "../../src/core/index.js";
import * as root from "../../src/index.js";

// The run-time names each entry exports, spelled out: an internal helper that starts leaking
// (or a public one that disappears) fails here, not in a user's build.
describe("public surface", () => {
  it("the root entry exports auth, errors and shared helpers only — no HTTP internals", () => {
    expect(Object.keys(root).sort()).toEqual([
      "AbortedError",
      "AcceptedWriteError",
      "ApiError",
      "AuthenticationError",
      "BadRequestError",
      "COMMON_FINAL_STATUSES",
      "ConfigMismatchError",
      "ConflictError",
      "ConnectionError",
      "CredentialsError",
      "InputValidationError",
      "InternalServerError",
      "NotFoundError",
      "Paginator",
      "PaymentRequiredError",
      "PermissionDeniedError",
      "RateLimitError",
      "ResponseValidationError",
      "StreamIdleError",
      "TimeoutError",
      "TurbokitError",
      "UnprocessableEntityError",
      "UnsafeRedirectError",
      "VERSION",
      "WaitTimeoutError",
      "apiKey",
      "bearer",
      "htmlTable",
      "isTurbokitError",
      "jwtSession",
      "none",
      "svgBundle",
      "svgLineChart",
      "toColumns",
      "toRecords",
    ]);
  });

  it("turbokit/core exports the deliberate surface for wrapping endpoints", () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        ...["APIPromise", "apiPromise", "HttpClient", "route", "defineClient", "defineCore", "internalsOf"],
        ...["changedOptions", "Resource"],
        ...["optionalBool", "optionalId", "optionalInt", "optionalOneOf", "optionalString"],
        ...["requireId", "requireInt", "requireNumber", "requireObject", "requireOneOf", "requireString"],
        ...["requireStringArray", "requireUrl"],
        ...["AbortedError", "AcceptedWriteError", "ApiError", "AuthenticationError", "apiErrorClassFor"],
        ...["BadRequestError", "ConfigMismatchError", "ConflictError", "ConnectionError"],
        ...["InputValidationError", "InternalServerError", "isTurbokitError", "NotFoundError"],
        ...["PaymentRequiredError", "PermissionDeniedError", "RateLimitError", "ResponseValidationError"],
        ...["requestIdOf", "TimeoutError", "TurbokitError", "UnprocessableEntityError"],
        ...["bigintInput", "boolLike", "decimalString", "hexBigint", "idText", "intLike", "numberLike"],
        ...[
          "orNull",
          "parseTimestamp",
          "readBigint",
          "timestamp",
          "toHex",
          "lazy",
          "parseResponse",
          "shaped",
        ],
        ...[
          "nextByAfter",
          "nextByCursor",
          "nextByOffset",
          "nextByTotalPages",
          "nextLaravelPage",
          "Paginator",
        ],
        ...["COMMON_FINAL_STATUSES", "finalStatesOf", "WaitTimeoutError", "waitFor"],
        ...["DEFAULT_MAX_EVENT_BYTES", "StreamIdleError", "downloadFrom", "formDataBody"],
        ...[
          "redactText",
          "registerSecret",
          "safeHeaders",
          "secretRecord",
          "parseRateLimit",
          "parseRetryAfterMs",
        ],
        ...["UnsafeRedirectError", "toColumns", "toRecords", "htmlTable", "svgBundle", "svgLineChart"],
        ...["withDisplay", "VERSION"],
      ].sort(),
    );
  });
});
