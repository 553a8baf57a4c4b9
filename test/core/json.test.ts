// core/json.ts: the one JSON reader. Depth is bounded and integers past 2^53 stay exact.
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { ResponseValidationError } from "../../src/core/errors.js";
import { MAX_JSON_DEPTH, parseJson } from "../../src/core/json.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();

const nested = (levels: number, open: string, close: string, inner = "1") =>
  open.repeat(levels) + inner + close.repeat(levels);

describe("parseJson: depth", () => {
  test("100,000 levels of arrays or objects are refused with a ResponseValidationError", () => {
    for (const text of [nested(100_000, "[", "]"), nested(100_000, '{"a":', "}")]) {
      const error = (() => {
        try {
          parseJson(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toBe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });

  test(`${MAX_JSON_DEPTH} levels parse; one more is refused; brackets inside strings do not count`, () => {
    expect(JSON.stringify(parseJson(nested(MAX_JSON_DEPTH, "[", "]")))).toBe(
      nested(MAX_JSON_DEPTH, "[", "]"),
    );
    expect(() => parseJson(nested(MAX_JSON_DEPTH + 1, "[", "]"))).toThrow(ResponseValidationError);
    const text = JSON.stringify({ note: "[".repeat(5_000), quote: '\\"[[[' });
    expect(parseJson(text)).toEqual({ note: "[".repeat(5_000), quote: '\\"[[[' });
  });
});

describe("parseJson: integers past 2^53", () => {
  test("are kept exact as decimal strings; safe integers, floats and strings are untouched", () => {
    const text =
      '{"id": 12345678901234567891, "neg": -9007199254740993, "edge": 9007199254740992,' +
      ' "safe": 9007199254740991, "minSafe": -9007199254740991, "price": 1.5, "exp": 1e21,' +
      ' "float": 12345678901234567890.5, "text": "12345678901234567890", "esc": "a\\"12345678901234567890",' +
      ' "list": [18446744073709551615, 0, -0]}';
    expect(parseJson(text)).toEqual({
      id: "12345678901234567891",
      neg: "-9007199254740993",
      edge: "9007199254740992",
      safe: 9007199254740991,
      minSafe: -9007199254740991,
      price: 1.5,
      exp: 1e21,
      float: Number("12345678901234567890.5"),
      text: "12345678901234567890",
      esc: 'a"12345678901234567890',
      list: ["18446744073709551615", 0, -0],
    });
    expect(parseJson("98765432109876543210")).toBe("98765432109876543210");
  });

  test("invalid JSON stays invalid (a leading zero is not quoted into a string), typed", () => {
    for (const text of ['{"id": 012345678901234567890}', "[123456789012345678901", "{secret-ish junk"]) {
      expect(() => parseJson(text)).toThrow(ResponseValidationError);
      expect(() => parseJson(text)).toThrow("Malformed JSON");
    }
  });

  test("a response's big id reaches the caller exact, through HttpClient.json", async () => {
    server.use(
      http.get(`${BASE}/order`, () =>
        HttpResponse.text('{"id": 170141183460469231731687303715884105727, "amount": 9007199254740993}', {
          headers: { "content-type": "application/json" },
        }),
      ),
    );
    const schema = z.object({
      id: z.union([z.string(), z.number()]),
      amount: z.union([z.string(), z.number()]),
    });
    const value = await testClient().json(route("GET", "/order"), { schema });
    expect(value).toEqual({ id: "170141183460469231731687303715884105727", amount: "9007199254740993" });
  });
});
