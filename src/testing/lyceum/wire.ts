import { intQueries } from "../kit/queries.js";

/** How the Lyceum wire writes values: decimal-string money, its mixed time forms, dashed ids, offset paging. */

/** Cents → decimal string ("-12.05"). Money never goes through floats. */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Decimal string or number → cents, or undefined when it is not a money amount. */
export function toCents(value: unknown): number | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** `xxxxxxxx-xxxx-…` from 32 hex digits. */
export function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** ISO time in one of the three forms the real API mixes. */
export function isoTime(ms: number, form: "z" | "offset" | "naive" = "z"): string {
  const iso = new Date(ms).toISOString();
  if (form === "offset") return iso.replace("Z", "+00:00");
  if (form === "naive") return iso.replace("Z", "").replace(/\.\d+$/, "");
  return iso;
}

/** `?limit=&offset=` paging (org transactions, billing lists): one page and the total. */
export function offsetPage<T>(url: URL, items: T[]): { page: T[]; total: number } {
  const { limit, offset } = intQueries(url, { limit: [50, 1, 500], offset: [0, 0, 1_000_000] });
  return { page: items.slice(offset, offset + limit), total: items.length };
}
