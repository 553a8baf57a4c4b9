import { secretRecord } from "../core/secret.js";
import { isPlainObject, readConfig } from "./model.js";
import type { HostCredentialFields, HostCredentials } from "./types.js";

/**
 * Builds the secret record for a credentials answer (bare or wrapped in `{data}`). Wire keys are
 * kept as sent; the `json`/`config` document is parsed like a host's. Every string of the
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
    hostId: Number.isSafeInteger(idValue) ? idValue : hostId,
    ...readConfig(json ?? config),
  };
  return secretRecord(fields, "host credentials", {
    secretFields: Object.keys(rest) as (keyof HostCredentialFields & string)[],
  });
}
