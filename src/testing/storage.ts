import { HttpResponse, http } from "msw";
import type { SimClock } from "./clock.js";

/** The storage origin's production-like URL under msw (a different origin from every API). */
export const STORAGE_SIM_BASE_URL = "https://storage.turbokit-sim.test";

/** One request the storage origin received (for tests: which headers reached it). */
export interface StorageRequestRecord {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** An object put in storage. */
interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  expiresAt: number;
  signature: string;
}

/**
 * A second origin that serves pre-signed download URLs, as object storage (S3, GCS) does: the
 * signature in the query is the only credential, and a request that also carries an
 * `Authorization` header is refused with 400 (S3 does the same: one auth mechanism per request).
 * The variant dialect of a provider redirects its downloads here.
 */
export interface StorageSim {
  /** Where it is served (msw: `STORAGE_SIM_BASE_URL`; the HTTP server: its own origin). */
  baseUrl: string;
  /** Store bytes and return a pre-signed GET URL valid for `ttlMs` of simulated time (default 15 min). */
  presign(object: { bytes: Uint8Array; contentType: string; fileName: string }, ttlMs?: number): string;
  /** Every request received, oldest first (bounded to the last 1000). */
  readonly requests: StorageRequestRecord[];
  /** msw handlers serving the objects under `baseUrl`. */
  handlers(baseUrl: string): ReturnType<typeof http.get>[];
}

const MAX_RECORDS = 1000;

export function createStorageSim(ctx: { clock: SimClock; random: () => number }): StorageSim {
  const objects = new Map<string, StoredObject>();
  const requests: StorageRequestRecord[] = [];
  let next = 0;
  const token = () =>
    Array.from(
      { length: 24 },
      () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(ctx.random() * 36)],
    ).join("");

  const sim: StorageSim = {
    baseUrl: STORAGE_SIM_BASE_URL,
    requests,
    presign(object, ttlMs = 15 * 60_000) {
      const key = `obj-${++next}`;
      const signature = token();
      const expiresAt = ctx.clock.now() + ttlMs;
      objects.set(key, { ...object, expiresAt, signature });
      const url = new URL(`${sim.baseUrl}/o/${key}/${encodeURIComponent(object.fileName)}`);
      url.searchParams.set("X-Sim-Expires", String(Math.floor(expiresAt / 1000)));
      url.searchParams.set("X-Sim-Signature", signature);
      return url.toString();
    },
    handlers(baseUrl) {
      return [
        http.get(`${baseUrl}/o/:key/:name`, ({ request, params }) => {
          const headers: Record<string, string> = {};
          request.headers.forEach((value, name) => {
            headers[name] = value;
          });
          requests.push({ method: request.method, path: new URL(request.url).pathname, headers });
          if (requests.length > MAX_RECORDS) requests.shift();
          const object = objects.get(String(params.key));
          const url = new URL(request.url);
          if (request.headers.has("authorization")) {
            return storageError(400, "InvalidArgument", "Only one auth mechanism allowed");
          }
          if (!object || url.searchParams.get("X-Sim-Signature") !== object.signature) {
            return storageError(403, "SignatureDoesNotMatch", "The request signature does not match");
          }
          if (ctx.clock.now() > object.expiresAt) {
            return storageError(403, "AccessDenied", "Request has expired");
          }
          return new HttpResponse(object.bytes.slice(), {
            status: 200,
            headers: {
              "content-type": object.contentType,
              "content-length": String(object.bytes.byteLength),
              "content-disposition": `attachment; filename="${object.fileName.replace(/["\\\r\n]/g, "_")}"`,
            },
          }) as Response;
        }),
      ];
    },
  };
  return sim;
}

/** Object storage answers errors in XML. */
function storageError(status: number, code: string, message: string): Response {
  return new HttpResponse(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    { status, headers: { "content-type": "application/xml" } },
  ) as Response;
}
