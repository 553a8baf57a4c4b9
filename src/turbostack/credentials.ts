import { isPlainObject } from "../core/is-record.js";
import { secretRecord } from "../core/secret.js";
import { readConfig } from "./config.js";
import type { HostCredentialFields, HostCredentials, HostLogin } from "./schemas.js";

// The names a credentials answer may use for the login (the API documents no schema), most
// specific first. Compared case-insensitively.
const USER_FIELDS = [
  "ssh_user",
  "ssh_username",
  "ssh_login",
  "username",
  "user",
  "login",
  "system_user",
  "user_name",
];
const PASSWORD_FIELDS = ["ssh_password", "ssh_pass", "password", "pass", "passwd", "system_password"];
const HOST_FIELDS = ["ssh_host", "hostname", "host", "ip", "ip_address", "ipv4"];
const PORT_FIELDS = ["ssh_port", "port"];
// Where a nested login may sit: `{ssh: {user, password}}`, `{system_users: [{username, password}]}`.
const NESTED_FIELDS = ["ssh", "system", "system_user", "sftp", "shell", "system_users", "ssh_users", "users"];

/**
 * The host's login, found under the usual names wherever the answer keeps it: the top level, or
 * one level down (`ssh`, `system`, the first of `system_users`…). Host and port fall back to the
 * top level. Undefined when no user name is found.
 */
export function findLogin(record: Record<string, unknown>): HostLogin | undefined {
  const candidates: Record<string, unknown>[] = [record];
  for (const [key, value] of Object.entries(record)) {
    if (!NESTED_FIELDS.includes(key.toLowerCase())) continue;
    const nested = Array.isArray(value) ? value[0] : value;
    if (isPlainObject(nested)) candidates.push(nested);
  }
  for (const candidate of candidates) {
    const username = pick(candidate, USER_FIELDS);
    if (typeof username !== "string" || username === "") continue;
    const password = pick(candidate, PASSWORD_FIELDS);
    const host = pick(candidate, HOST_FIELDS) ?? pick(record, HOST_FIELDS);
    const port = Number(pick(candidate, PORT_FIELDS) ?? pick(record, PORT_FIELDS));
    return {
      username,
      password: typeof password === "string" ? password : undefined,
      host: typeof host === "string" ? host : undefined,
      port: Number.isSafeInteger(port) && port > 0 && port < 65536 ? port : undefined,
    };
  }
  return undefined;
}

function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  const lower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  for (const name of names) {
    const key = lower.get(name);
    const value = key === undefined ? undefined : record[key];
    if (typeof value === "string" || typeof value === "number") return value;
  }
  return undefined;
}

/**
 * Builds the secret record for a credentials answer (bare or wrapped in `{data}`). Wire keys are
 * kept as sent (`host_id` read as an integer); the `json` (or `config`) document is parsed into
 * `config`, as a host's. Every string of the
 * credential fields (nested ones included) is registered as a secret, so none of them can reach a
 * log or an error; the configuration, readable through `hosts.get` anyway, is not.
 */
export function readCredentials(body: unknown, hostId: number): HostCredentials {
  const outer = isPlainObject(body) ? body : {};
  const data = isPlainObject(outer.data) ? outer.data : outer;
  const { json, config, ...rest } = data;
  // Only a number or numeric text is an id: Number() of anything else (a nested array, say)
  // recurses through toString and can overflow the stack.
  const wireId = rest.host_id;
  const idValue = typeof wireId === "number" || typeof wireId === "string" ? Number(wireId) : hostId;
  const fields: HostCredentialFields = {
    ...rest,
    ...(json === undefined ? {} : { json }),
    host_id: Number.isSafeInteger(idValue) ? idValue : hostId,
    login: findLogin(rest),
    ...readConfig(json ?? config),
  };
  return secretRecord(fields, "host credentials", {
    secretFields: Object.keys(rest) as (keyof HostCredentialFields & string)[],
  });
}
