import { parseTimestamp } from "../core/codecs.js";
import { ResponseValidationError } from "../core/errors.js";
import { parseJson } from "../core/json.js";
import { type ClientWire, type GroupWire, type HostWire, toBool, toInt } from "./schemas.js";
import type { Client, ConfigView, Group, Host, HostMonitoring, TurboStackConfig } from "./types.js";

/**
 * Reads a stored `json` value: a string is parsed (kept raw with `configValid: false` when it is
 * not a JSON object document), an object is taken as-is, PHP's `[]` is an empty document, and
 * null/absent/empty means no document. Never throws.
 */
export function readConfig(raw: unknown): ConfigView {
  if (raw === undefined || raw === null) return { config: undefined, configRaw: raw, configValid: true };
  if (Array.isArray(raw) && raw.length === 0) return { config: {}, configRaw: raw, configValid: true };
  if (isPlainObject(raw)) return { config: raw, configRaw: raw, configValid: true };
  if (typeof raw === "string") {
    if (raw.trim() === "") return { config: undefined, configRaw: raw, configValid: true };
    try {
      const parsed: unknown = parseJson(raw); // bounded depth, exact big integers
      if (isPlainObject(parsed)) return { config: parsed, configRaw: raw, configValid: true };
      if (Array.isArray(parsed) && parsed.length === 0)
        return { config: {}, configRaw: raw, configValid: true };
    } catch {
      // fall through: kept raw
    }
  }
  return { config: undefined, configRaw: raw, configValid: false };
}

export function isPlainObject(value: unknown): value is TurboStackConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const date = (value: unknown): Date | undefined => parseTimestamp(value);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * The mappers read fields of an object. With `validate: false` the answer reaches them unchecked
 * (`{data: null}` unwraps to null), so anything else is reported as the schema would have.
 */
function objectOf<W>(wire: W, what: string): W {
  if (typeof wire === "object" && wire !== null && !Array.isArray(wire)) return wire;
  throw new ResponseValidationError(`TurboStack ${what}: expected an object`, wire, [
    { path: [], message: "expected an object" },
  ]);
}

export function toClient(value: ClientWire): Client {
  const wire = objectOf(value, "client");
  return {
    id: toInt(wire.id) ?? (wire.id as number),
    firstname: text(wire.firstname),
    lastname: text(wire.lastname),
    email: text(wire.email),
    createdAt: date(wire.created_at),
    updatedAt: date(wire.updated_at),
    raw: wire,
  };
}

export function toHost(value: HostWire): Host {
  const wire = objectOf(value, "host");
  return {
    id: toInt(wire.id) ?? (wire.id as number),
    clientId: toInt(wire.client_id),
    active: toBool(wire.active),
    name: text(wire.name),
    ...readConfig(wire.json),
    monitoring: isPlainObject(wire.monitoring) ? (wire.monitoring as HostMonitoring) : undefined,
    createdAt: date(wire.created_at),
    updatedAt: date(wire.updated_at),
    raw: wire,
  };
}

export function toGroup(value: GroupWire): Group {
  const wire = objectOf(value, "group");
  return {
    id: toInt(wire.id) ?? (wire.id as number),
    clientId: toInt(wire.client_id),
    name: text(wire.name),
    ...readConfig(wire.json),
    createdAt: date(wire.created_at),
    updatedAt: date(wire.updated_at),
    raw: wire,
  };
}
