import { describe, expect, test } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { buildPath, route } from "../../src/core/routes.js";

describe("route table", () => {
  test("idempotency follows the method unless a POST is marked as a query", () => {
    expect(route("GET", "/a").idempotent).toBe(true);
    expect(route("DELETE", "/a").idempotent).toBe(true);
    expect(route("POST", "/a").idempotent).toBe(false);
    expect(route("PATCH", "/a").idempotent).toBe(false);
    expect(route("POST", "/a", { query: true }).idempotent).toBe(true);
  });

  test("values are percent-encoded so they cannot change the request", () => {
    expect(buildPath("/jobs/{id}", { id: "a/b?c#d e" })).toBe("/jobs/a%2Fb%3Fc%23d%20e");
    expect(buildPath("/hosts/{id}/deploy", { id: 42 })).toBe("/hosts/42/deploy");
    expect(buildPath("/storage/download/{key+}", { key: "runs/out put/x.csv" })).toBe(
      "/storage/download/runs/out%20put/x.csv",
    );
  });

  test.each([
    ["..", "id"],
    [".", "id"],
    ["", "id"],
    ["abc\r\nX-Injected: 1", "id"],
    ["a\u0000b", "id"],
  ])("refuses %j", (value, field) => {
    try {
      buildPath("/jobs/{id}", { id: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe(field);
    }
  });

  test("multi-segment params refuse traversal and empty segments", () => {
    expect(() => buildPath("/f/{key+}", { key: "a/../b" })).toThrow(InputValidationError);
    expect(() => buildPath("/f/{key+}", { key: "a//b" })).toThrow(InputValidationError);
    expect(() => buildPath("/jobs/{id}", {})).toThrow("id: is required");
    expect(() => buildPath("/jobs/{id}", { id: 1.5 })).toThrow(InputValidationError);
  });
});
