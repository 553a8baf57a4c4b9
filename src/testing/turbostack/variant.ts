import type { SimDialect } from "../dialect.js";

/**
 * TurboStack's variant dialect. The API page documents requests only, so each of these is a
 * legal answer as much as the default Laravel-resource one: single objects without the `{data}`
 * wrapper, ids as numeric text, `active` as a boolean, `json` as an object, PHP's `[]` for an
 * empty `monitoring`, an extra field, Laravel's flat paginator instead of `data/links/meta`, bare
 * `{status}` deploy answers with other final words and no id, `Y-m-d H:i:s` dates, an absent
 * `updated_at`, credentials under `ssh_user` /
 * `ssh_password`, and a bare id for a group save.
 */
export interface TurboStackVariant {
  /** A record (client, host, group) as sent. */
  record(record: Record<string, unknown>): Record<string, unknown>;
  /** A single-object answer: `{data}` or bare. */
  single(record: Record<string, unknown>): unknown;
  /** A page: the resource envelope (given) or the flat paginator. */
  page(resource: { data: unknown[]; meta: Record<string, unknown>; links: Record<string, unknown> }): unknown;
  /** A deployment's status (GET and the POST answer). */
  deployment(view: Record<string, unknown>): unknown;
  /** A credentials answer. */
  credentials(data: Record<string, unknown>): unknown;
  /** A group save's answer. */
  saved(id: number): unknown;
}

const FINAL_WORDS: Record<string, string> = { finished: "success", failed: "error" };

export function turbostackVariant(dialect: SimDialect): TurboStackVariant {
  const { pick } = dialect;
  return {
    record(record) {
      if (!dialect.variant) return record;
      const out: Record<string, unknown> = { ...record };
      for (const key of ["id", "client_id"]) {
        if (typeof out[key] === "number") out[key] = pick<unknown>(out[key], String(out[key]));
      }
      if (out.active === 0 || out.active === 1) out.active = pick<unknown>(out.active, out.active === 1);
      if (typeof out.json === "string") {
        try {
          out.json = pick<unknown>(out.json, JSON.parse(out.json));
        } catch {
          // A corrupt document stays a string: that is what the server has.
        }
      }
      if ("json" in out && !("monitoring" in out)) out.monitoring = pick<unknown>(undefined, []);
      if (out.monitoring === undefined) delete out.monitoring;
      // Laravel before 7 serialised dates as `Y-m-d H:i:s` (no zone: UTC); an optional one may be absent.
      if (typeof out.created_at === "string")
        out.created_at = pick<unknown>(out.created_at, laravelDate(out.created_at));
      if ("updated_at" in out && pick(false, true)) delete out.updated_at;
      out.uuid = pick<unknown>(undefined, `00000000-0000-4000-8000-${String(record.id).padStart(12, "0")}`);
      if (out.uuid === undefined) delete out.uuid;
      return out;
    },
    single(record) {
      return pick<unknown>({ data: record }, record);
    },
    page(resource) {
      const { data, meta, links } = resource;
      return pick<unknown>(resource, {
        current_page: meta.current_page,
        data,
        first_page_url: links.first,
        from: meta.from,
        last_page: meta.last_page,
        last_page_url: links.last,
        next_page_url: links.next,
        path: meta.path,
        per_page: meta.per_page,
        prev_page_url: links.prev,
        to: meta.to,
        total: meta.total,
      });
    },
    deployment(view) {
      if (!dialect.variant) return { data: view };
      const status = String(view.status);
      return pick<unknown>({ data: view }, { status: FINAL_WORDS[status] ?? status });
    },
    credentials(data) {
      if (!dialect.variant) return { data };
      const { username, password, ...rest } = data;
      return pick<unknown>({ data }, { ...rest, ssh_user: username, ssh_password: password });
    },
    saved(id) {
      return pick<unknown>({ id }, id);
    },
  };
}

/** `2026-01-02T03:04:05.000000Z` → `2026-01-02 03:04:05`. */
function laravelDate(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
}
