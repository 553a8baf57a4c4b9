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

// The fast path reads `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z` digit by digit instead of calling Date.parse
// (several times cheaper per call). For every string of that shape, in range or not, the result
// must be Date.parse's (out-of-range fields take the general path, so V8's own reading of
// 2026-02-30 or 24:00:00 is kept).
test("every string shaped YYYY-MM-DDTHH:MM:SS[.f]Z reads exactly as Date.parse reads it", () => {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.oneof(fc.constant(""), fc.stringMatching(/^\.[0-9]{1,3}$/)),
      (y, mo, d, h, mi, s, fraction) => {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction}Z`;
        const expected = Date.parse(text);
        expect(parseTimestamp(text)?.getTime()).toBe(Number.isNaN(expected) ? undefined : expected);
      },
    ),
    { numRuns: 2000 },
  );
});

test("digit-path instants, exact", () => {
  const ms = (s: string) => parseTimestamp(s)?.getTime();
  expect(ms("2026-04-13T02:40:00Z")).toBe(1_776_048_000_000);
  expect(ms("2026-04-13T02:40:00.25Z")).toBe(1_776_048_000_250);
  expect(ms("2024-02-29T12:00:00.5Z")).toBe(1_709_208_000_500);
  expect(ms("2000-02-29T23:59:59.999Z")).toBe(951_868_799_999);
  expect(ms("0000-01-01T00:00:00Z")).toBe(-62_167_219_200_000);
  expect(ms("9999-12-31T23:59:59.999Z")).toBe(253_402_300_799_999);
  // Not a leap year / no such day: Date.parse's reading (the general path) is kept.
  expect(ms("1900-02-29T00:00:00Z")).toBe(-2_203_891_200_000);
  expect(ms("2026-02-30T00:00:00Z")).toBe(1_772_409_600_000);
  expect(ms("2026-0a-01T00:00:00Z")).toBeUndefined();
  expect(ms("2026-04-13T02:40:00.Z")).toBeUndefined();
  expect(ms("2026-04-13T02:40:0xZ")).toBeUndefined();
});
