import fc from "fast-check";
import type { NamedSchema, ZodDef } from "./schemas.js";

type Schema = NamedSchema["schema"];
type Arb = fc.Arbitrary<unknown>;

/**
 * Wire values providers actually send for codec'd fields (0x-hex and decimal bigints, money,
 * timestamps in every form, flags as 0/1), tried against each leaf schema that transforms or
 * refines: those it accepts become that leaf's valid values.
 */
const WIRE_CANDIDATES: unknown[] = [
  "0x0",
  "0x1",
  "0xff",
  "0x0de0b6b3a7640000",
  `0x${"f".repeat(64)}`,
  `0x${"ab".repeat(20)}`,
  `0x${"cd".repeat(32)}`,
  `0x${"1".repeat(130)}`,
  "0",
  "1",
  "42",
  "1000000000000000000",
  "115792089237316195423570985008687907853269984665640564039457584007913129639935",
  "12.50",
  "-3.25",
  "0.000001",
  0,
  1,
  7,
  1700000000,
  1700000000000,
  12.5,
  true,
  false,
  "true",
  "false",
  "2026-04-13T02:40:00Z",
  "2026-04-13T02:40:00.123456Z",
  "2026-04-13T02:40:00+02:00",
  "2026-04-13 02:40:00",
  "2026-04-13",
  "1700000000",
  "Active",
  "queued",
  "running",
  "succeeded",
  "ok",
  "a@b.test",
  "https://example.test/x",
  "3f2c9a4e-1b7d-4c2a-9e8f-0a1b2c3d4e5f",
  "abc",
  "",
  null,
];

/** Builds a generator of bodies a schema accepts (best effort; see `validArbitrary`). */
export function validArbitrary(schema: Schema): Arb | undefined {
  try {
    return build(schema, 0);
  } catch (error) {
    if (error instanceof NoGenerator) return undefined;
    throw error;
  }
}

class NoGenerator extends Error {}

function def(schema: Schema): ZodDef {
  return schema._zod.def;
}

function build(schema: Schema, depth: number): Arb {
  const d = def(schema);
  const inner = (s: unknown) => build(s as Schema, depth + 1);
  switch (d.type) {
    case "string":
      return d.checks
        ? fromCandidates(schema, fc.string({ unit: "grapheme", maxLength: 12 }))
        : unicodeString();
    case "number":
      return d.checks
        ? fromCandidates(schema, fc.integer())
        : fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "undefined":
      return fc.constant(undefined);
    case "unknown":
    case "any":
      return depth > 6 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
    case "literal":
      return fc.constantFrom(...(d.values as unknown[]));
    case "enum":
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case "optional":
      return fc.option(inner(d.innerType), { nil: undefined, freq: 4 });
    case "nullable":
      return fc.option(inner(d.innerType), { nil: null, freq: 4 });
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner(d.innerType);
    case "lazy":
      return depth > 8 ? fromCandidates(schema) : inner((d.getter as () => unknown)());
    case "array": {
      const element = depth > 8 ? fc.constant(undefined) : inner(d.element);
      const arb = fc.array(element, { maxLength: depth > 4 ? 1 : 3 });
      return d.checks ? filtered(schema, arb) : arb;
    }
    case "tuple":
      return fc.tuple(...(d.items as unknown[]).map(inner));
    case "union":
      return fc.oneof(...viable((d.options as unknown[]).map((o) => () => inner(o))));
    case "object": {
      const shape = d.shape as Record<string, Schema>;
      const required: string[] = [];
      const fields: Record<string, Arb> = {};
      for (const [key, field] of Object.entries(shape)) {
        fields[key] = inner(field);
        if (!accepts(field, undefined)) required.push(key);
      }
      let arb: Arb = fc.record(fields, { requiredKeys: required });
      // Loose objects keep unknown fields: add some, as a newer API version would.
      if (d.catchall && def(d.catchall as Schema).type === "unknown") {
        arb = fc
          .tuple(
            arb,
            fc.dictionary(
              fc.string({ minLength: 1, maxLength: 6 }).map((k) => `x_${k}`),
              fc.jsonValue({ maxDepth: 1 }),
              { maxKeys: 2 },
            ),
          )
          .map(([known, extra]) => ({ ...extra, ...(known as object) }));
      }
      return d.checks ? filtered(schema, arb) : arb;
    }
    case "record": {
      const value = inner(d.valueType);
      return fc.dictionary(
        fromCandidates(d.keyType as Schema, fc.string({ maxLength: 6 })) as fc.Arbitrary<string>,
        value,
        { maxKeys: 3 },
      );
    }
    case "pipe":
      // Codecs (hex, money, timestamps) are found among the wire candidates; structural pipes
      // (a list that arrives bare or wrapped, then is normalised) are generated from their input.
      try {
        return fromCandidates(schema);
      } catch (error) {
        if (!(error instanceof NoGenerator)) throw error;
        return filtered(schema, inner(d.in));
      }
    case "transform":
    case "custom":
      return fromCandidates(schema);
    default:
      throw new NoGenerator(`no generator for zod type ${d.type}`);
  }
}

/** Options that can generate at all (a union keeps the branches it can build). */
function viable(options: Array<() => Arb>): Arb[] {
  const out: Arb[] = [];
  for (const make of options) {
    try {
      out.push(make());
    } catch (error) {
      if (!(error instanceof NoGenerator)) throw error;
    }
  }
  if (out.length === 0) throw new NoGenerator("no branch of the union can be generated");
  return out;
}

function accepts(schema: Schema, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

/** The wire candidates this leaf accepts, plus random values of `random` it accepts often enough. */
function fromCandidates(schema: Schema, random?: Arb): Arb {
  const ok = WIRE_CANDIDATES.filter((v) => accepts(schema, v));
  const arbs: Arb[] = [];
  if (ok.length > 0) arbs.push(fc.constantFrom(...ok));
  const derived =
    random ?? fc.oneof(hexBigint(), decimalBigint(), isoDate(), fc.integer(), fc.string({ maxLength: 8 }));
  const sample = fc.sample(derived, { numRuns: 100, seed: 1 });
  if (sample.filter((v) => accepts(schema, v)).length >= 10)
    arbs.push(derived.filter((v) => accepts(schema, v)));
  if (arbs.length === 0) throw new NoGenerator("no candidate value is accepted");
  return fc.oneof(...arbs);
}

function filtered(schema: Schema, arb: Arb): Arb {
  const sample = fc.sample(arb, { numRuns: 50, seed: 1 });
  if (sample.filter((v) => accepts(schema, v)).length < 5)
    throw new NoGenerator("refinement rejects most values");
  return arb.filter((v) => accepts(schema, v));
}

export const hexBigint = () => fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((n) => `0x${n.toString(16)}`);
export const decimalBigint = () => fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((n) => n.toString());
const isoDate = () =>
  fc
    .date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date("2090-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());

/** Text with astral characters, combining marks, RTL and zero-width characters mixed in. */
export function unicodeString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 16 }),
    fc.string({ unit: "binary", maxLength: 16 }),
    fc.constantFrom(
      "héllo wörld",
      "日本語テキスト",
      "\u202eevil",
      "a\u200bb",
      "😀👩‍👩‍👧",
      "\u0000",
      "\ud800",
      "",
    ),
  );
}
