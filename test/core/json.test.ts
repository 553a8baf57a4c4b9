// core/json.ts: the one JSON reader. Depth is bounded and integers past 2^53 stay exact.

import fc from "fast-check";
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

// parseJson parses first and walks the value; the text is scanned only when the walk finds a number
// past 2^53 (or the parse fails). These pin that the cheap path refuses and converts exactly what
// a scan of the text does.
describe("parseJson: the parse-then-walk path holds every guarantee", () => {
  const refuse = (text: string) => {
    try {
      parseJson(text);
    } catch (e) {
      return e as Error;
    }
    throw new Error("accepted");
  };

  test("depth is counted across mixed arrays and objects, after wide siblings, in the last key", () => {
    const mixed = (levels: number) => {
      let text = "1";
      for (let i = 0; i < levels; i++) text = i % 2 ? `[0,${text}]` : `{"a":1,"b":${text}}`;
      return text;
    };
    expect(() => parseJson(mixed(MAX_JSON_DEPTH))).not.toThrow();
    const wide = (inner: string) =>
      `{"items":[${"{}".repeat(1).concat(",{}".repeat(5_000))}],"last":${inner}}`;
    expect(() => parseJson(wide(mixed(MAX_JSON_DEPTH - 1)))).not.toThrow();
    for (const text of [mixed(MAX_JSON_DEPTH + 1), wide(mixed(MAX_JSON_DEPTH))]) {
      const error = refuse(text);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.message).toBe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });

  test("too deep and malformed at once is reported as too deep; malformed alone as malformed", () => {
    expect(refuse(`${"[".repeat(MAX_JSON_DEPTH + 1)}1`).message).toBe(
      `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
    expect(refuse(`${"[".repeat(MAX_JSON_DEPTH)}1`).message).toBe("Malformed JSON");
    expect(refuse("").message).toBe("Malformed JSON");
  });

  test("a big integer anywhere is kept exact; a float past 2^53 stays a float", () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH - 1)}9007199254740993${"]".repeat(MAX_JSON_DEPTH - 1)}`;
    let value = parseJson(deep);
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) value = (value as unknown[])[0];
    expect(value).toBe("9007199254740993");
    expect(parseJson('{"a":{"b":[1,{"c":-18446744073709551616}]}}')).toEqual({
      a: { b: [1, { c: "-18446744073709551616" }] },
    });
    expect(parseJson('{"f":1e300,"g":9007199254740993.0,"h":-1E16}')).toEqual({
      f: 1e300,
      g: 9007199254740992,
      h: -1e16,
    });
    expect(parseJson("[1e300, 9007199254740993]")).toEqual([1e300, "9007199254740993"]);
    expect(parseJson("-9007199254740992")).toBe("-9007199254740992");
    expect(parseJson("9007199254740991")).toBe(9007199254740991);
  });

  test("`__proto__` stays an own key and never sets a prototype, on either path", () => {
    for (const [text, inner] of [
      ['{"__proto__":{"polluted":1}}', { polluted: 1 }],
      ['{"__proto__":{"polluted":12345678901234567890}}', { polluted: "12345678901234567890" }],
    ] as const) {
      const value = parseJson(text) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value, "__proto__")).toBe(true);
      expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual(inner);
      expect((value as { polluted?: unknown }).polluted).toBeUndefined();
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(() =>
      parseJson(`{"__proto__":${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}}`),
    ).toThrow(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  test("agrees with an independent reader (JSON.parse's reviver with the literal's source text)", () => {
    // The oracle: every integer literal past ±(2^53 − 1) read as its text, every other value as is.
    const oracle = (text: string) =>
      JSON.parse(text, (_key, value, context?: { source?: string }) => {
        const source = context?.source;
        return typeof value === "number" &&
          source !== undefined &&
          /^-?[1-9][0-9]*$/.test(source) &&
          (BigInt(source) > BigInt(Number.MAX_SAFE_INTEGER) ||
            BigInt(source) < -BigInt(Number.MAX_SAFE_INTEGER))
          ? source
          : value;
      });
    const integerText = fc.oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.constantFrom("9007199254740991", "9007199254740992", "-9007199254740992", "0", "-0"),
    );
    const floatText = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      fc.constantFrom("1e21", "12345678901234567890.5", "9007199254740993e0"),
    );
    const leaf = fc.oneof(
      integerText,
      floatText,
      fc.string({ maxLength: 4 }).map((s) => JSON.stringify(s)),
    );
    const { tree } = fc.letrec<{ tree: string }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("tree"), { maxLength: 4 }).map((xs) => `[${xs.join(",")}]`),
        fc
          .array(fc.tuple(fc.constantFrom("a", "b", "__proto__", "12345678901234567890"), tie("tree")), {
            maxLength: 4,
          })
          .map((kvs) => `{${kvs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
      ),
    }));
    fc.assert(
      fc.property(tree, (text) => {
        expect(parseJson(text)).toStrictEqual(oracle(text));
      }),
      { numRuns: 500 },
    );
  });
});
