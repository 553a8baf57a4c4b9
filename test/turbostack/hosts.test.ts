import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { InputValidationError, ResponseValidationError, UnprocessableEntityError } from "../../src/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("hosts.list / get", () => {
  test("list() yields every visible host across pages at the default size 15", async () => {
    const before = t.requests.length;
    const hosts = await client().hosts.list().toArray();
    expect(hosts).toHaveLength(42);
    expect(new Set(hosts.map((h) => h.client_id))).toEqual(new Set([1, 2]));
    expect(t.requests.paths().slice(before)).toEqual([
      "GET /api/v1/hosts",
      "GET /api/v1/hosts",
      "GET /api/v1/hosts",
    ]);
  });

  test("list() sends size and page, and pages() reports totals", async () => {
    const pages = [];
    for await (const page of client().hosts.list({ size: 10, page: 2 }).pages()) pages.push(page);
    const seen = t.requests.map((r) => new URL(r.url).search);
    expect(seen).toEqual(["?size=10&page=2", "?size=10&page=3", "?size=10&page=4", "?size=10&page=5"]);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 10, 2]);
    expect(pages[0]?.total).toBe(42);
  });

  test("pageSize client option changes the default size", async () => {
    const first = await client({ pageSize: 40 }).hosts.list().firstPage();
    expect(first.items).toHaveLength(40);
    expect(first.next).toBe(2);
  });

  test("maxPages stops early", async () => {
    const hosts = await client().hosts.list({ maxPages: 2 }).toArray();
    expect(hosts).toHaveLength(30);
  });

  test("toArray({max}) stops after max items", async () => {
    const hosts = await client().hosts.list().toArray({ max: 3 });
    expect(hosts.map((h) => h.id)).toEqual([101, 102, 103]);
  });

  test("list options are validated before sending", () => {
    const ts = client();
    const before = t.requests.length;
    expect(() => ts.hosts.list({ size: 0 })).toThrow(InputValidationError);
    expect(() => ts.hosts.list({ size: 1.5 })).toThrow(/size/);
    expect(() => ts.hosts.list({ page: 0 })).toThrow(/page/);
    expect(() => ts.hosts.list({ maxPages: -1 })).toThrow(/maxPages/);
    expect(t.requests.length).toBe(before);
  });

  test("a size the server refuses surfaces as a 422 with field issues", async () => {
    const error = await client()
      .hosts.list({ size: 500 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).issues).toEqual([
      { loc: ["size"], msg: "The size field must be between 1 and 100." },
    ]);
  });

  test("get() parses config, keeps json as sent, normalises active and monitoring", async () => {
    const host = await client().hosts.get(102);
    expect(host.id).toBe(102);
    expect(host.client_id).toBe(1);
    expect(host.active).toBe(true);
    expect(host.configValid).toBe(true);
    expect(host.config?.hostname).toBe("db-02.client1.turbostack.net");
    expect(typeof host.json).toBe("string");
    expect(JSON.parse(host.json as string)).toEqual(host.config);
    expect(host.monitoring?.disk).toMatchObject({ total_gb: expect.any(Number) });
    expect(host.updated_at).toBeInstanceOf(Date);
  });

  test("an inactive host reads active: false and has no monitoring", async () => {
    const host = await client().hosts.get(107);
    expect(host.active).toBe(false);
    expect(host.monitoring).toBeUndefined();
  });

  test("a json string that is not valid JSON is kept raw with configValid: false", async () => {
    const host = await client().hosts.get("105");
    expect(host.configValid).toBe(false);
    expect(host.config).toBeUndefined();
    expect(host.json).toBe('{"hostname": "broken');
  });

  test("ids are validated before sending", async () => {
    const ts = client();
    const before = t.requests.length;
    for (const bad of [0, -1, 1.5, "abc", "", "1/2", Number.NaN]) {
      const error = await ts.hosts.get(bad as number).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe("id");
    }
    expect(t.requests.length).toBe(before);
  });

  test("a host without an id is a ResponseValidationError carrying the raw value", async () => {
    server.use(http.get(`${API}/hosts/:id`, () => HttpResponse.json({ data: { name: "x" } })));
    const error = await client()
      .hosts.get(101)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toEqual({ data: { name: "x" } });
  });

  test("validate: false returns what the server sent, unchecked", async () => {
    server.use(
      http.get(`${API}/hosts/:id`, () => HttpResponse.json({ id: "101", name: "raw", json: '{"a":1}' })),
    );
    const host = await client({ validate: false }).hosts.get(101);
    expect(host.name).toBe("raw");
    expect(host.config).toEqual({ a: 1 });
  });
});
