import { REDACTED, registerSecret } from "./redact.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A record holding secrets (host credentials, storage keys, an API key shown once). Its fields
 * read normally, but it prints as redacted everywhere: `String()`, `JSON.stringify`,
 * `util.inspect`, template literals, and the values are scrubbed from errors and logs.
 * `reveal()` returns a plain copy for the rare caller that must persist it.
 */
export type SecretRecord<T extends object> = T & {
  /** A plain, printable copy of the fields. */
  reveal(): T;
};

/** Options of `secretRecord`. */
export interface SecretRecordOptions<T> {
  /**
   * The fields that are secret, to scrub from every later message and log line (default: every
   * field; strings nested in arrays and objects count). Naming them keeps harmless values such as a key's name or id readable in logs.
   */
  secretFields?: ReadonlyArray<keyof T & string>;
}

/**
 * Wraps `value` as a `SecretRecord`: fields read normally, every printed form says
 * `[label: [redacted]]`, and the secret fields are scrubbed from later messages and logs.
 */
export function secretRecord<T extends object>(
  value: T,
  label = "secret",
  options: SecretRecordOptions<T> = {},
): SecretRecord<T> {
  const fields = options.secretFields ?? Object.keys(value);
  for (const field of fields) registerStrings((value as Record<string, unknown>)[field]);
  const plain = { ...value };
  const record = { ...value } as SecretRecord<T>;
  const hidden = `[${label}: ${REDACTED}]`;
  Object.defineProperties(record, {
    reveal: { value: () => ({ ...plain }), enumerable: false },
    toJSON: { value: () => hidden, enumerable: false },
    toString: { value: () => hidden, enumerable: false },
    [INSPECT]: { value: () => hidden, enumerable: false },
    [Symbol.toPrimitive]: { value: () => hidden, enumerable: false },
  });
  return record;
}

/** Every string in a value, nested arrays and objects included (bounded depth). */
function registerStrings(value: unknown, depth = 0): void {
  if (depth > 8) return;
  if (typeof value === "string") registerSecret(value, { known: true });
  else if (Array.isArray(value)) for (const item of value) registerStrings(item, depth + 1);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) registerStrings(item, depth + 1);
  }
}
