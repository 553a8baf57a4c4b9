import { describe, expect, it } from "vitest";
import { withDefaults } from "../../src/testing/kit/index.js";

describe("kit withDefaults", () => {
  const defaults = { limit: 50, name: "sim", strict: true };

  it("keeps each default the caller left out, undefined or null", () => {
    expect(withDefaults({}, defaults)).toEqual({ limit: 50, name: "sim", strict: true });
    expect(withDefaults({ limit: undefined, name: null }, defaults)).toEqual({
      limit: 50,
      name: "sim",
      strict: true,
    });
  });

  it("takes every value given, falsy ones included, and ignores keys it has no default for", () => {
    const given = { limit: 0, strict: false, name: "", extra: 1 };
    expect(withDefaults(given, defaults)).toEqual({ limit: 0, name: "", strict: false });
  });

  it("leaves the defaults object untouched", () => {
    withDefaults({ limit: 1 }, defaults);
    expect(defaults.limit).toBe(50);
  });
});
