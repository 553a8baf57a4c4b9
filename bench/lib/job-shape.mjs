// The TurbineX job schema's shape (src/turbinex/schemas.ts: loose object, nullish fields read as
// null, tolerant timestamps) written once against whichever zod namespace is passed, so zod/mini
// and classic zod validate exactly the same shape in the same run.
/** src/core/codecs.ts's general path, as it was before the fast path (the "before" of §3). */
export function parseTimestamp(value) {
  if (typeof value === "number" || (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    return Number.isFinite(n) ? new Date(n < 1e11 ? n * 1000 : n) : undefined;
  }
  if (typeof value !== "string") return undefined;
  let s = value.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s))
    s += s.includes("T") ? "Z" : "T00:00:00Z";
  s = s.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** src/core/codecs.ts's fast path for `YYYY-MM-DDTHH:MM:SS[.sss]Z`, then the general path. */
export function parseTimestampFast(value) {
  if (
    typeof value === "string" &&
    value.length >= 20 &&
    value.length <= 24 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    value.charCodeAt(10) === 84 &&
    value.charCodeAt(13) === 58 &&
    value.charCodeAt(16) === 58 &&
    value.charCodeAt(value.length - 1) === 90
  ) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return parseTimestamp(value);
}

/**
 * `plain`: timestamps and nullish fields without transforms (to price the codecs in a breakdown);
 * `fast`: the earlier Date.parse fast path; `codec`: a timestamp schema builder to use instead
 * (turbokit/core's `timestamp`, to measure the SDK's own codec); `defaultNull`: missing-or-null
 * fields as `_default(nullable(x), null)` instead of a transform (same results).
 */
export function pageShape(z, { plain = false, fast = false, codec, defaultNull = false } = {}) {
  const read = fast ? parseTimestampFast : parseTimestamp;
  const codecTimestamp = () =>
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((value, ctx) => {
        const date = read(value);
        if (!date) {
          ctx.issues.push({ code: "custom", message: "expected a timestamp", input: value });
          return z.NEVER;
        }
        return date;
      }),
    );
  const codecNullish = (schema) =>
    z.pipe(
      z.optional(z.nullable(schema)),
      z.transform((v) => (v === undefined ? null : v)),
    );
  const timestamp = plain ? () => z.union([z.string(), z.number()]) : (codec ?? codecTimestamp);
  const nullish = plain
    ? (schema) => z.optional(z.nullable(schema))
    : defaultNull
      ? (schema) => z._default(z.nullable(schema), null)
      : codecNullish;
  const job = z.looseObject({
    id: z.string(),
    name: nullish(z.string()),
    status: z.string(),
    created_at: timestamp(),
    updated_at: nullish(timestamp()),
    started_at: nullish(timestamp()),
    finished_at: nullish(timestamp()),
    progress: nullish(z.number()),
    input_sha256: nullish(z.string()),
    turbine_id: nullish(z.string()),
    study_id: nullish(z.string()),
    error: nullish(z.string()),
    output_size_bytes: nullish(z.number()),
  });
  return z.looseObject({
    items: z.array(job),
    total: nullish(z.number()),
    page: nullish(z.number()),
    page_size: nullish(z.number()),
    total_pages: nullish(z.number()),
  });
}

/** A page of `n` jobs as the API would send it. */
export function pageText(n) {
  const items = Array.from({ length: n }, (_, i) => ({
    id: `job_${i.toString(36).padStart(8, "0")}`,
    name: i % 7 === 0 ? null : `sweep ${i}`,
    status: ["queued", "running", "succeeded", "failed"][i % 4],
    created_at: new Date(1_776_048_000_000 + i * 1000).toISOString(),
    updated_at: i % 3 === 0 ? null : new Date(1_776_048_500_000 + i * 1000).toISOString(),
    started_at: i % 4 === 0 ? null : 1_776_048_000 + i,
    finished_at: null,
    progress: i % 4 === 1 ? 0.5 : null,
    input_sha256: (i * 2654435761).toString(16).padStart(64, "0"),
    turbine_id: "trb_iea15",
    study_id: i % 2 ? "std_yaw" : null,
    error: null,
    output_size_bytes: i * 1024,
  }));
  return JSON.stringify({ items, total: n, page: 1, page_size: n, total_pages: 1 });
}
