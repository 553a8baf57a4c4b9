import { isPlainObject } from "./is-record.js";
/**
 * Results as tables for analysis: `toRecords` flattens items into one-level records (nested
 * objects become dotted columns, `monitoring.disk.percent`), `toColumns` turns them into the
 * column-oriented object data-frame libraries take (`pl.DataFrame(cols)` in nodejs-polars,
 * `new dfd.DataFrame(cols)` in Danfo.js, `pd.DataFrame(cols)` after a JSON round trip).
 * Shared with the notebook tables (`htmlTable`), so a table and a frame show the same columns.
 */

/** One cell of a flat record: what data-frame libraries read without a custom parser. */
export type CellValue = string | number | boolean | Date | null;

/** An item flattened to one level: column name → cell. */
export type FlatRecord = Record<string, CellValue>;

/** Column name → one value per item (`null` where an item lacks the column). */
export type Columns = Record<string, CellValue[]>;

/** Nesting levels turned into dotted columns; deeper values are kept as JSON text. */
const MAX_DEPTH = 3;
/** Columns kept at most (a wide record's later fields are dropped, not the rows). */
const MAX_COLUMNS = 200;
/** Items sampled when deciding which columns merely repeat another. */
const SAMPLE = 20;

/**
 * Keys left out of tables and frames: `raw` is the wire record the typed fields were read from
 * (still on every item as `item.raw`), so showing it would repeat each value.
 */
const OMITTED_KEYS = new Set(["raw"]);

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
  } catch {
    return String(value);
  }
}

/** A scalar cell: numbers and booleans stay, bigint becomes exact text, arrays JSON text. */
function cellOf(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  return jsonText(value);
}

function flatten(value: Record<string, unknown>, prefix: string, depth: number, out: FlatRecord): void {
  for (const [key, child] of Object.entries(value)) {
    if (depth === 0 && OMITTED_KEYS.has(key)) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && depth + 1 < MAX_DEPTH && Object.keys(child).length > 0) {
      flatten(child, name, depth + 1, out);
    } else if (Object.keys(out).length < MAX_COLUMNS || name in out) {
      out[name] = cellOf(child);
    }
  }
}

/**
 * Top-level keys whose string value is only the JSON text of another top-level value of the same
 * item (`configRaw` beside `config`): shown once, as the parsed value. Items where the parsed
 * twin is missing (a document that did not parse) do not count against it.
 */
export function duplicateTextKeys(items: readonly object[]): Set<string> {
  const sample = (items as readonly Record<string, unknown>[]).slice(0, SAMPLE);
  const keys = [...new Set(sample.flatMap((item) => Object.keys(item)))].slice(0, MAX_COLUMNS);
  // Each value's canonical JSON text is worked out once (not once per pair of keys), and only
  // text that could be a JSON document of bounded size is parsed.
  const memo = sample.map(() => new Map<string, string | undefined>());
  const canonical = (index: number, key: string): string | undefined => {
    const seen = memo[index]!;
    if (seen.has(key)) return seen.get(key);
    const value = sample[index]![key];
    let text: string | undefined;
    if (typeof value === "string") text = parsedText(value);
    else if (isObject(value)) text = jsonText(value);
    seen.set(key, text);
    return text;
  };
  const textKeys = keys.filter((key) => sample.some((item) => typeof item[key] === "string"));
  const objectKeys = keys.filter((key) => sample.some((item) => isObject(item[key])));
  const duplicates = new Set<string>();
  for (const key of textKeys) {
    for (const twin of objectKeys) {
      if (twin === key) continue;
      const both = sample.flatMap((item, i) =>
        typeof item[key] === "string" && isObject(item[twin]) ? [i] : [],
      );
      if (
        both.length > 0 &&
        both.every((i) => canonical(i, key) !== undefined && canonical(i, key) === canonical(i, twin))
      ) {
        duplicates.add(key);
        break;
      }
    }
  }
  return duplicates;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === "object";
}

/** Longest text read as a possible JSON twin (a larger document is shown as it is). */
const MAX_TWIN_TEXT = 64 * 1024;

function parsedText(text: string): string | undefined {
  const start = text.trimStart()[0];
  if (text.length > MAX_TWIN_TEXT || (start !== "{" && start !== "[")) return undefined;
  try {
    // JSON.parse, not parseJson: records.ts sits under errors.ts (display), and 64 KiB bounds it.
    return jsonText(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A page of results (anything with `items`, as `list().firstPage()` returns) or an array of items. */
export type Rows = readonly object[] | { readonly items: readonly object[] };

const itemsOf = (rows: Rows): readonly object[] => ("items" in rows ? rows.items : rows);

/** A page's items (or an array) as flat records, see the module comment. */
export function toRecords(rows: Rows): FlatRecord[] {
  const items = itemsOf(rows);
  const skip = duplicateTextKeys(items);
  return items.map((item) => {
    const record: FlatRecord = {};
    const kept = Object.fromEntries(Object.entries(item).filter(([key]) => !skip.has(key)));
    flatten(kept, "", 0, record);
    return record;
  });
}

/**
 * A page's items (or an array) as columns: one array per column, one entry per item, `null`
 * where an item lacks the column. `toColumns(await client.hosts.list().firstPage())`.
 */
export function toColumns(rows: Rows): Columns {
  const records = toRecords(rows);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const name of Object.keys(record)) {
      if (seen.has(name) || names.length >= MAX_COLUMNS) continue;
      seen.add(name);
      names.push(name);
    }
  }
  return Object.fromEntries(names.map((name) => [name, records.map((r) => r[name] ?? null)]));
}
