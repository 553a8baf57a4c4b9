import * as z from "zod/mini";

/**
 * A fast path for reading responses: each zod/mini schema is turned once into a tree of plain
 * closures that does the same work as zod's interpreter for the common kinds (objects, arrays,
 * strings, numbers, optional, nullable, unions, pipes, transforms, defaults), without zod's
 * per-node payload objects and issue bookkeeping. It only ever answers for values zod would
 * accept, with zod's exact output; anything it cannot prove (a failure, a schema kind it does not
 * model, a check, a thrown error) makes it answer `FAIL`, and the caller then runs zod itself,
 * which produces the real result or the real issues. So results and errors stay zod's.
 *
 * Why not `z.compile`: it needs `new Function` (refused under a strict Content-Security-Policy)
 * and adds ~10 KB gzip to every browser bundle; this is ~1 KB, and measured as fast on our
 * shapes (BENCHMARKS.md §3).
 */

/** Returned when the fast path cannot answer: run zod's own parse. */
export const FAIL: unique symbol = Symbol("fast-parse: ask zod");

type Fast = (value: unknown) => unknown;

/** The internals of a zod schema the fast path reads (`_zod.def`, traits, optionality). */
interface Internals {
  def: Record<string, unknown> & { type: string };
  traits: Set<string>;
  optin?: "optional" | "defaulted";
  optout?: "optional";
  run: unknown;
  parse: unknown;
}
type AnySchema = { _zod: Internals };

const compiled = new WeakMap<object, Fast>();

/** The fast parser of `schema`, built on first use and kept for the schema's lifetime. */
export function fastParser(schema: object): Fast {
  let fast = compiled.get(schema);
  if (!fast) {
    fast = build(schema as AnySchema);
    compiled.set(schema, fast);
  }
  return fast;
}

/** zod's own parse of one sub-schema (kinds the fast path does not model): its value or FAIL. */
const viaZod =
  (schema: AnySchema): Fast =>
  (value) => {
    const result = z.safeParse(schema as unknown as z.ZodMiniType, value);
    return result.success ? result.data : FAIL;
  };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function build(schema: AnySchema): Fast {
  const zod = schema._zod;
  const def = zod.def;
  // A schema with checks (min, regex, refine, formats…) runs them around its parse: zod's job.
  // `coerce` changes the input first; codecs (`def.transform` on a pipe) run both ways.
  if (zod.run !== zod.parse || def.coerce || (def.checks as unknown[] | undefined)?.length)
    return viaZod(schema);
  switch (def.type) {
    case "string":
      return (v) => (typeof v === "string" ? v : FAIL);
    case "number":
      return (v) => (typeof v === "number" && Number.isFinite(v) ? v : FAIL);
    case "boolean":
      return (v) => (typeof v === "boolean" ? v : FAIL);
    case "null":
      return (v) => (v === null ? v : FAIL);
    case "unknown":
    case "any":
      return (v) => v;
    case "optional": {
      const inner = def.innerType as AnySchema;
      // `exactOptional` and an optional around a default substitute or refuse `undefined`.
      if (zod.traits.has("$ZodExactOptional") || inner._zod.optin === "defaulted") break;
      // optional(nullable(x)), the usual "may be missing or null": one closure instead of two.
      const innerZod = inner._zod;
      if (innerZod.def.type === "nullable" && innerZod.run === innerZod.parse) {
        const fast = build(innerZod.def.innerType as AnySchema);
        return (v) => (v === undefined || v === null ? v : fast(v));
      }
      const fast = build(inner);
      return (v) => (v === undefined ? undefined : fast(v));
    }
    case "nullable": {
      const fast = build(def.innerType as AnySchema);
      return (v) => (v === null ? null : fast(v));
    }
    case "default": {
      const inner = (def.innerType as AnySchema)._zod;
      // default(nullable(x)), core/codecs.ts's `orNull`: one closure instead of two per field.
      if (
        inner.def.type === "nullable" &&
        inner.run === inner.parse &&
        !(inner.def.checks as unknown[] | undefined)?.length
      ) {
        const fast = build(inner.def.innerType as AnySchema);
        return (v) => {
          if (v === null) return null;
          if (v === undefined) return def.defaultValue;
          const out = fast(v);
          return out === undefined ? def.defaultValue : out;
        };
      }
      const fast = build(def.innerType as AnySchema);
      return (v) => {
        // Read per use: zod hands out a fresh copy of an object default each time.
        if (v === undefined) return def.defaultValue;
        const out = fast(v);
        return out === undefined ? def.defaultValue : out;
      };
    }
    case "pipe": {
      if (def.transform) break;
      const input = build(def.in as AnySchema);
      const output = build(def.out as AnySchema);
      return (v) => {
        const mid = input(v);
        return mid === FAIL ? FAIL : output(mid);
      };
    }
    case "transform": {
      const transform = def.transform as (
        value: unknown,
        payload: { value: unknown; issues: unknown[] },
      ) => unknown;
      // One payload per transform node, reset per call (a fresh one per value is measurable on a
      // 10,000-item page); `busy` gives a re-entrant call (a transform parsing with the same
      // schema) a fresh one.
      const shared: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] };
      let busy = false;
      return (v) => {
        const payload = busy ? { value: v, issues: [] } : shared;
        if (payload === shared) {
          shared.value = v;
          if (shared.issues.length) shared.issues = [];
          busy = true;
        }
        let out: unknown;
        try {
          out = transform(v, payload);
        } finally {
          if (payload === shared) busy = false;
        }
        // A reported issue, or a promise (zod refuses async transforms in a sync parse).
        return payload.issues.length || out instanceof Promise ? FAIL : out;
      };
    }
    case "union": {
      // Discriminated and exclusive unions pick differently from "first option that passes".
      if (def.discriminator !== undefined || def.inclusive === false) break;
      const options = (def.options as AnySchema[]).map(build);
      if (options.length === 2) {
        // The usual tolerant reader (string or number): no loop.
        const [first, second] = options as [Fast, Fast];
        return (v) => {
          const out = first(v);
          return out !== FAIL ? out : second(v);
        };
      }
      return (v) => {
        for (let i = 0; i < options.length; i++) {
          const out = (options[i] as Fast)(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case "array": {
      const element = build(def.element as AnySchema);
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = element(v[i]);
          if (item === FAIL) return FAIL;
          out[i] = item;
        }
        return out;
      };
    }
    case "object":
      return buildObject(schema);
  }
  return viaZod(schema);
}

/** One declared key of an object: how zod treats it when absent or failing (`optin`/`optout`). */
interface Field {
  key: string;
  fast: Fast;
  optin: Internals["optin"];
  optional: boolean;
}

function buildObject(schema: AnySchema): Fast {
  const def = schema._zod.def;
  const shape = def.shape as Record<string, AnySchema>;
  if (Object.getOwnPropertySymbols(shape).length) return viaZod(schema);
  const fields: Field[] = Object.keys(shape)
    .filter((key) => key !== "__proto__") // zod never copies it
    .map((key) => {
      const child = shape[key] as AnySchema;
      return {
        key,
        fast: build(child),
        optin: child._zod.optin,
        optional: child._zod.optout === "optional",
      };
    });
  const declared = new Set(Object.keys(shape));
  const catchall = (def.catchall as AnySchema | undefined)?._zod.def.type;
  // `unknown` keeps every other key as is (looseObject), none strips them (object), `never`
  // refuses them (strictObject); a catch-all that validates each key is left to zod.
  if (catchall && catchall !== "unknown" && catchall !== "any" && catchall !== "never") return viaZod(schema);
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (!assign(out, v, field.key, field)) return FAIL;
    }
    if (catchall) {
      for (const key in v) {
        if (declared.has(key)) continue;
        if (catchall === "never") return FAIL;
        if (key !== "__proto__") out[key] = v[key];
      }
    }
    return out;
  };
}

/**
 * zod's rules for one property (handlePropertyResult in zod's core): an absent optional key adds
 * nothing, an absent required key fails, `undefined` is kept only for a present key or a default.
 * Returns false where zod would report an issue.
 */
function assign(
  out: Record<string, unknown>,
  input: Record<string, unknown>,
  key: string,
  field: Field,
): boolean {
  const raw = input[key];
  // A value other than undefined was found, so the key is there; `in` only for the rest.
  const present = raw !== undefined || key in input;
  if (!present && field.optional && field.optin === "optional") return true;
  const value = field.fast(raw);
  if (value === FAIL) return !present && field.optional && field.optin !== undefined;
  if (!present && field.optin === undefined) return false;
  if (value !== undefined) out[key] = value;
  else if (present || (field.optin === "defaulted" && !field.optional)) out[key] = undefined;
  return true;
}

/**
 * The schema's fast parser (built once per schema): its value, or `FAIL` when
 * zod itself must parse (to produce the real result or the real issues).
 */
export function tryFastParse(schema: object, value: unknown): unknown {
  try {
    return fastParser(schema)(value);
  } catch {
    // A transform that throws: zod's own parse meets the same throw and reports it as before.
    return FAIL;
  }
}
