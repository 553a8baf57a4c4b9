import { describe, expect, test } from "vitest";
import { escapeHtml, htmlTable, JUPYTER_DISPLAY, svgLineChart } from "../../src/core/display.js";
import { NotFoundError } from "../../src/core/errors.js";
import { Paginator } from "../../src/core/pagination.js";

describe("notebook display", () => {
  test("a page renders as an HTML table with escaped cells", async () => {
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
    expect(html).toContain(
      '<th style="text-align:left">id</th><th style="text-align:left">name</th><th style="text-align:left">extra</th>',
    );
    expect(html).toContain("<td>&#60;b&#62;alpha&#60;/b&#62;</td>");
    expect(html).toContain("<td>{&#34;a&#34;:1}</td>");
    expect(html).toContain("2 item(s) of 9, more pages");
    expect(Object.keys(page)).toEqual(["items", "next", "total"]); // the renderer is not enumerable
  });

  test("tables cap their rows", () => {
    const html = htmlTable(
      Array.from({ length: 60 }, (_, i) => ({ i })),
      { maxRows: 10 },
    );
    expect(html.match(/<tr>/g)).toHaveLength(12); // header + 10 rows + "more"
    expect(html).toContain("… 50 more");
  });

  test("an SVG line chart scales every point into the frame", () => {
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
      {
        title: "GPU utilisation",
        width: 200,
        height: 100,
      },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"')).toBe(true);
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? "";
    const coords = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(coords).toHaveLength(3);
    for (const [x, y] of coords as [number, number][]) {
      expect(x).toBeGreaterThanOrEqual(56);
      expect(x).toBeLessThanOrEqual(184);
      expect(y).toBeGreaterThanOrEqual(28);
      expect(y).toBeLessThanOrEqual(64);
    }
    expect(coords[1]![1]!).toBeLessThan(coords[0]![1]!); // higher value → higher on screen
    expect(svg).toContain("GPU utilisation");
    expect(svgLineChart([])).toContain("no data");
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
