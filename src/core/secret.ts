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

export function secretRecord<T extends object>(value: T, label = "secret"): SecretRecord<T> {
  for (const v of Object.values(value)) if (typeof v === "string") registerSecret(v);
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
