import * as exchange from "../../../src/exchange/schemas.js";
import * as lyceumCommon from "../../../src/lyceum/schemas/common.js";
import * as lyceum from "../../../src/lyceum/schemas.js";
import * as turbinex from "../../../src/turbinex/schemas.js";
import * as turbostack from "../../../src/turbostack/schemas.js";

/** A response schema as the HTTP client uses it. */
export interface NamedSchema {
  name: string;
  schema: { safeParse(value: unknown): { success: boolean }; _zod: { def: ZodDef } };
}

export interface ZodDef {
  type: string;
  [key: string]: unknown;
}

const MODULES: Record<string, Record<string, unknown>> = {
  turbinex,
  turbostack,
  lyceum: { ...lyceumCommon, ...lyceum },
  exchange,
};

/**
 * Every response schema the providers export: each module's lazily built schemas are the
 * zero-argument exports whose result is a zod schema. Found by reflection so a schema added
 * later is fuzzed without touching this suite.
 */
export function allResponseSchemas(): NamedSchema[] {
  const out: NamedSchema[] = [];
  for (const [provider, module] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== "function" || value.length !== 0 || /^[A-Z]/.test(name)) continue;
      let built: unknown;
      try {
        built = (value as () => unknown)();
      } catch {
        continue; // needs arguments after all
      }
      if (isSchema(built)) out.push({ name: `${provider}.${name}`, schema: built });
    }
  }
  return out;
}

function isSchema(value: unknown): value is NamedSchema["schema"] {
  return (
    typeof value === "object" &&
    value !== null &&
    "_zod" in value &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}
