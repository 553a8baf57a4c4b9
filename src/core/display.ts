import { duplicateTextKeys } from "./records.js";

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
    value: () => exportable(render(value)),
    enumerable: false,
    configurable: true,
  });
  return value;
}

/** An SVG-only bundle gains its `text/html` twin (see `svgBundle`), so it survives HTML export. */
function exportable(bundle: MimeBundle): MimeBundle {
  const svg = bundle["image/svg+xml"];
  if (svg === undefined || bundle["text/html"] !== undefined) return bundle;
  return { ...bundle, "text/html": svgBundle(svg)["text/html"] as string };
}

/** Text safe to place inside HTML (`&`, `<`, `>`, quotes escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters a table cell shows; longer values are cut, the full text is in its tooltip. */
const MAX_CELL = 60;
/** Characters a tooltip keeps (a cell can hold a whole document). */
const MAX_TOOLTIP = 1000;
const CELL_STYLE = "text-align:left;vertical-align:top;white-space:nowrap";

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return typeof value === "object"
    ? (JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "")
    : String(value);
}

/** A `<td>`: left-aligned, cut to `MAX_CELL` characters with the full value as a tooltip. */
function tableCell(value: unknown): string {
  const text = cellText(value);
  if (text.length <= MAX_CELL) return `<td style="${CELL_STYLE}">${escapeHtml(text)}</td>`;
  const tooltip = text.length > MAX_TOOLTIP ? `${text.slice(0, MAX_TOOLTIP)}…` : text;
  return `<td style="${CELL_STYLE}" title="${escapeHtml(tooltip)}">${escapeHtml(text.slice(0, MAX_CELL))}…</td>`;
}

/**
 * An HTML table of records; columns default to the keys of the first rows, each value shown once:
 * `raw` (the wire record the typed fields came from) and a column holding only the JSON text of
 * another (`configRaw` beside `config`) are left out unless named in `columns`.
 */
export function htmlTable(
  rows: readonly object[],
  options: { columns?: string[]; caption?: string; maxRows?: number } = {},
): string {
  const maxRows = options.maxRows ?? 50;
  const records = rows as readonly Record<string, unknown>[];
  const repeated = duplicateTextKeys(rows);
  const columns =
    options.columns ??
    [...new Set(records.slice(0, 20).flatMap((r) => Object.keys(r)))].filter(
      (c) => c !== "raw" && !repeated.has(c),
    );
  const head = columns.map((c) => `<th style="${CELL_STYLE}">${escapeHtml(c)}</th>`).join("");
  const body = records
    .slice(0, maxRows)
    .map((r) => `<tr>${columns.map((c) => tableCell(r[c])).join("")}</tr>`)
    .join("");
  const more =
    rows.length > maxRows
      ? `<tr><td colspan="${columns.length}" style="text-align:left">… ${rows.length - maxRows} more</td></tr>`
      : "";
  const caption = options.caption
    ? `<caption style="text-align:left">${escapeHtml(options.caption)}</caption>`
    : "";
  return `<table class="turbokit-table" style="border-collapse:collapse;font-size:12px">${caption}<thead><tr>${head}</tr></thead><tbody>${body}${more}</tbody></table>`;
}

/** One named line of an `svgLineChart`. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
}

/** Options of `svgLineChart`. */
export interface LineChartOptions {
  /** Shown above the chart. */
  title?: string;
  /** Pixels (default 560). */
  width?: number;
  /** Pixels (default 240). */
  height?: number;
  /** Under the x axis. */
  xLabel?: string;
  /** Beside the y axis. */
  yLabel?: string;
  /** Label of an x tick (default: the number itself). */
  formatX?: (x: number) => string;
  /**
   * The y axis: a fixed `[min, max]` (e.g. `[0, 100]` for a percentage), or `"focus"` to fit the
   * bulk of the values and clip a lone far-out value at the edge, labelled with its value (a
   * spread curve's -1000 bps start beside knots within ±40). Default: fit every value.
   */
  yRange?: readonly [number, number] | "focus";
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/** Round tick values (1, 2, 2.5 or 5 × 10^k apart) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  // Bounded: the step is at least (hi - lo) / count, so this ends within count + 2 ticks.
  for (let i = 0; i <= count + 2; i++) {
    const tick = first + i * step;
    ticks.push(Number(tick.toPrecision(12)));
    if (tick >= hi - 1e-9 * step) break;
  }
  return ticks;
}

/** The range of the bulk of `values`: a lone value far beyond the others is left out. */
function focusRange(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  let lo = 0;
  let hi = sorted.length - 1;
  if (sorted.length >= 3) {
    const spanWithout = (a: number, b: number) => Math.max((sorted[b] ?? 0) - (sorted[a] ?? 0), 1);
    if ((sorted[1] ?? 0) - (sorted[0] ?? 0) > 3 * spanWithout(1, hi)) lo = 1;
    if ((sorted[hi] ?? 0) - (sorted[hi - 1] ?? 0) > 3 * spanWithout(lo, hi - 1)) hi -= 1;
  }
  return [sorted[lo] ?? 0, sorted[hi] ?? 0];
}

/** A short deterministic id, so charts on one HTML page never share a clip path. */
function chartId(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return `tk-${hash.toString(36)}`;
}

function tickLabel(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * A small SVG line chart (one or more series): round ticks with light gridlines on both axes, a
 * legend, and the y range of `options.yRange`. Plain markup, no script.
 */
export function svgLineChart(series: readonly ChartSeries[], options: LineChartOptions = {}): string {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const pad = { left: 56, right: 16, top: options.title ? 28 : 12, bottom: 44 };
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (all.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="8" y="30">no data</text></svg>`;
  }
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const [yLo, yHi] =
    options.yRange === "focus"
      ? focusRange(ys)
      : options.yRange
        ? options.yRange
        : [Math.min(...ys), Math.max(...ys)];
  // A fixed range is kept exactly; a fitted one is widened to round ticks.
  const yTicks = Array.isArray(options.yRange)
    ? niceTicks(yLo, yHi, 5).filter((t) => t >= yLo && t <= yHi)
    : niceTicks(yLo, yHi, 5);
  const [x0, x1] = [xTicks[0] ?? 0, xTicks.at(-1) ?? 1];
  const [y0, y1] = Array.isArray(options.yRange) ? [yLo, yHi] : [yTicks[0] ?? 0, yTicks.at(-1) ?? 1];
  const [left, right, top, bottom] = [pad.left, width - pad.right, pad.top, height - pad.bottom];
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (right - left);
  const sy = (y: number) => bottom - ((y - y0) / (y1 - y0 || 1)) * (bottom - top);
  const fmtX = options.formatX ?? tickLabel;
  const id = chartId(JSON.stringify([series, width, height, options.title ?? ""]));
  const grid =
    yTicks
      .map(
        (t) =>
          `<line x1="${left}" y1="${sy(t).toFixed(1)}" x2="${right}" y2="${sy(t).toFixed(1)}" stroke="#e6e6e6"/>` +
          `<text x="${left - 4}" y="${(sy(t) + 3).toFixed(1)}" font-size="10" text-anchor="end">${escapeHtml(tickLabel(t))}</text>`,
      )
      .join("") +
    xTicks
      .map(
        (t) =>
          `<line x1="${sx(t).toFixed(1)}" y1="${top}" x2="${sx(t).toFixed(1)}" y2="${bottom}" stroke="#f0f0f0"/>` +
          `<text x="${sx(t).toFixed(1)}" y="${bottom + 13}" font-size="10" text-anchor="middle">${escapeHtml(fmtX(t))}</text>`,
      )
      .join("");
  const lines = series
    .map((s, i) => {
      const d = s.points
        .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
        .map((p, j) => `${j === 0 ? "M" : "L"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
        .join(" ");
      return `<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" clip-path="url(#${id})"><title>${escapeHtml(s.name)}</title></path>`;
    })
    .join("");
  // Values beyond the y range leave the frame: say where they went.
  const clipped = all
    .filter((p) => p.y > y1 || p.y < y0)
    .slice(0, 10)
    .map((p) => {
      const above = p.y > y1;
      const y = above ? top + 10 : bottom - 4;
      return `<text x="${(sx(p.x) + 4).toFixed(1)}" y="${y}" font-size="10" fill="#555">${above ? "▲" : "▼"} ${escapeHtml(tickLabel(p.y))}</text>`;
    })
    .join("");
  const legend = series
    .map(
      (s, i) =>
        `<text x="${left + 8 + i * 140}" y="${height - 6}" font-size="11" fill="${PALETTE[i % PALETTE.length]}">■ ${escapeHtml(s.name)}</text>`,
    )
    .join("");
  const axes =
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#888"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#888"/>` +
    (options.yLabel
      ? `<text x="12" y="${top + (bottom - top) / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 12 ${top + (bottom - top) / 2})">${escapeHtml(options.yLabel)}</text>`
      : "") +
    (options.xLabel
      ? `<text x="${(right + left) / 2}" y="${bottom + 26}" font-size="10" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`
      : "");
  const title = options.title
    ? `<text x="${left}" y="16" font-size="13" font-weight="bold">${escapeHtml(options.title)}</text>`
    : "";
  const clip = `<defs><clipPath id="${id}"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${clip}${title}${grid}${axes}${lines}${clipped}${legend}</svg>`;
}

/**
 * The MIME bundle of a chart. The SVG goes out twice: inline in `text/html`, which survives
 * `jupyter nbconvert --to html` (its HTML template cleans `image/svg+xml` outputs, leaving a
 * blank), and as `image/svg+xml` for front ends that prefer it.
 */
export function svgBundle(svg: string, text = "chart"): MimeBundle {
  return {
    "text/html": `<div class="turbokit-chart">${svg}</div>`,
    "image/svg+xml": svg,
    "text/plain": text,
  };
}

/** A readable block for an error: class, message and the useful fields. */
export function errorHtml(name: string, message: string, fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding-right:1em">${escapeHtml(k)}</th><td>${escapeHtml(cellText(v).slice(0, 400))}</td></tr>`,
    )
    .join("");
  return `<div class="turbokit-error" style="border-left:4px solid #d62728;padding:4px 10px;background:#fff5f5"><strong>${escapeHtml(name)}</strong><div>${escapeHtml(message)}</div>${rows ? `<table>${rows}</table>` : ""}</div>`;
}
