import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InternalServerError, NotFoundError, TurbokitError } from "../../src/core/errors.js";
import { WaitTimeoutError } from "../../src/core/polling.js";
import { CapacityError, canonicalVmId, parseIpAddress, VmFailedError } from "../../src/lyceum/index.js";
import { DEFAULT_API_KEY } from "../../src/testing/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf, SSH_KEY } from "./helpers.js";

const t = useSim("lyceum");
const create = (hardware = "h100", gpus: 1 | 2 | 4 | 8 = 1) =>
  t.client().vms.create({
    publicKey: SSH_KEY,
    hardware,
    gpus,
    instanceType: "on-demand",
    displayName: "trainer",
  });

describe("vms.create", () => {
  it("reads the live create answer: top-level hardware_profile null, the GPU in instance_specs", async () => {
    // The create answer as observed live (skypilot-lyceum README, C-notes) with the documented fields.
    t.server.use(
      http.post(`${BASE}/vms/create`, () =>
        HttpResponse.json({
          vm_id: "0f3a9c2e7b1d4e5f8a6b3c2d1e0f9a8b",
          status: "pending",
          created_at: "2026-03-01T10:00:00.123456",
          instance_specs: { gpu_type: "h200", gpu_count: 2 },
          ip_address: null,
          hardware_profile: null,
          gpu_count: null,
          instance_type: "spot",
          name: null,
          display_name: null,
          billed: 0,
          croesus_billed: null,
          status_check_url: "/api/v2/external/vms/0f3a9c2e-7b1d-4e5f-8a6b-3c2d1e0f9a8b/status",
          polling_message: "poll",
          user_id: "u-1",
          org_id: "o-1",
        }),
      ),
    );
    const vm = await t.client().vms.create({
      publicKey: SSH_KEY,
      hardware: "h200",
      gpus: 2,
      instanceType: "spot",
    });
    expect(vm.gpu_type).toBe("h200");
    expect(vm.hardware_profile).toBe("h200");
    expect(vm.gpu_count).toBe(2);
    expect(vm.billed).toBe(0);
    expect(vm.id).toBe("0f3a9c2e-7b1d-4e5f-8a6b-3c2d1e0f9a8b");
  });

  it("the simulator accepts a create with only the documented required fields", async () => {
    const response = await fetch(`${BASE}/vms/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEFAULT_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ user_public_key: SSH_KEY, hardware_profile: "a100" }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.instance_specs).toEqual({ gpu_count: 1, gpu_type: "a100" });
    expect(body.instance_type).toBe("on-demand");
    expect(typeof body.billed).toBe("number");
  });

  it("sends the documented body and normalises the create response", async () => {
    const vm = await create("h100", 8);
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      user_public_key: SSH_KEY,
      hardware_profile: "h100",
      instance_specs: { gpu_count: 8 },
      instance_type: "on-demand",
      display_name: "trainer",
    });
    expect(vm.vm_id).toMatch(/^[0-9a-f]{32}$/); // undashed on create
    expect(vm.id).toBe(canonicalVmId(vm.vm_id));
    expect(vm.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(vm.hardware_profile).toBe("h100"); // top level was null: read from instance_specs
    expect(vm.gpu_type).toBe("h100"); // instance_specs.gpu_type
    expect(vm.gpu_count).toBe(8);
    expect(typeof vm.billed).toBe("number");
    expect(vm.status).toBe("pending");
    expect(vm.host).toBeNull();
    expect(vm.created_at).toBeInstanceOf(Date);
  });

  it.each([
    [{ publicKey: "not a key" }, "publicKey"],
    [{ hardware: "H100!" }, "hardware"],
    [{ gpus: 3 }, "gpus"],
    [{ instanceType: "reserved" }, "instanceType"],
  ])("validates %j before sending", async (override, field) => {
    const input = { publicKey: SSH_KEY, hardware: "h100", gpus: 1, instanceType: "spot", ...override };
    await expect(t.client().vms.create(input as never)).rejects.toMatchObject({ field });
    expect(t.requests).toHaveLength(0);
  });

  it("turns the capacity 500 into CapacityError and never retries it", async () => {
    const error = (await create("b300").catch((e: unknown) => e)) as CapacityError;
    expect(error).toBeInstanceOf(CapacityError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(TurbokitError);
    expect(error.name).toBe("CapacityError");
    expect(error.status).toBe(500);
    expect(error.message).toContain("could not be provisioned");
    // Re-typed, every field as the response gave it; the code names the case when the body has none.
    expect(error.code).toBe("capacity_exhausted");
    expect(error.method).toBe("POST");
    expect(error.url).toBe(`${BASE}/vms/create`);
    expect(JSON.parse(error.rawBody)).toEqual(error.body);
    expect(error.rawBody).toContain("could not be provisioned");
    expect(t.requests).toHaveLength(1);
  });

  it("does not retry a capacity 500 even on an idempotent GET, but does retry a plain 500", async () => {
    let capacityCalls = 0;
    t.server.use(
      http.get(`${BASE}/vms/availability`, () => {
        capacityCalls++;
        return HttpResponse.json(
          { detail: "Instance could not be provisioned (no capacity)" },
          { status: 500 },
        );
      }),
    );
    await expect(t.client().vms.availability()).rejects.toBeInstanceOf(CapacityError);
    expect(capacityCalls).toBe(1);
    let plainCalls = 0;
    t.server.use(
      http.get(`${BASE}/vms/list`, () => {
        plainCalls++;
        return plainCalls < 3
          ? HttpResponse.json({ detail: "Internal Server Error" }, { status: 500 })
          : HttpResponse.json({ vms: [], total: 0 });
      }),
    );
    expect(await t.client().vms.list().toArray()).toEqual([]);
    expect(plainCalls).toBe(3);
  });

  it("never retries a 402", async () => {
    let calls = 0;
    t.server.use(
      http.get(`${BASE}/vms/list`, () => {
        calls++;
        return HttpResponse.json({ detail: "Insufficient credits" }, { status: 402 });
      }),
    );
    await expect(t.client().vms.list().toArray()).rejects.toMatchObject({ status: 402 });
    expect(calls).toBe(1);
  });
});

describe("vms lifecycle", () => {
  it("provisions over simulated time; waitForReady waits for the IP too", async () => {
    const vm = await create();
    const seen: string[] = [];
    const ready = await t.client().vms.waitForReady(vm.vm_id, {
      intervalMs: 1,
      onProgress: (v) => {
        seen.push(`${v.status}:${v.host ?? "-"}`);
        t.sim.clock.advance(30_000);
      },
    });
    expect(seen[0]).toBe("pending:-");
    expect(seen).toContain("provisioning:-");
    expect(seen).toContain("ready:-"); // ready but no IP yet: kept polling
    expect(ready.status).toBe("ready");
    expect(ready.host).toMatch(/^185\.216\./);
    expect(ready.port).toBe(22_001); // first VM answers host:port
    expect(ready.ip_address).toBe(`${ready.host}:22001`);
    expect(ready.vm_id).toBe(vm.id); // status answers dashed
    expect(ready.uptime_seconds).toBeGreaterThanOrEqual(0);
  });

  it("lists VMs, with naive timestamps and mixed id styles normalised", async () => {
    const a = await create("h100", 1);
    const b = await create("a100", 2);
    const vms = await t.client().vms.list().toArray();
    expect(vms.map((v) => v.id).sort()).toEqual([a.id, b.id].sort());
    expect(vms.some((v) => v.vm_id.includes("-"))).toBe(true);
    expect(vms.some((v) => !v.vm_id.includes("-"))).toBe(true);
    for (const v of vms) expect(v.created_at?.getTime()).toBe(Math.floor(t.sim.clock.now() / 1000) * 1000);
    await t.client().vms.delete(a.vm_id);
    const live = await t.client().vms.list({ includeTerminated: false, includeFailed: false }).toArray();
    expect(live.map((v) => v.id)).toEqual([b.id]);
    expect(new URL(t.requests.at(-1)!.url).search).toBe("?include_terminated=false&include_failed=false");
  });

  it("reports availability with the exhausted profile empty", async () => {
    const availability = await t.client().vms.availability();
    const b300 = availability.available_hardware_profiles.find((p) => p.hardware_profile === "b300")!;
    expect(b300.available_gpus_per_instance).toEqual([]);
    // One documented row per profile and instance type; L40S has no spot variant.
    expect(availability.available_instance_variants).toHaveLength(11);
    expect(availability.available_instance_variants[0]).toMatchObject({
      hardware_profile: "a100",
      instance_type: "on-demand",
      allowed_gpus_per_instance: [1, 2, 4, 8],
    });
  });

  it("delete: terminated once, then 404 means already gone (not an error)", async () => {
    const vm = await create();
    const first = await t.client().vms.delete(vm.vm_id);
    expect(first).toMatchObject({ deleted: true, alreadyGone: false, status: "terminated", vm_id: vm.id });
    const second = await t.client().vms.delete(vm.id);
    expect(second).toEqual({
      vm_id: vm.id,
      status: "terminated",
      message: "VM not found",
      deleted: false,
      alreadyGone: true,
    });
    expect((await t.client().vms.status(vm.vm_id)).status).toBe("terminated");
    await expect(t.client().vms.status("00000000000000000000000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(pathsOf(t.requests).filter((p) => p.startsWith("DELETE"))).toHaveLength(2);
  });

  it("waitForReady throws VmFailedError when the VM dies, and times out cleanly", async () => {
    t.server.use(
      http.get(`${BASE}/vms/:id/status`, ({ params }) =>
        HttpResponse.json({ vm_id: params.id, status: "failed", ip_address: null }),
      ),
    );
    const error = await t
      .client()
      .vms.waitForReady("abc", { intervalMs: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VmFailedError);
    expect((error as VmFailedError).vm.status).toBe("failed");
    t.server.use(
      http.get(`${BASE}/vms/:id/status`, ({ params }) =>
        HttpResponse.json({ vm_id: params.id, status: "provisioning" }),
      ),
    );
    const timeout = await t
      .client()
      .vms.waitForReady("abc", { intervalMs: 5, timeoutMs: 30 })
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect((timeout as WaitTimeoutError<{ status: string }>).lastValue?.status).toBe("provisioning");
  });

  it("accepts a ready VM without IP when requireIp is false", async () => {
    t.server.use(
      http.get(`${BASE}/vms/:id/status`, () =>
        HttpResponse.json({
          id: "ABCDEF00ABCDEF00ABCDEF00ABCDEF00",
          status: "ready",
          ip_address: null,
          gpu_count: "4",
        }),
      ),
    );
    const vm = await t.client().vms.waitForReady("x", { requireIp: false, intervalMs: 1 });
    expect(vm).toMatchObject({
      vm_id: "ABCDEF00ABCDEF00ABCDEF00ABCDEF00",
      id: "abcdef00-abcd-ef00-abcd-ef00abcdef00",
      host: null,
      gpu_count: 4,
    });
  });
});

describe("VM quirk helpers", () => {
  it("parses ip_address forms", () => {
    expect(parseIpAddress("10.0.0.5")).toEqual({ host: "10.0.0.5", port: null });
    expect(parseIpAddress("10.0.0.5:2222")).toEqual({ host: "10.0.0.5", port: 2222 });
    expect(parseIpAddress("[2001:db8::1]:22")).toEqual({ host: "2001:db8::1", port: 22 });
    expect(parseIpAddress("2001:db8::1")).toEqual({ host: "2001:db8::1", port: null });
    expect(parseIpAddress(null)).toEqual({ host: null, port: null });
    expect(parseIpAddress("  ")).toEqual({ host: null, port: null });
  });

  it("canonicalises ids", () => {
    expect(canonicalVmId("0F3A5B6C7D8E9F00112233445566778A")).toBe("0f3a5b6c-7d8e-9f00-1122-33445566778a");
    expect(canonicalVmId("0F3A5B6C-7D8E-9F00-1122-33445566778A")).toBe(
      "0f3a5b6c-7d8e-9f00-1122-33445566778a",
    );
    expect(canonicalVmId("vm-42")).toBe("vm-42");
  });

  it("reads mixed timestamp forms to the same instant", async () => {
    for (const created of [
      "2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00+00:00",
      "2026-03-01T10:00:00",
      "2026-03-01 10:00:00.000000",
    ]) {
      t.server.use(
        http.get(`${BASE}/vms/:id/status`, () =>
          HttpResponse.json({ vm_id: "v", status: "ready", created_at: created }),
        ),
      );
      expect((await t.client().vms.status("v")).created_at?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    }
  });
});
