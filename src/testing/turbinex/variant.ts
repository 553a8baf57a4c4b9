import { HttpResponse } from "msw";
import { fileResponse } from "../kit/download.js";
import { isRecord, json } from "../kit/fastapi.js";
import type { TurbineXSimState } from "./state.js";

/**
 * TurbineX's variant dialect: the same state, answered the other legal ways a server could
 * (TurbineX publishes no contract, so every one of these is as plausible as the default):
 * integer ids, money as decimal text, epoch-second timestamps, optional fields left out instead
 * of null, `share: null` when not shared, no `kind` on turbines, `completed` / `errored` /
 * `canceled` for the final job words, `verified`/`plan` nested in `me`, an extra field on every
 * record, and downloads redirected to the storage origin (a 302 or a JSON `{url}`).
 */

const MONEY = new Set(["spend_usd", "spend_cap_usd"]);
const TIMESTAMPS = new Set(["created_at", "updated_at", "started_at", "finished_at", "expires_at"]);
// Kept even when null: the SDK must see these as they are (a wait follows `status`, a cap of
// `null` means none).
const KEEP_NULL = new Set(["token_cap", "spend_cap_usd", "error"]);
const JOB_WORDS: Record<string, string> = {
  succeeded: "completed",
  failed: "errored",
  cancelled: "canceled",
};
const DIGITS = /^\d{1,15}$/;

/** A JSON answer re-shaped in the variant dialect (other responses pass unchanged). */
export async function variantResponse(state: TurbineXSimState, response: Response): Promise<Response> {
  if (!state.dialect.variant || response.status < 200 || response.status >= 300) return response;
  if (!(response.headers.get("content-type") ?? "").includes("json")) return response;
  const body: unknown = await response.clone().json();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return HttpResponse.json(reshape(state, body, undefined, 0) as never, {
    status: response.status,
    headers,
  }) as Response;
}

function reshape(state: TurbineXSimState, value: unknown, key: string | undefined, depth: number): unknown {
  const pick = state.dialect.pick;
  if (depth > 8) return value;
  if (Array.isArray(value)) {
    return value.map((item) =>
      key === "job_ids" && typeof item === "string" && DIGITS.test(item)
        ? pick<unknown>(item, Number(item))
        : reshape(state, item, undefined, depth + 1),
    );
  }
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(record)) {
    if (item === null && !KEEP_NULL.has(field) && field !== "share") {
      if (pick(true, false)) out[field] = null;
      continue;
    }
    if ((field === "id" || field.endsWith("_id")) && typeof item === "string" && DIGITS.test(item)) {
      out[field] = pick<unknown>(item, Number(item));
    } else if (MONEY.has(field) && typeof item === "number") {
      out[field] = pick<unknown>(item, item.toFixed(2));
    } else if (TIMESTAMPS.has(field) && typeof item === "string") {
      out[field] = pick<unknown>(item, Math.floor(Date.parse(item) / 1000));
    } else if (
      field === "status" &&
      typeof item === "string" &&
      JOB_WORDS[item] &&
      "input_sha256" in record
    ) {
      out[field] = pick(item, JOB_WORDS[item] as string);
    } else if (field === "share" && isRecord(item) && item.enabled === false) {
      out[field] = pick<unknown>(item, null);
    } else if (field === "kind") {
      if (pick(true, false)) out[field] = item;
    } else {
      out[field] = reshape(state, item, field, depth + 1);
    }
  }
  // `me`: the account flags where another server keeps them.
  if ("email" in record && "verified" in record && "plan" in record && "org_id" in record) {
    if (pick(false, true)) {
      const { verified, plan, ...rest } = out;
      Object.assign(rest, { email_verified: verified, org: { id: out.org_id, plan } });
      return rest;
    }
  }
  if ("id" in record && depth < 3) out.etag = pick<unknown>(undefined, `W/"${String(record.id)}-1"`);
  if (out.etag === undefined) delete out.etag;
  return out;
}

/**
 * A file download: the bytes (default), or in the variant dialect a 302 to a pre-signed storage
 * URL or a JSON `{url}` naming one (the two other ways object-storage backed APIs answer).
 */
export function deliver(state: TurbineXSimState, bytes: Uint8Array, contentType: string, fileName: string) {
  const how = state.dialect.pick<"bytes" | "redirect" | "pointer">("bytes", "redirect", "pointer");
  if (how === "bytes") return fileResponse(bytes, contentType, fileName);
  const url = state.storage.presign({ bytes, contentType, fileName });
  if (how === "pointer") return json({ url, expires_in: 900 });
  return new Response(null, { status: 302, headers: { location: url } });
}
