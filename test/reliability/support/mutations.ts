import fc from "fast-check";

/** The classes of damage a response body gets in the fuzzer (also the report's row names). */
export type MutationClass =
  | "missingField"
  | "wrongType"
  | "hugeNumber"
  | "badBigint"
  | "unicode"
  | "deepNesting"
  | "truncated"
  | "wrongRoot";

export interface Mutated {
  kind: MutationClass;
  /** The response body text as it reaches the client. */
  text: string;
}

const WRONG_TYPES: unknown[] = [null, 0, -1, "", "x", true, false, [], {}, [null], { a: 1 }];
const HUGE_NUMBERS: unknown[] = [
  1e308,
  -1e308,
  2 ** 53 + 2,
  12345678901234567000,
  1e21,
  5e-324,
  -0,
  0.1 + 0.2,
];
const BAD_BIGINTS: unknown[] = [
  "0x",
  "0xZZ",
  "-0x1",
  "0x-1",
  "1e18",
  "1.5",
  " ",
  "0x 1",
  `0x${"f".repeat(100)}`,
  "١٢٣",
  "０x１",
  "Infinity",
  "NaN",
  -1,
  1.5,
  2 ** 64,
  "0b101",
  "0o17",
];
const UNICODE: unknown[] = [
  "\u0000",
  "\ud800",
  "\udfff",
  "😀",
  "\u202e",
  "\ufeff",
  "a\u0301",
  "𝕏".repeat(2000),
  "\n\r\t",
];

/** Every path (as key lists) to a value inside a JSON value, root included. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0) {
  out.push(prefix);
  if (depth > 12 || value === null || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value))
    paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out, depth + 1);
  return out;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function setAt(root: unknown, path: (string | number)[], next: unknown, remove = false): unknown {
  if (path.length === 0) return next;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}

function deep(levels: number, asArray: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** A damaged copy of a valid body: one mutation of a chosen class at a random place. */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Mutated> {
  const kinds: MutationClass[] = [
    "missingField",
    "wrongType",
    "hugeNumber",
    "badBigint",
    "unicode",
    "deepNesting",
    "truncated",
    "wrongRoot",
  ];
  return fc
    .tuple(valid, fc.constantFrom(...kinds), fc.nat(), fc.nat(), fc.nat({ max: 3000 }))
    .map(([body, kind, a, b, levels]) => {
      const all = paths(body);
      const inner = all.filter((p) => p.length > 0);
      const path = (inner.length > 0 ? inner : all)[a % (inner.length > 0 ? inner.length : all.length)]!;
      const pick = (list: unknown[]) => list[b % list.length];
      let value: unknown;
      switch (kind) {
        case "missingField":
          value = setAt(body, path, undefined, path.length > 0);
          break;
        case "wrongType":
          value = setAt(body, path, pick(WRONG_TYPES));
          break;
        case "hugeNumber":
          value = setAt(body, path, pick(HUGE_NUMBERS));
          break;
        case "badBigint":
          value = setAt(body, path, pick(BAD_BIGINTS));
          break;
        case "unicode":
          value = setAt(body, path, pick(UNICODE));
          break;
        case "deepNesting":
          value = setAt(body, path, deep(100 + levels, b % 2 === 0));
          break;
        case "wrongRoot":
          value = pick([null, 1, "text", [], [body], true]);
          break;
        case "truncated": {
          const text = JSON.stringify(body) ?? "";
          return { kind, text: text.slice(0, text.length > 1 ? a % (text.length - 1) : 0) };
        }
      }
      return { kind, text: JSON.stringify(value) ?? "" };
    });
}
