import { describe, expect, it } from "vitest";
import { InputValidationError, NotFoundError, PermissionDeniedError } from "../../src/core/errors.js";
import { useSim } from "../helpers/sim.js";
import { clientAs, zip } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX notes", () => {
  it("another user's private note is a 404; org notes are shared but only the author edits", async () => {
    const owner = clientAs(t, "owner");
    const member = clientAs(t, "member");
    const ownerMe = await owner.auth.me();
    const secret = await owner.notes.create({ body: "private thoughts" });
    expect(secret).toMatchObject({ visibility: "private", owner_id: ownerMe.id, study_id: null });
    const shared = await owner.notes.create({ body: "for everyone", visibility: "org" });

    const error = await member.notes.get(secret.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    await expect(member.notes.update(secret.id, { body: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(member.notes.delete(secret.id)).rejects.toBeInstanceOf(NotFoundError);

    expect((await member.notes.get(shared.id)).body).toBe("for everyone");
    const memberList = await member.notes.list().toArray();
    expect(memberList.map((n) => n.id)).toContain(shared.id);
    expect(memberList.map((n) => n.id)).not.toContain(secret.id);
    await expect(member.notes.update(shared.id, { body: "hijack" })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );

    const edited = await owner.notes.update(secret.id, { body: "now public", visibility: "org" });
    expect(edited).toMatchObject({ body: "now public", visibility: "org" });
    expect((await member.notes.get(secret.id)).body).toBe("now public");
    await owner.notes.delete(secret.id);
    await expect(owner.notes.get(secret.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("attaches notes to studies and jobs and filters by them", async () => {
    const tx = clientAs(t, "owner");
    const study = await tx.studies.create({ name: "Noted" });
    const job = await tx.jobs.submit({ file: zip("noted job") });
    await tx.notes.create({ body: "on study", studyId: study.id, visibility: "org" });
    await tx.notes.create({ body: "on job", jobId: job.id });
    expect((await tx.notes.list({ studyId: study.id }).toArray()).map((n) => n.body)).toEqual(["on study"]);
    expect((await tx.notes.list({ jobId: job.id }).toArray()).map((n) => n.body)).toEqual(["on job"]);
    await expect(
      tx.notes.create({ body: "x", visibility: "public" as unknown as "org" }),
    ).rejects.toMatchObject({ field: "visibility" });
    await expect(tx.notes.create({ body: "" })).rejects.toBeInstanceOf(InputValidationError);
  });

  it("filters by visibility: the parameter is sent and the server filters by it", async () => {
    const tx = clientAs(t, "admin");
    const mine = await tx.notes.create({ body: "admin only" });
    const shared = await tx.notes.create({ body: "admin to org", visibility: "org" });
    t.requests.clear();
    const org = await tx.notes.list({ visibility: "org" }).toArray();
    const priv = await tx.notes.list({ visibility: "private" }).toArray();
    expect(t.requests.map((r) => new URL(r.url).search)).toEqual([
      "?visibility=org&page=1",
      "?visibility=private&page=1",
    ]);
    expect(org.map((n) => n.id)).toContain(shared.id);
    expect(org.map((n) => n.id)).not.toContain(mine.id);
    expect(new Set(org.map((n) => n.visibility))).toEqual(new Set(["org"]));
    expect(priv.map((n) => n.id)).toEqual([mine.id]);
  });
});

describe("TurbineX org and usage", () => {
  it("reads the org; owners/admins change settings, members get 403", async () => {
    const admin = clientAs(t, "admin");
    expect(await admin.org.get()).toMatchObject({ id: "org_acme", name: "Acme Wind", plan: "pro" });
    expect((await admin.org.update({ name: "Acme Wind Energy" })).name).toBe("Acme Wind Energy");
    const error = await clientAs(t, "member")
      .org.update({ name: "Mine now" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toContain("Only org owners and admins");
    expect((await admin.org.get()).name).toBe("Acme Wind Energy");
    await expect(admin.org.update({})).rejects.toBeInstanceOf(InputValidationError);
  });

  it("lists members across pages", async () => {
    const members = await clientAs(t, "owner").org.members({ pageSize: 3 }).toArray();
    expect(members.map((m) => m.email).sort()).toEqual([
      "admin@acme.test",
      "member@acme.test",
      "newbie@acme.test",
      "owner@acme.test",
    ]);
    expect(members.find((m) => m.email === "newbie@acme.test")).toMatchObject({
      role: "member",
      verified: false,
    });
  });

  it("reports usage, which grows with each job", async () => {
    const tx = clientAs(t, "enterprise");
    const before = await tx.usage.get();
    expect(before.token_cap).toBeNull();
    expect(before.period_start).toBeInstanceOf(Date);
    expect(before.period_end!.getTime()).toBeGreaterThan(before.period_start!.getTime());
    await tx.jobs.submit({ file: zip("usage") });
    const after = await tx.usage.get();
    expect((after.tokens_used ?? 0) - (before.tokens_used ?? 0)).toBe(1000);
  });
});
