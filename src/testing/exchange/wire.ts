import { type Address, getAddress, type Hex, isAddress } from "viem";
import { isRecord } from "../kit/index.js";
import { invalidInput, plainText } from "./errors.js";

/**
 * Request bodies read the way the server's serde/axum reads them: a body that is not JSON is a
 * plain-text 400, a field of the wrong type or a missing one a plain-text 422 naming its path.
 */

export type Obj = Record<string, unknown>;

const DESER = "Failed to deserialize the JSON body into the target type";
const HEX_OR_DEC = /^(0x[0-9a-fA-F]+|\d+)$/;

/** The body as text (the line/column of a failure is counted in it) and parsed. */
export async function readBody(request: Request): Promise<{ raw: string; body: unknown }> {
  const raw = await request.text();
  try {
    return { raw, body: JSON.parse(raw) };
  } catch (e) {
    throw plainText(400, `Failed to parse the request body as JSON: ${(e as Error).message}`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `boolean \`${value}\``;
  if (typeof value === "number") return `integer \`${value}\``;
  if (Array.isArray(value)) return "sequence";
  return "map";
}

/** A serde-style "invalid type" failure at `path`, with a plausible line/column. */
export function deserError(raw: string, path: string, value: unknown, expected: string) {
  const key = path.split(".").pop() ?? path;
  const at = raw.indexOf(`"${key.replace(/\[\d+\]$/, "")}"`);
  const column = at < 0 ? raw.length : at + key.length + 3 + JSON.stringify(value ?? null).length;
  return plainText(
    422,
    `${DESER}: ${path}: invalid type: ${typeName(value)}, expected ${expected} at line 1 column ${column}`,
  );
}

/** serde's "missing field" failure (`path` empty at the top level). */
export function missingField(path: string, field: string) {
  return plainText(422, `${DESER}: ${path ? `${path}: ` : ""}missing field \`${field}\` at line 1 column 1`);
}

/** `value` as a JSON object, or the 422 for a non-map at `path` (the body itself when empty). */
export function obj(raw: string, value: unknown, path: string): Obj {
  if (!isRecord(value)) throw deserError(raw, path || "body", value, "a map");
  return value;
}

/** `value` as a JSON array, or the 422 for a non-sequence at `path`. */
export function list(raw: string, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw deserError(raw, path, value, "a sequence");
  return value;
}

export type Kind = "string" | "number" | "boolean" | "object" | "array" | "bigint";

const EXPECTED: Record<Kind, string> = {
  string: "a string",
  number: "an integer",
  boolean: "a boolean",
  object: "a map",
  array: "a sequence",
  bigint: "a hex or decimal integer string",
};

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "bigint":
      return (
        (typeof value === "string" && HEX_OR_DEC.test(value)) ||
        (typeof value === "number" && Number.isSafeInteger(value))
      );
    case "object":
      return isRecord(value);
  }
}

/** A required field of `o` (at `path`) of the given kind, or the 422 serde answers. */
export function field(raw: string, o: Obj, path: string, name: string, kind: Kind): unknown {
  const value = o[name];
  if (value === undefined) throw missingField(path, name);
  if (!isKind(value, kind)) throw deserError(raw, path ? `${path}.${name}` : name, value, EXPECTED[kind]);
  return value;
}

/** A field checked as `bigint` (hex or decimal string, or a safe integer) as a bigint. */
export const big = (value: unknown): bigint => BigInt(value as string | number);

// What the API checks once a body is read: a 400 `INPUT_VALIDATION_ERROR` naming the value.

/** An address (any case) as its checksummed form. */
export function addressOf(value: unknown, name: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }))
    throw invalidInput(`${name} is not an address`);
  return getAddress(value);
}

/** A salt: 32 bytes of hex. */
export function saltOf(value: unknown): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value))
    throw invalidInput("salt must be bytes32");
  return value as Hex;
}
