// Upload progress (issue 19.7) over a real socket: the simulator served by node:http on
// 127.0.0.1, so the bytes reported are the bytes a server received.
import { describe, expect, it } from "vitest";
import type { UploadProgress } from "../../src/core/http.js";
import { uploadArtifact } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { bearerClient, zip } from "./helpers.js";

const t = useSim("turbinex");

/** A client of this test's simulator over HTTP on 127.0.0.1. */
async function overHttp() {
  const served = await t.serve();
  return bearerClient(t, "owner", { baseUrl: served.baseUrls.turbinex });
}

/** The one POST logged to `path`, with the byte size of the body the server received (sent chunked). */
function received(path: string) {
  const matching = t.requests.filter((r) => r.path.endsWith(path) && r.method === "POST");
  expect(matching).toHaveLength(1);
  const request = matching[0]!;
  const size = new TextEncoder().encode(request.body).byteLength;
  return { request, size };
}

function expectProgressTo(seen: UploadProgress[], size: number) {
  expect(seen.length).toBeGreaterThan(1);
  expect(seen.at(-1)).toEqual({ transferredBytes: size, totalBytes: size });
  expect(seen.every((p) => p.totalBytes === size)).toBe(true);
  const sent = seen.map((p) => p.transferredBytes);
  expect(sent).toEqual([...sent].sort((a, b) => a - b));
}

describe("TurbineX upload progress", () => {
  it("jobs.submit reports the multipart body's bytes up to its full size", async () => {
    const tx = await overHttp();
    const file = zip("w".repeat(300_000));
    const seen: UploadProgress[] = [];
    const job = await tx.jobs.submit({ file, name: "progress" }, { onUploadProgress: (p) => seen.push(p) });
    expect(job.name).toBe("progress");
    const { request, size } = received("/jobs");
    // The ZIP and the multipart framing around it: the whole body, not only the file.
    expect(size).toBeGreaterThan(file.byteLength);
    expect(size).toBeLessThan(file.byteLength + 1_000);
    expect(request.body).toContain("w".repeat(300_000));
    expectProgressTo(seen, size);
  });

  it("with dedupe, only the submit reports (the scan's GETs send no body)", async () => {
    const tx = await overHttp();
    const seen: UploadProgress[] = [];
    await tx.jobs.submit(
      { file: zip("d".repeat(100_000)) },
      { dedupe: true, onUploadProgress: (p) => seen.push(p) },
    );
    expect(t.requests.paths()).toEqual(["GET /turbinex/jobs", "POST /turbinex/jobs"]);
    expectProgressTo(seen, received("/jobs").size);
  });

  it("studies.artifacts.upload (and the standalone uploadArtifact) report up to the full size", async () => {
    const tx = await overHttp();
    const study = await tx.studies.create({ name: "uploads" });
    const bytes = new TextEncoder().encode("t,power\n".repeat(25_000));
    const seen: UploadProgress[] = [];
    const artifact = await tx.studies.artifacts.upload(
      study.id,
      { file: bytes, filename: "power.csv", contentType: "text/csv" },
      { onUploadProgress: (p) => seen.push(p) },
    );
    expect(artifact.size_bytes).toBe(200_000);
    const { size } = received("/artifacts");
    expect(size).toBeGreaterThan(200_000);
    expectProgressTo(seen, size);

    const again: UploadProgress[] = [];
    await uploadArtifact(
      tx,
      study.id,
      { file: bytes, filename: "again.csv" },
      { onUploadProgress: (p) => again.push(p) },
    );
    expect(again.at(-1)?.transferredBytes).toBe(again.at(-1)?.totalBytes);
    expect(again.at(-1)?.transferredBytes).toBeGreaterThan(200_000);
  });
});
