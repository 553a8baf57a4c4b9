import { describe, expect, test } from "vitest";
import {
  escapeHtml,
  htmlTable,
  JUPYTER_DISPLAY,
  niceTicks,
  svgBundle,
  svgLineChart,
  withDisplay,
} from "../../src/core/display.js";
import { NotFoundError } from "../../src/core/errors.js";
import { Paginator } from "../../src/core/pagination.js";

describe("notebook display", () => {
  test("a page renders as an HTML table with escaped, left-aligned cells", async () => {
    const paginator = new Paginator({
      first: 1,
      fetchPage: async () => ({
        items: [
          { id: 1, name: "<b>alpha</b>" },
          { id: 2, name: "beta", extra: { a: 1 } },
        ],
        next: 2,
        total: 9,
      }),
    });
    const page = await paginator.firstPage();
    const bundle = (page as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]!();
    const html = bundle["text/html"]!;
    const td = 'style="text-align:left;vertical-align:top;white-space:nowrap"';
    expect(html).toContain(
      `<thead><tr><th ${td}>id</th><th ${td}>name</th><th ${td}>extra</th></tr></thead>`,
    );
    expect(html).toContain(`<td ${td}>&#60;b&#62;alpha&#60;/b&#62;</td>`);
    expect(html).toContain(`<td ${td}>{&#34;a&#34;:1}</td>`);
    expect(html).toContain("2 item(s) of 9, more pages");
    expect(Object.keys(page)).toEqual(["items", "next", "total"]); // the renderer is not enumerable
  });

  test("a long cell is cut to 60 characters, the whole value in its tooltip", () => {
    const long = `${"x".repeat(70)}<end>`;
    const html = htmlTable([{ note: long }]);
    expect(html).toContain(
      `<td style="text-align:left;vertical-align:top;white-space:nowrap" title="${"x".repeat(70)}&#60;end&#62;">${"x".repeat(60)}…</td>`,
    );
    const huge = htmlTable([{ note: "y".repeat(5000) }]);
    expect(/title="(y*)…"/.exec(huge)?.[1]).toHaveLength(1000);
  });

  test("each value is shown once: no raw wire record, no JSON text beside its parsed twin", () => {
    const config = { hostname: "web-01", php: { version: "8.3" } };
    const rows = [
      { id: 101, config, configRaw: JSON.stringify(config), raw: { id: 101, json: JSON.stringify(config) } },
      { id: 102, config: { a: 1 }, configRaw: '{"a": 1}', raw: { id: 102, json: '{"a": 1}' } },
      // A stored document that does not parse: no parsed twin, so it does not count against the rule.
      { id: 105, config: null, configRaw: '{"hostname": "broken', raw: { id: 105 } },
    ];
    const html = htmlTable(rows);
    expect([...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(["id", "config"]);
    // Asked for by name, they are shown.
    expect(htmlTable(rows, { columns: ["configRaw"] })).toContain(">configRaw</th>");
    // A text column that is not its twin's JSON stays.
    const differing = htmlTable([{ config: { a: 1 }, configRaw: '{"a": 2}' }]);
    expect(differing).toContain(">configRaw</th>");
  });

  test("tables cap their rows", () => {
    const html = htmlTable(
      Array.from({ length: 60 }, (_, i) => ({ i })),
      { maxRows: 10 },
    );
    expect(html.match(/<tr>/g)).toHaveLength(12); // header + 10 rows + "more"
    expect(html).toContain("… 50 more");
  });

  test("an SVG line chart scales every point into the frame, on round ticks with gridlines", () => {
    const svg = svgLineChart(
      [
        {
          name: "gpu %",
          points: [
            { x: 0, y: 10 },
            { x: 5, y: 90 },
            { x: 10, y: 50 },
          ],
        },
      ],
      { title: "GPU utilisation", width: 200, height: 100 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"')).toBe(true);
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? "";
    const coords = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(coords).toHaveLength(3);
    for (const [x, y] of coords as [number, number][]) {
      expect(x).toBeGreaterThanOrEqual(56);
      expect(x).toBeLessThanOrEqual(184);
      expect(y).toBeGreaterThanOrEqual(28);
      expect(y).toBeLessThanOrEqual(56);
    }
    expect(coords[1]![1]!).toBeLessThan(coords[0]![1]!); // higher value → higher on screen
    // y ticks 0, 20 … 100 and x ticks 0, 2 … 10, each with a gridline.
    const labels = [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["0", "20", "40", "60", "80", "100"]);
    const xLabels = [...svg.matchAll(/<text[^>]*text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(xLabels).toEqual(["0", "2", "4", "6", "8", "10"]);
    expect(svg.match(/stroke="#e6e6e6"/g)).toHaveLength(6);
    expect(svg).toContain("GPU utilisation");
    expect(svgLineChart([])).toContain("no data");
  });

  test("yRange [0, 100] keeps a percentage axis whole, whatever the values", () => {
    const svg = svgLineChart(
      [
        {
          name: "gpu",
          points: [
            { x: 0, y: 41 },
            { x: 1, y: 43 },
          ],
        },
      ],
      { yRange: [0, 100] },
    );
    const labels = [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["0", "20", "40", "60", "80", "100"]);
  });

  test('yRange "focus" fits the bulk of a spread curve and labels the clipped start', () => {
    const points = [
      { x: 0, y: -1000 },
      { x: 10, y: -30 },
      { x: 50, y: 24 },
      { x: 100, y: 36 },
    ];
    const svg = svgLineChart([{ name: "delta (bps)", points }], { yRange: "focus" });
    const labels = [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["-40", "-20", "0", "20", "40"]);
    expect(svg).toContain("▼ -1000");
    expect(svg).toMatch(/<clipPath id="(tk-[a-z0-9]+)">.*clip-path="url\(#\1\)"/);
    // Without focus, the start stretches the axis to -1000.
    const plain = svgLineChart([{ name: "delta (bps)", points }]);
    expect([...plain.matchAll(/<text[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1])[0]).toBe(
      "-1000",
    );
  });

  test("niceTicks picks 1/2/2.5/5 steps and covers the range", () => {
    expect(niceTicks(0, 100, 6)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.13, 0.87, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 9, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(-30, 36, 5)).toEqual([-40, -20, 0, 20, 40]);
    expect(niceTicks(5, 5)).toEqual([4, 4.5, 5, 5.5, 6]);
  });

  test("a chart bundle carries the SVG inline in text/html (it survives nbconvert --to html)", () => {
    const svg = svgLineChart([
      {
        name: "a",
        points: [
          { x: 0, y: 1 },
          { x: 1, y: 2 },
        ],
      },
    ]);
    expect(svgBundle(svg, "a chart")).toEqual({
      "text/html": `<div class="turbokit-chart">${svg}</div>`,
      "image/svg+xml": svg,
      "text/plain": "a chart",
    });
    // A renderer that returns only SVG gains the text/html twin.
    const shown = withDisplay({}, () => ({ "image/svg+xml": svg, "text/plain": "x" }));
    expect((shown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]!()).toEqual({
      "image/svg+xml": svg,
      "text/plain": "x",
      "text/html": `<div class="turbokit-chart">${svg}</div>`,
    });
  });

  test("errors render as a readable block", () => {
    const error = new NotFoundError({
      status: 404,
      headers: new Headers({ "x-request-id": "req_9" }),
      body: { detail: "Job not found" },
      rawBody: "",
      message: "TurbineX GET /jobs/9 failed: 404 Not Found: Job not found",
      method: "GET",
      url: "https://api.turbinex.app/jobs/9",
    });
    const bundle = (error as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]!();
    expect(bundle["text/plain"]).toBe(
      "NotFoundError: TurbineX GET /jobs/9 failed: 404 Not Found: Job not found",
    );
    expect(bundle["text/html"]).toContain("<strong>NotFoundError</strong>");
    expect(bundle["text/html"]).toContain(
      '<th style="text-align:left;padding-right:1em">requestId</th><td>req_9</td>',
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});
