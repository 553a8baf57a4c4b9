import { describe, expect, it } from "vitest";
import {
  ConflictError,
  InputValidationError,
  NotFoundError,
  PermissionDeniedError,
} from "../../src/core/errors.js";
import {
  DemoTurbineReadOnlyError,
  TurbineNameConflictError,
  VerificationRequiredError,
} from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { clientAs, zip } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX turbines", () => {
  it("lists demo turbines and gets one", async () => {
    const tx = clientAs(t, "owner");
    const all = await tx.turbines.list().toArray();
    const demos = all.filter((t) => t.kind === "demo");
    expect(demos.map((t) => t.name)).toEqual(["TX-Demo 3.4 MW Onshore", "TX-Demo 15 MW Offshore"]);
    const one = await tx.turbines.get(demos[0]!.id);
    expect(one).toMatchObject({
      demo_derived: true,
      rated_power_kw: 3400,
      rotor_diameter_m: 130,
      hub_height_m: 110,
    });
    expect(one.config).toEqual({ blades: 3, controller: "variable-speed pitch-regulated" });
  });

  it("creates a custom turbine; a name collision is a typed 409", async () => {
    const tx = clientAs(t, "owner");
    const created = await tx.turbines.create({
      name: "Acme 5 MW",
      rated_power_kw: 5000,
      rotor_diameter_m: 150,
      hub_height_m: 120,
      config: { blades: 3 },
    });
    expect(created).toMatchObject({ kind: "custom", demo_derived: false, rated_power_kw: 5000 });
    const error = await tx.turbines.create({ name: "acme 5 mw" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TurbineNameConflictError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as Error).message).toContain("already exists");
  });

  it("custom-turbine create needs a verified account (typed 403)", async () => {
    const error = await clientAs(t, "unverified")
      .turbines.create({ name: "Nope" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationRequiredError);
    expect((error as PermissionDeniedError).status).toBe(403);
  });

  it("PUT/DELETE on a demo-derived turbine is a 403 telling the caller to clone first", async () => {
    const tx = clientAs(t, "owner");
    const demo = (await tx.turbines.list().toArray()).find((t) => t.kind === "demo")!;
    const update = await tx.turbines.update(demo.id, { hub_height_m: 140 }).catch((e: unknown) => e);
    expect(update).toBeInstanceOf(DemoTurbineReadOnlyError);
    expect(update).toBeInstanceOf(PermissionDeniedError);
    expect((update as Error).message).toContain("Clone the demo turbine");
    expect((update as Error).message).toContain(`turbines.clone("${demo.id}"`);
    const del = await tx.turbines.delete(demo.id).catch((e: unknown) => e);
    expect(del).toBeInstanceOf(DemoTurbineReadOnlyError);
  });

  it("clones a demo turbine into an editable copy, updates and deletes it", async () => {
    const tx = clientAs(t, "admin");
    const demo = (await tx.turbines.list().toArray()).find((t) => t.kind === "demo")!;
    const copy = await tx.turbines.clone(demo.id, { name: "My Onshore" });
    expect(copy).toMatchObject({ kind: "custom", demo_derived: false, rated_power_kw: demo.rated_power_kw });
    await expect(tx.turbines.clone(demo.id, { name: "My Onshore" })).rejects.toBeInstanceOf(
      TurbineNameConflictError,
    );
    const updated = await tx.turbines.update(copy.id, { hub_height_m: 140, config: { blades: 2 } });
    expect(updated).toMatchObject({ hub_height_m: 140, config: { blades: 2 }, name: "My Onshore" });
    await tx.turbines.delete(copy.id);
    await expect(tx.turbines.get(copy.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("another org's custom turbine is a 404", async () => {
    const mine = await clientAs(t, "enterprise").turbines.create({ name: "Big one" });
    await expect(clientAs(t, "owner").turbines.get(mine.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("validates input before sending", async () => {
    const tx = clientAs(t, "owner");
    await expect(tx.turbines.create({ name: "" })).rejects.toMatchObject({ field: "name" });
    await expect(tx.turbines.create({ name: "x", rated_power_kw: -1 })).rejects.toMatchObject({
      field: "rated_power_kw",
    });
    await expect(
      tx.turbines.create({ name: "x", config: [] as unknown as Record<string, unknown> }),
    ).rejects.toMatchObject({ field: "config" });
    await expect(tx.turbines.update("trb_1", {})).rejects.toBeInstanceOf(InputValidationError);
    await expect(tx.turbines.clone("trb_1", { name: "" })).rejects.toMatchObject({ field: "name" });
  });

  it("the specific 403/409 classes come from the route that answered, whatever the base URL's path", async () => {
    // Served over HTTP, the API lives under a path prefix (/turbinex): the routes still match.
    const { baseUrls } = await t.serve();
    const owner = clientAs(t, "owner", { baseUrl: baseUrls.turbinex });
    await owner.turbines.create({ name: "First" });
    const second = await owner.turbines.create({ name: "Second" });
    const renamed = await owner.turbines.update(second.id, { name: "first" }).catch((e: unknown) => e);
    expect(renamed).toBeInstanceOf(TurbineNameConflictError);
    expect((renamed as Error).message).toContain("(turbine names are unique within an org)");
    expect((renamed as ConflictError).url).toBe(`${baseUrls.turbinex}/turbines/${second.id}`);
    const unverified = clientAs(t, "unverified", { baseUrl: baseUrls.turbinex });
    const refused = await unverified.turbines.create({ name: "Nope" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VerificationRequiredError);
    expect((refused as Error).message).toContain("(this needs a verified account)");
    // The same statuses elsewhere keep their generic class.
    const member = clientAs(t, "member", { baseUrl: baseUrls.turbinex });
    const orgRefused = await member.org.update({ name: "Mine" }).catch((e: unknown) => e);
    expect(orgRefused).toBeInstanceOf(PermissionDeniedError);
    expect(orgRefused).not.toBeInstanceOf(VerificationRequiredError);
    expect(orgRefused).not.toBeInstanceOf(DemoTurbineReadOnlyError);
    const job = await owner.jobs.submit({ file: zip("cancel twice") });
    await owner.jobs.cancel(job.id);
    const twice = await owner.jobs.cancel(job.id).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice).not.toBeInstanceOf(TurbineNameConflictError);
  });
});
