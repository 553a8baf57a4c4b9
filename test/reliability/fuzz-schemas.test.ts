// Issue 10 §2: fuzzed responses. For every response schema of every provider, generated valid
// bodies parse, and damaged ones (missing fields, wrong types, huge numbers, bad bigint encodings,
// unicode, deep nesting, truncation, a wrong root) give a tolerated value or a
// ResponseValidationError — never any other exception. One damaged body in ten also goes through
// the real client read path (size cap, JSON.parse, validation, error typing) and must get the same
// verdict. FUZZ_RUNS (env RELIABILITY_RUNS, default 1000) runs per schema and property.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ResponseValidationError } from "../../src/core/errors.js";
import { parseJson } from "../../src/core/json.js";
import { parseResponse, type Schema } from "../../src/core/schema.js";
import { validArbitrary } from "./support/arbitraries.js";
import { type MutationClass, mutatedBody } from "./support/mutations.js";
import { bodyReader } from "./support/read-through.js";
import { FUZZ_RUNS, SEED, Tally, writeFigures } from "./support/report.js";
import { allResponseSchemas } from "./support/schemas.js";

const schemas = allResponseSchemas();
const read = bodyReader();
const byClass = new Tally();
const outcomes = new Tally();
const noGenerator: string[] = [];
let validRuns = 0;
let realPathRuns = 0;

/** What `HttpClient.json` does with a body once read: `parseJson` (the one reader), then the schema. */
function quickRead(schema: unknown, text: string, name: string): unknown {
  let value: unknown;
  try {
    value = text === "" ? undefined : parseJson(text);
  } catch {
    throw new ResponseValidationError("Malformed JSON", text, [{ path: [], message: "not valid JSON" }]);
  }
  return parseResponse(schema as Schema<unknown>, value, name);
}

function classify(read: () => unknown): "tolerated" | "ResponseValidationError" {
  try {
    read();
    return "tolerated";
  } catch (error) {
    if (error instanceof ResponseValidationError) return "ResponseValidationError";
    throw error;
  }
}

afterAll(() => {
  writeFigures("fuzz-schemas", {
    seed: SEED,
    runsPerSchema: FUZZ_RUNS,
    schemas: schemas.length,
    schemasWithValidGenerator: schemas.length - noGenerator.length,
    noGenerator,
    validBodies: validRuns,
    mutatedByClass: byClass.counts,
    mutatedOutcomes: outcomes.counts,
    mutatedThroughHttpClient: realPathRuns,
  });
});

describe("every response schema", () => {
  it("the inventory covers every provider", () => {
    const providers = new Set(schemas.map((s) => s.name.split(".")[0]));
    expect([...providers].sort()).toEqual(["exchange", "lyceum", "turbinex", "turbostack"]);
    expect(schemas.length).toBeGreaterThan(60);
  });

  for (const { name, schema } of schemas) {
    it(`${name}: valid bodies parse; damaged ones parse or fail as ResponseValidationError`, async () => {
      const valid = validArbitrary(schema);
      if (!valid) noGenerator.push(name);
      expect(valid, "a generator of valid bodies").toBeDefined();
      if (!valid) return;
      // Valid bodies: straight through the validation step the client uses (cheap, so many).
      fc.assert(
        fc.property(valid, (body) => {
          validRuns++;
          parseResponse(
            schema as unknown as Schema<unknown>,
            JSON.parse(JSON.stringify(body) ?? "null"),
            name,
          );
        }),
        { numRuns: FUZZ_RUNS, seed: SEED },
      );
      // Damaged bodies: every one through the validation step, and every tenth also through the
      // whole client read path (HttpClient.json), which must reach the same verdict.
      let run = 0;
      await fc.assert(
        fc.asyncProperty(mutatedBody(valid), async ({ kind, text }) => {
          byClass.add(kind satisfies MutationClass);
          const verdict = classify(() => quickRead(schema, text, name));
          if (run++ % 10 === 0) {
            realPathRuns++;
            const real = await read(schema, text).then(
              () => "tolerated",
              (error: unknown) => {
                if (error instanceof ResponseValidationError) return "ResponseValidationError";
                throw error;
              },
            );
            expect(real).toBe(verdict);
          }
          outcomes.add(verdict);
        }),
        { numRuns: FUZZ_RUNS, seed: SEED },
      );
    });
  }
});
