import { describe, expect, test } from "vitest";
import { Paginator } from "../../src/core/pagination.js";
import { duplicateTextKeys, toColumns, toRecords } from "../../src/core/records.js";

const config = { hostname: "web-01", php: { version: "8.3" } };
const created = new Date("2026-02-09T14:22:50.000Z");
const hosts = [
  {
    id: 101,
    name: "web-01",
    active: true,
    config,
    configRaw: JSON.stringify(config),
    monitoring: { disk: { percent: 51.65 }, load: { "1m": 1.94 } },
    tags: ["a", "b"],
    createdAt: created,
    big: 2n ** 70n,
    raw: { id: 101, json: JSON.stringify(config) },
  },
  {
    id: 102,
    name: "db-01",
    active: false,
    config: {},
    configRaw: "{}",
    monitoring: null,
    createdAt: created,
  },
];

describe("toRecords / toColumns", () => {
  test("flatten nested objects into dotted columns, each value once", () => {
    expect(toRecords(hosts)[0]).toEqual({
      id: 101,
      name: "web-01",
      active: true,
      "config.hostname": "web-01",
      "config.php.version": "8.3",
      "monitoring.disk.percent": 51.65,
      "monitoring.load.1m": 1.94,
      tags: '["a","b"]',
      createdAt: created,
      big: "1180591620717411303424",
    });
  });

  test("columns have one entry per item, null where an item lacks the field", () => {
    const columns = toColumns(hosts);
    expect(Object.keys(columns)).toEqual([
      "id",
      "name",
      "active",
      "config.hostname",
      "config.php.version",
      "monitoring.disk.percent",
      "monitoring.load.1m",
      "tags",
      "createdAt",
      "big",
      "config",
      "monitoring",
    ]);
    expect(columns.id).toEqual([101, 102]);
    expect(columns.active).toEqual([true, false]);
    expect(columns["config.hostname"]).toEqual(["web-01", null]);
    expect(columns.monitoring).toEqual([null, null]);
    expect(columns.config).toEqual([null, "{}"]);
    for (const values of Object.values(columns)) expect(values).toHaveLength(2);
  });

  test("depth and width are bounded: deep values stay JSON text, at most 200 columns", () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(toRecords([deep])[0]).toEqual({ "a.b.c": '{"d":1}' });
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(toColumns([wide]))).toHaveLength(200);
  });

  test("a fetched page converts in one call, as its items would", async () => {
    const paginator = new Paginator({ first: 1, fetchPage: async () => ({ items: hosts, next: undefined }) });
    const page = await paginator.firstPage();
    expect(toColumns(page)).toEqual(toColumns(hosts));
    expect(toRecords(page)).toEqual(toRecords(hosts));
    for await (const p of paginator.pages()) expect(toColumns(p).id).toEqual([101, 102]);
  });
});

describe("duplicateTextKeys (a JSON text beside its parsed twin is shown once)", () => {
  test("finds the twin, and leaves alone text that is not JSON or is too large to read as a twin", () => {
    const config = { a: 1, b: [2, 3] };
    expect(duplicateTextKeys([{ config, configRaw: ' {"a":1,"b":[2,3]}' }])).toEqual(new Set(["configRaw"]));
    expect(duplicateTextKeys([{ config, configRaw: "a=1" }])).toEqual(new Set());
    const big = { blob: "x".repeat(70_000) };
    expect(duplicateTextKeys([{ big, bigRaw: JSON.stringify(big) }])).toEqual(new Set());
  });
});
