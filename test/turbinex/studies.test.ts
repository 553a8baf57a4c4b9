import { describe, expect, it } from "vitest";
import { missingAuth } from "../../src/auth/index.js";
import { ConflictError, InputValidationError, NotFoundError } from "../../src/core/errors.js";
import { createTurbineX, VerificationRequiredError } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { clientAs, readAll } from "./helpers.js";

const t = useSim("turbinex", { sim: { reportReadyMs: 30_000 } });

describe("TurbineX studies, sharing, artifacts, reports", () => {
  it("creates, lists, gets, updates and deletes a study", async () => {
    const tx = clientAs(t, "owner");
    const study = await tx.studies.create({ name: "Wake losses", description: "Row 3" });
    expect(study).toMatchObject({
      name: "Wake losses",
      description: "Row 3",
      share: { enabled: false, token: null },
    });
    expect((await tx.studies.list().toArray()).map((s) => s.id)).toContain(study.id);
    expect((await tx.studies.get(study.id)).name).toBe("Wake losses");
    const updated = await tx.studies.update(study.id, { description: null });
    expect(updated.description).toBeNull();
    await tx.studies.delete(study.id);
    await expect(tx.studies.get(study.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(tx.studies.create({ name: "" })).rejects.toMatchObject({ field: "name" });
    await expect(tx.studies.update(study.id, {})).rejects.toBeInstanceOf(InputValidationError);
  });

  it("uploads, lists and downloads artifacts", async () => {
    const tx = clientAs(t, "owner");
    const study = await tx.studies.create({ name: "Artifacts" });
    const content = new TextEncoder().encode("t,power\n0,1.5\n1,1.7\n");
    const artifact = await tx.studies.artifacts.upload(study.id, {
      file: content,
      filename: "power.csv",
      contentType: "text/csv",
    });
    expect(artifact).toMatchObject({
      filename: "power.csv",
      size_bytes: content.byteLength,
      content_type: "text/csv",
    });
    const listed = await tx.studies.artifacts.list(study.id).toArray();
    expect(listed.map((a) => a.id)).toEqual([artifact.id]);
    const download = await tx.studies.artifacts.download(study.id, artifact.id);
    expect(download.fileName).toBe("power.csv");
    expect(await readAll(download.body)).toEqual(content);
    await expect(tx.studies.artifacts.upload(study.id, { file: content })).rejects.toMatchObject({
      field: "filename",
    });
    await expect(tx.studies.artifacts.download(study.id, "art_missing")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("shares a study read-only: the public viewer needs no credentials; rotate and disable revoke", async () => {
    const tx = clientAs(t, "owner");
    const study = await tx.studies.create({ name: "Shared", description: "For the customer" });
    const file = new File([new TextEncoder().encode("report body")], "summary.txt", { type: "text/plain" });
    const artifact = await tx.studies.artifacts.upload(study.id, { file });
    const shared = await tx.studies.enableSharing(study.id);
    const token = shared.share.token!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(shared.share.url).toBe(`https://app.turbinex.app/share/${token}`);

    const anon = createTurbineX({ auth: missingAuth("none on purpose") });
    t.requests.clear();
    const header = await anon.public.study(token);
    expect(header).toMatchObject({
      id: study.id,
      name: "Shared",
      description: "For the customer",
      artifact_count: 1,
    });
    const files = await anon.public.artifacts(token).toArray();
    expect(files.map((f) => f.filename)).toEqual(["summary.txt"]);
    const body = await readAll((await anon.public.download(token, artifact.id)).body);
    expect(new TextDecoder().decode(body)).toBe("report body");
    const viewer = anon.public.viewer(token);
    expect((await viewer.study()).id).toBe(study.id);
    expect((await viewer.artifacts().toArray()).length).toBe(1);
    expect(new TextDecoder().decode(await readAll((await viewer.download(artifact.id)).body))).toBe(
      "report body",
    );
    expect(t.requests.length).toBe(6);
    expect(t.requests.every((r) => r.path.startsWith("/api/public/studies/"))).toBe(true);
    expect(t.requests.map((r) => r.headers.get("authorization"))).toEqual(Array(6).fill(null));

    const rotated = await tx.studies.rotateShareToken(study.id);
    expect(rotated.share.token).not.toBe(token);
    await expect(anon.public.study(token)).rejects.toBeInstanceOf(NotFoundError);
    expect((await anon.public.study(rotated.share.token!)).id).toBe(study.id);

    const disabled = await tx.studies.disableSharing(study.id);
    expect(disabled.share).toEqual({ enabled: false, token: null, url: null });
    await expect(anon.public.study(rotated.share.token!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(tx.studies.rotateShareToken(study.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("checks the share token client-side before any request", async () => {
    const anon = createTurbineX({ auth: missingAuth("none") });
    await expect(anon.public.study("short")).rejects.toMatchObject({ field: "token" });
    await expect(anon.public.study(`${"a".repeat(63)}/`)).rejects.toBeInstanceOf(InputValidationError);
    expect(() => anon.public.artifacts("a".repeat(65))).toThrow(InputValidationError);
    expect(() => anon.public.viewer("nope")).toThrow(InputValidationError);
    await expect(anon.public.download("a".repeat(64), "")).rejects.toMatchObject({ field: "artifactId" });
    expect(t.requests.length).toBe(0);
    await expect(
      clientAs(t, "owner").studies.setSharing("std_1", "yes" as unknown as boolean),
    ).rejects.toMatchObject({
      field: "enabled",
    });
  });

  it("requests a certification report, waits for it and downloads the PDF", async () => {
    const tx = clientAs(t, "owner");
    const study = await tx.studies.create({ name: "Cert" });
    const report = await tx.studies.requestCertificationReport(study.id);
    expect(report).toMatchObject({ status: "pending", study_id: study.id });
    await expect(tx.reports.download(report.id)).rejects.toBeInstanceOf(ConflictError);
    const seen: string[] = [];
    const ready = await tx.reports.waitFor(report.id, {
      intervalMs: 1,
      onProgress: (r) => {
        seen.push(r.status);
        t.sim.clock.advance(10_000);
      },
    });
    expect(ready.status).toBe("ready");
    expect(seen).toEqual(["pending", "pending", "generating", "ready"]);
    const pdf = await tx.reports.download(report.id);
    expect(pdf.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(await readAll(pdf.body))).toMatch(/^%PDF-1\.7/);

    const error = await clientAs(t, "unverified")
      .studies.requestCertificationReport(study.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationRequiredError);
  });
});
