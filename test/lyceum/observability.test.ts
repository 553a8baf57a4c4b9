import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InputValidationError } from "../../src/core/errors.js";
import { METRIC_SERIES } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE } from "./helpers.js";

const t = useSim("lyceum");

describe("logs", () => {
  it("returns a run's log lines with levels, and all runs for the user", async () => {
    const a = await t.client().runs.python({ code: 'print("alpha")\nraise ValueError("v")' });
    const b = await t.client().runs.python({ code: 'print("beta")' });
    t.sim.clock.advance(30_000);
    const page = await t.client().logs.forRun(a.execution_id, { limit: 100, hours: 1 });
    expect(page.total).toBe(3);
    expect(page.logs.map((l) => [l.message, l.level])).toEqual([
      ["alpha", "info"],
      ["Traceback (most recent call last):", "error"],
      ["ValueError: v", "error"],
    ]);
    expect(page.logs[0]!.timestamp).toBeInstanceOf(Date);
    expect(page.logs[0]!.execution_id).toBe(a.execution_id);
    const url = new URL(t.requests.at(-1)!.url);
    expect(url.searchParams.get("limit")).toBe("100");
    expect(url.searchParams.get("hours")).toBe("1");
    const all = await t.client().logs.forUser({ limit: 2 });
    expect(all.total).toBe(4);
    expect(all.logs).toHaveLength(2);
    expect(new Set((await t.client().logs.forUser()).logs.map((l) => l.execution_id))).toEqual(
      new Set([a.execution_id, b.execution_id]),
    );
  });

  it("checks limit (1–10000) and hours (1–168) before sending", async () => {
    for (const [query, field] of [
      [{ limit: 0 }, "limit"],
      [{ limit: 10_001 }, "limit"],
      [{ hours: 0 }, "hours"],
      [{ hours: 169 }, "hours"],
      [{ hours: 2.5 }, "hours"],
    ] as const) {
      const error = await t
        .client()
        .logs.forRun("r", query)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe(field);
    }
    await expect(t.client().logs.forUser({ limit: 10_001 })).rejects.toMatchObject({ field: "limit" });
    expect(t.requests).toHaveLength(0);
  });

  it("/logs/user takes limit 1–5000 and hours 1–24 (its documented ranges), checked before sending", async () => {
    for (const [query, field] of [
      [{ limit: 5_001 }, "limit"],
      [{ hours: 25 }, "hours"],
      [{ hours: 168 }, "hours"],
    ] as const) {
      const error = await t
        .client()
        .logs.forUser(query)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe(field);
    }
    expect(t.requests).toHaveLength(0);
    await t.client().logs.forUser({ limit: 5_000, hours: 24 });
    const url = new URL(t.requests[0]!.url);
    expect(url.pathname).toBe("/api/v2/external/logs/user");
    expect(url.searchParams.get("limit")).toBe("5000");
    expect(url.searchParams.get("hours")).toBe("24");
  });

  it("only returns logs inside the hours window", async () => {
    const run = await t.client().runs.python({ code: 'print("old news")' });
    t.sim.clock.advance(3 * 3_600_000);
    expect((await t.client().logs.forRun(run.execution_id, { hours: 1 })).total).toBe(0);
    expect((await t.client().logs.forRun(run.execution_id, { hours: 4 })).total).toBe(1);
  });
});

describe("metrics", () => {
  it("returns typed camelCase series for a GPU run", async () => {
    const run = await t.client().runs.python({ code: 'print("1")\n'.repeat(120), machine: "gpu.h100" });
    t.sim.clock.advance(120_000);
    const metrics = await t.client().metrics.forRun(run.execution_id, { step: "15s" });
    expect(metrics.executionId).toBe(run.execution_id);
    expect(metrics.hostname).toMatch(/worker-/);
    for (const name of METRIC_SERIES) expect(Array.isArray(metrics[name])).toBe(true);
    expect(metrics.gpuUtilizationPercent.length).toBeGreaterThanOrEqual(3);
    const point = metrics.gpuUtilizationPercent[0]!;
    expect(point.timestamp).toBeInstanceOf(Date);
    expect(point.value).toBeGreaterThanOrEqual(35);
    expect(point.value).toBeLessThanOrEqual(95);
    expect(metrics.gpuPowerLimitWatt.every((p) => p.value === 700)).toBe(true);
    expect(metrics.timeRange?.start).toBeInstanceOf(Date);
  });

  it("sends ISO start/end and step, and CPU runs have empty GPU series", async () => {
    const run = await t.client().runs.python({ code: 'print("1")\n'.repeat(60) });
    t.sim.clock.advance(60_000);
    const start = new Date(t.sim.clock.now() - 60_000);
    const metrics = await t.client().metrics.forRun(run.execution_id, {
      start,
      end: start.getTime() + 40_000,
      step: 10,
    });
    const url = new URL(t.requests.at(-1)!.url);
    expect(url.searchParams.get("start")).toBe(start.toISOString());
    expect(url.searchParams.get("end")).toBe(new Date(start.getTime() + 40_000).toISOString());
    expect(url.searchParams.get("step")).toBe("10s");
    expect(metrics.gpuUtilizationPercent).toEqual([]);
    expect(metrics.systemCpuUsagePercent.length).toBeGreaterThan(0);
  });

  it("validates the query and tolerates missing series", async () => {
    await expect(t.client().metrics.forRun("r", { step: "15 seconds" })).rejects.toMatchObject({
      field: "step",
    });
    await expect(t.client().metrics.forRun("r", { start: "not a date" })).rejects.toMatchObject({
      field: "start",
    });
    await expect(t.client().metrics.forRun("r", { start: 2000, end: 1000 })).rejects.toMatchObject({
      field: "end",
    });
    t.server.use(
      http.get(`${BASE}/execution/:id/metrics`, () =>
        HttpResponse.json({
          executionId: "r",
          gpuTemperatureCelsius: [{ timestamp: 1767225600, value: "61.5" }],
        }),
      ),
    );
    const metrics = await t.client().metrics.forRun("r");
    expect(metrics.gpuTemperatureCelsius).toEqual([{ timestamp: new Date(1767225600_000), value: 61.5 }]);
    expect(metrics.systemRamUsedBytes).toEqual([]);
  });

  it("reads string timestamps leniently: a Date when they parse, the raw text otherwise (never a rejected page)", async () => {
    t.server.use(
      http.get(`${BASE}/execution/:id/metrics`, () =>
        HttpResponse.json({
          executionId: "r",
          hostname: "worker-1",
          timeRange: { start: "2026-03-01T10:00:00Z", end: "now" },
          gpuUtilizationPercent: [
            { timestamp: "2026-03-01T10:00:15+00:00", value: 40 },
            { timestamp: "t+30s", value: 42 },
          ],
        }),
      ),
      http.get(`${BASE}/logs/execution/:id`, () =>
        HttpResponse.json({
          logs: [
            { timestamp: "1767225600123456789", message: "nanoseconds (Loki)", level: "info" },
            { timestamp: "yesterday", message: "free text", execution_id: 42 },
          ],
          total: 2,
        }),
      ),
    );
    const metrics = await t.client().metrics.forRun("r");
    expect(metrics.timeRange).toEqual({ start: new Date("2026-03-01T10:00:00Z"), end: "now" });
    expect(metrics.gpuUtilizationPercent).toEqual([
      { timestamp: new Date("2026-03-01T10:00:15Z"), value: 40 },
      { timestamp: "t+30s", value: 42 },
    ]);
    const page = await t.client().logs.forRun("r");
    expect(page.logs.map((l) => l.message)).toEqual(["nanoseconds (Loki)", "free text"]);
    expect(page.logs[1]!.timestamp).toBe("yesterday");
    expect(page.logs[1]!.execution_id).toBe("42");
  });
});

describe("hardware and pricing", () => {
  it("lists machine types with decimal-string prices", async () => {
    const types = await t.client().machineTypes.list().toArray();
    expect(types.map((m) => m.hardware_profile)).toContain("gpu.h100");
    const h100 = types.find((m) => m.hardware_profile === "gpu.h100")!;
    expect(h100.price_per_hour).toBe("2.99");
    expect(h100.gpu_type).toBe("H100 80GB");
  });

  it("reads quotas and available hardware", async () => {
    expect(await t.client().quotas.availableHardware()).toEqual(["cpu", "gpu.a100", "gpu.h100", "gpu.l40s"]);
    const quotas = await t.client().quotas.get();
    expect(quotas.max_concurrent_executions).toBe(5);
    expect(quotas.org_slug).toBe("ada-lab");
  });

  it("lists prices, reading applies_to or group_by, keeping decimal strings", async () => {
    const rows = await t.client().pricing.list().toArray();
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(typeof row.unit_price).toBe("string");
      expect(Object.keys(row.applies_to).length).toBe(1);
    }
    const vm = rows.find(
      (r) => r.meter_slug === "vm_running" && r.applies_to.hardware_profile === "on-demand.h100.8x",
    )!;
    expect(vm.unit_price_per_hour).toBe("19.92");
    expect(rows.some((r) => r.group_by !== undefined)).toBe(true);
    const tokens = rows.find((r) => r.meter_slug === "serverless_inference_output_tokens")!;
    expect(tokens.unit_price).toBe("0.00000060");
  });

  it("accepts numbers where decimal strings are expected, as text", async () => {
    t.server.use(
      http.get(`${BASE}/pricing`, () =>
        HttpResponse.json({
          prices: [{ meter_slug: "m", group_by: { hardware_profile: "x" }, unit_price: 0.5 }],
          count: 1,
        }),
      ),
    );
    expect(await t.client().pricing.list().toArray()).toEqual([
      {
        meter_slug: "m",
        group_by: { hardware_profile: "x" },
        applies_to: { hardware_profile: "x" },
        unit_price: "0.5",
      },
    ]);
  });
});
