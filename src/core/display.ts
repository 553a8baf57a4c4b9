/**
 * Rich output for Jupyter (the Deno kernel calls `obj[Symbol.for("Jupyter.display")]()` and
 * renders the returned MIME bundle). Plain strings only: no DOM, no Node, nothing to bundle.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** MIME type → content, as Jupyter expects from `Symbol.for("Jupyter.display")`. */
export type MimeBundle = Record<string, string>;

/** Attach a (non-enumerable) Jupyter renderer to an object; returns the same object. */
export function withDisplay<T extends object>(value: T, render: (value: T) => MimeBundle): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, {
    value: () => render(value),
    enumerable: false,
    configurable: true,
  });
  return value;
}

/** Text safe to place inside HTML (`&`, `<`, `>`, quotes escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MAX_CELL = 120;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  const text =
    typeof value === "object"
      ? JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
      : String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

/** An HTML table of records; columns default to the keys of the first rows. */
export function htmlTable(
  rows: readonly object[],
  options: { columns?: string[]; caption?: string; maxRows?: number } = {},
): string {
  const maxRows = options.maxRows ?? 50;
  const records = rows as readonly Record<string, unknown>[];
  const columns = options.columns ?? [...new Set(records.slice(0, 20).flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th style="text-align:left">${escapeHtml(c)}</th>`).join("");
  const body = records
    .slice(0, maxRows)
    .map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(cell(r[c]))}</td>`).join("")}</tr>`)
    .join("");
  const more =
    rows.length > maxRows
      ? `<tr><td colspan="${columns.length}">… ${rows.length - maxRows} more</td></tr>`
      : "";
  const caption = options.caption
    ? `<caption style="text-align:left">${escapeHtml(options.caption)}</caption>`
    : "";
  return `<table class="turbokit-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}${more}</tbody></table>`;
}

/** One named line of an `svgLineChart`. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/** A small SVG line chart (one or more series) with axes, min/max labels and a legend. */
export function svgLineChart(
  series: readonly ChartSeries[],
  options: {
    title?: string;
    width?: number;
    height?: number;
    xLabel?: string;
    yLabel?: string;
    formatX?: (x: number) => string;
  } = {},
): string {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const pad = { left: 56, right: 16, top: options.title ? 28 : 12, bottom: 36 };
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="8" y="30">no data</text></svg>`;
  }
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad.left + ((x - x0) / (x1 - x0 || 1)) * (width - pad.left - pad.right);
  const sy = (y: number) => height - pad.bottom - ((y - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  const fmtX = options.formatX ?? ((x: number) => String(Math.round(x * 100) / 100));
  const fmtY = (y: number) => String(Math.round(y * 100) / 100);
  const lines = series
    .map((s, i) => {
      const d = s.points
        .map((p, j) => `${j === 0 ? "M" : "L"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
        .join(" ");
      return `<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"><title>${escapeHtml(s.name)}</title></path>`;
    })
    .join("");
  const legend = series
    .map(
      (s, i) =>
        `<text x="${pad.left + 8 + i * 140}" y="${height - 6}" font-size="11" fill="${PALETTE[i % PALETTE.length]}">■ ${escapeHtml(s.name)}</text>`,
    )
    .join("");
  const axes =
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#888"/>` +
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#888"/>` +
    `<text x="${pad.left - 4}" y="${sy(y1) + 4}" font-size="10" text-anchor="end">${fmtY(y1)}</text>` +
    `<text x="${pad.left - 4}" y="${sy(y0)}" font-size="10" text-anchor="end">${fmtY(y0)}</text>` +
    `<text x="${pad.left}" y="${height - pad.bottom + 14}" font-size="10">${escapeHtml(fmtX(x0))}</text>` +
    `<text x="${width - pad.right}" y="${height - pad.bottom + 14}" font-size="10" text-anchor="end">${escapeHtml(fmtX(x1))}</text>` +
    (options.yLabel
      ? `<text x="12" y="${pad.top + 8}" font-size="10">${escapeHtml(options.yLabel)}</text>`
      : "") +
    (options.xLabel
      ? `<text x="${(width + pad.left) / 2}" y="${height - pad.bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`
      : "");
  const title = options.title
    ? `<text x="${pad.left}" y="16" font-size="13" font-weight="bold">${escapeHtml(options.title)}</text>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${title}${axes}${lines}${legend}</svg>`;
}

/** A readable block for an error: class, message and the useful fields. */
export function errorHtml(name: string, message: string, fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding-right:1em">${escapeHtml(k)}</th><td>${escapeHtml(cell(v))}</td></tr>`,
    )
    .join("");
  return `<div class="turbokit-error" style="border-left:4px solid #d62728;padding:4px 10px;background:#fff5f5"><strong>${escapeHtml(name)}</strong><div>${escapeHtml(message)}</div>${rows ? `<table>${rows}</table>` : ""}</div>`;
}
