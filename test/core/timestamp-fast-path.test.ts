import fc from "fast-check";
import { expect, test } from "vitest";
import { parseTimestamp } from "../../src/core/codecs.js";

// parseTimestamp has a fast path for `YYYY-MM-DDTHH:MM:SS[.sss]Z` (BENCHMARKS.md §3): it must give
// exactly what the general path gives.
test("the Z-suffixed ISO fast path reads every instant exactly", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("1970-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }),
      (d) => {
        expect(parseTimestamp(d.toISOString())?.getTime()).toBe(d.getTime());
        const whole = `${d.toISOString().slice(0, 19)}Z`;
        expect(parseTimestamp(whole)?.getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
      },
    ),
  );
});

test("strings shaped like the fast path but invalid still fail, longer forms still work", () => {
  expect(parseTimestamp("2026-13-45T99:99:99Z")).toBeUndefined();
  expect(parseTimestamp("garbageTgarbageZ1234")).toBeUndefined();
  expect(parseTimestamp("2026-04-13T02:40:00.123456Z")?.toISOString()).toBe("2026-04-13T02:40:00.123Z");
  expect(parseTimestamp(" 2026-04-13T02:40:00Z ")?.toISOString()).toBe("2026-04-13T02:40:00.000Z");
});
