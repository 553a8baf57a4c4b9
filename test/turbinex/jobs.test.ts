import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  ConflictError,
  InputValidationError,
  InternalServerError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
} from "../../src/core/errors.js";
import { WaitTimeoutError } from "../../src/core/polling.js";
import { sha256Hex } from "../../src/core/upload.js";
import { JOB_ERROR_TEXT, jobOutputBytes } from "../../src/testing/turbinex/index.js";
import { type Job, JobFailedError, VerificationRequiredError } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { answerInstead, BASE, bearerClient, clientAs, readAll, zip } from "./helpers.js";

const t = useSim("turbinex", { sim: { jobQueueMs: 5_000, jobRunMs: 60_000, outputBytes: 100_000 } });

/** Polls fast and moves simulated time forward between polls. */
const fastWait = (stepMs = 20_000, seen: Job[] = []) => ({
  intervalMs: 1,
  maxIntervalMs: 2,
  onProgress: (job: Job) => {
    seen.push(job);
    t.sim.clock.advance(stepMs);
  },
});

describe("TurbineX jobs", () => {
  it("submits the ZIP as multipart with name, turbine and study", async () => {
    const tx = clientAs(t, "owner");
    const turbine = (await tx.turbines.list().toArray())[0]!;
    const study = await tx.studies.create({ name: "Jobs study" });
    const bytes = zip("inputs v1");
    const job = await tx.jobs.submit({
      file: bytes,
      name: "baseline",
      turbineId: turbine.id,
      studyId: study.id,
    });
    expect(job).toMatchObject({
      name: "baseline",
      status: "queued",
      turbine_id: turbine.id,
      study_id: study.id,
    });
    expect(job.input_sha256).toBe(await sha256Hex(bytes));
    expect(job.created_at).toBeInstanceOf(Date);
    const submitted = t.requests.find((r) => r.method === "POST" && r.path === "/jobs")!;
    const form = await new Request(submitted.url, {
      method: "POST",
      headers: submitted.headers,
      body: submitted.body,
    }).formData();
    const file = form.get("file") as File;
    expect({ type: file.type, name: file.name }).toEqual({ type: "application/zip", name: "input.zip" });
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect([form.get("name"), form.get("turbine_id"), form.get("study_id")]).toEqual([
      "baseline",
      turbine.id,
      study.id,
    ]);
    expect(t.provider.state.jobs.get(job.id)?.input_sha256).toBe(job.input_sha256);
  });

  it("refuses a non-ZIP or missing file before sending", async () => {
    const tx = clientAs(t, "owner");
    const before = t.provider.state.jobs.size;
    await expect(tx.jobs.submit({ file: new TextEncoder().encode("hello there") })).rejects.toMatchObject({
      field: "file",
    });
    await expect(tx.jobs.submit({ file: new Uint8Array() })).rejects.toBeInstanceOf(InputValidationError);
    await expect(tx.jobs.submit({ file: zip("x"), turbineId: "" })).rejects.toMatchObject({
      field: "turbineId",
    });
    await expect(tx.jobs.get("")).rejects.toMatchObject({ field: "id" });
    expect(t.provider.state.jobs.size).toBe(before);
  });

  it("never retries a submit, even on a 503", async () => {
    const tx = clientAs(t, "owner", { maxRetries: 3 });
    await tx.auth.me(); // log in first so only the submit is counted
    answerInstead(t, "post", "/jobs", () => HttpResponse.json({ detail: "upstream busy" }, { status: 503 }));
    const error = await tx.jobs.submit({ file: zip("retry me") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(t.requests.paths()).toEqual(["POST /auth/login", "GET /auth/me", "POST /jobs"]);
  });

  it("dedupe returns the recent job with the same SHA-256 instead of submitting", async () => {
    const tx = clientAs(t, "owner");
    const first = await tx.jobs.submit({ file: zip("dedupe me"), name: "first" });
    const count = t.provider.state.jobs.size;
    const again = await tx.jobs.submit({ file: zip("dedupe me"), name: "second" }, { dedupe: true });
    expect(again.id).toBe(first.id);
    expect(t.provider.state.jobs.size).toBe(count);
    // A different ZIP is submitted.
    const other = await tx.jobs.submit({ file: zip("something else") }, { dedupe: true });
    expect(other.id).not.toBe(first.id);
    expect(t.provider.state.jobs.size).toBe(count + 1);
    // Without dedupe the same ZIP runs twice (the server does not dedupe).
    const twice = await tx.jobs.submit({ file: zip("dedupe me") });
    expect(twice.id).not.toBe(first.id);
    expect(twice.input_sha256).toBe(first.input_sha256);
  });

  it("dedupe ignores failed/cancelled jobs and jobs outside the window", async () => {
    const tx = clientAs(t, "owner");
    const cancelled = await tx.jobs.submit({ file: zip("cancel then dedupe") });
    await tx.jobs.cancel(cancelled.id);
    const resubmitted = await tx.jobs.submit({ file: zip("cancel then dedupe") }, { dedupe: true });
    expect(resubmitted.id).not.toBe(cancelled.id);

    const old = await tx.jobs.submit({ file: zip("old one") });
    await new Promise((r) => setTimeout(r, 15));
    const fresh = await tx.jobs.submit({ file: zip("old one") }, { dedupe: { windowMs: 5 } });
    expect(fresh.id).not.toBe(old.id);
    await expect(tx.jobs.submit({ file: zip("x") }, { dedupe: { windowMs: -1 } })).rejects.toMatchObject({
      field: "dedupe.windowMs",
    });
  });

  it("lists across pages with a status filter", async () => {
    const tx = await bearerClient(t, "enterprise");
    for (let i = 0; i < 5; i++) await tx.jobs.submit({ file: zip(`list ${i}`), name: `list-${i}` });
    t.requests.clear();
    const all = await tx.jobs.list({ pageSize: 2 }).toArray();
    expect(all.map((j) => j.name)).toEqual(["list-4", "list-3", "list-2", "list-1", "list-0"]);
    expect(t.requests.map((r) => new URL(r.url).search)).toEqual([
      "?page=1&page_size=2",
      "?page=2&page_size=2",
      "?page=3&page_size=2",
    ]);
    await tx.jobs.cancel(all[0]!.id);
    const cancelled = await tx.jobs.list({ status: "cancelled" }).toArray();
    expect(t.requests.at(-1)?.url).toBe(`${BASE}/jobs?status=cancelled&page=1`);
    expect(cancelled.map((j) => j.id)).toEqual([all[0]!.id]);
    expect(() => tx.jobs.list({ pageSize: 500 })).toThrow(InputValidationError);
  });

  it("lists one study's jobs: study_id is sent and the server filters by it", async () => {
    const tx = await bearerClient(t, "enterprise");
    const study = await tx.studies.create({ name: "Filtered jobs" });
    const inStudy = await tx.jobs.submit({ file: zip("in the study"), studyId: study.id });
    const outside = await tx.jobs.submit({ file: zip("outside the study") });
    t.requests.clear();
    const listed = await tx.jobs.list({ studyId: study.id }).toArray();
    expect(t.requests.map((r) => r.url)).toEqual([`${BASE}/jobs?study_id=${study.id}&page=1`]);
    expect(listed.map((j) => j.id)).toEqual([inStudy.id]);
    expect(t.provider.state.jobs.has(outside.id)).toBe(true);
  });

  it("a list is lazy: nothing is sent until iterated", async () => {
    const tx = clientAs(t, "owner");
    const pages = tx.jobs.list();
    expect(t.requests.length).toBe(0);
    const first = await pages.firstPage();
    expect(t.requests.paths()).toEqual(["POST /auth/login", "GET /jobs"]);
    expect(Array.isArray(first.items)).toBe(true);
  });

  it("gets, cancels, and refuses to cancel twice (409)", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("cancel me") });
    expect((await tx.jobs.get(job.id)).status).toBe("queued");
    const cancelled = await tx.jobs.cancel(job.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finished_at).toBeInstanceOf(Date);
    await expect(tx.jobs.cancel(job.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(tx.jobs.get("job_missing")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("another org's job is a 404", async () => {
    const job = await clientAs(t, "owner").jobs.submit({ file: zip("private to acme") });
    await expect(clientAs(t, "free").jobs.get(job.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("waitFor reports progress queued → running → succeeded", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("wait for me") });
    const seen: Job[] = [];
    const done = await tx.jobs.waitFor(job.id, fastWait(20_000, seen));
    expect(done.status).toBe("succeeded");
    expect(done.output_size_bytes).toBe(100_000);
    const statuses = [...new Set(seen.map((j) => j.status))];
    expect(statuses).toEqual(["queued", "running", "succeeded"]);
    const progress = seen.filter((j) => j.status === "running").map((j) => j.progress ?? 0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("a failed job rejects with JobFailedError carrying its error text", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("bad inputs"), name: "will fail" });
    const error = await tx.jobs.waitFor(job.id, fastWait()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).errorText).toBe(JOB_ERROR_TEXT);
    expect((error as JobFailedError).jobId).toBe(job.id);
    expect((error as JobFailedError).job.status).toBe("failed");
    expect((error as Error).message).toContain("Solver diverged");
  });

  it("waitFor keeps going through unknown statuses", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("odd statuses") });
    const sequence = ["preprocessing", "meshing", "succeeded"];
    t.server.use(
      http.get(`${BASE}/jobs/${job.id}`, () =>
        HttpResponse.json({ ...wire(job), status: sequence.shift() ?? "succeeded" }),
      ),
    );
    const seen: string[] = [];
    const done = await tx.jobs.waitFor(job.id, {
      intervalMs: 1,
      onProgress: (j) => void seen.push(j.status),
    });
    expect(seen).toEqual(["preprocessing", "meshing", "succeeded"]);
    expect(done.status).toBe("succeeded");
  });

  it("waitFor times out with the last value, and honours an abort signal", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("slow one") });
    const timeout = await tx.jobs.waitFor(job.id, { intervalMs: 5, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect((timeout as WaitTimeoutError<Job>).lastValue?.status).toBe("queued");
    const controller = new AbortController();
    const aborted = tx.jobs.waitFor(job.id, { intervalMs: 50, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
  });

  it("streams the output ZIP with byte progress", async () => {
    const tx = clientAs(t, "owner");
    const job = await tx.jobs.submit({ file: zip("output please") });
    await expect(tx.jobs.downloadOutput(job.id)).rejects.toBeInstanceOf(ConflictError);
    await tx.jobs.waitFor(job.id, fastWait(30_000));
    const progress: number[] = [];
    const download = await tx.jobs.downloadOutput(job.id, {
      onProgress: (p) => progress.push(p.transferredBytes),
    });
    expect(download.size).toBe(100_000);
    expect(download.contentType).toBe("application/zip");
    expect(download.fileName).toBe(`${job.id}-output.zip`);
    const bytes = await readAll(download.body);
    expect(bytes).toEqual(jobOutputBytes(job.id, 100_000));
    expect(Array.from(bytes.slice(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(100_000);
  });

  it("a reached token cap is a 402 PaymentRequiredError with the server's text, not retried", async () => {
    const tx = clientAs(t, "free", { maxRetries: 3 });
    const org = t.provider.state.orgs.get("org_solo")!;
    org.tokens_used = 49_500;
    const error = await tx.jobs.submit({ file: zip("over the cap") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect((error as PaymentRequiredError).status).toBe(402);
    expect((error as Error).message).toContain("Monthly token cap reached: 50,000 tokens.");
    expect((error as PaymentRequiredError).body).toEqual({
      detail: expect.stringContaining("Monthly token cap reached: 50,000 tokens."),
    });
    expect(t.requests.paths().filter((p) => p === "POST /jobs")).toHaveLength(1);
    const usage = await tx.usage.get();
    expect(usage).toMatchObject({ tokens_used: 49_500, token_cap: 50_000 });
  });

  it("parametric sweeps run one job per combination (verified only)", async () => {
    const tx = clientAs(t, "owner");
    const sweep = await tx.parametric.submit({
      file: zip("sweep base"),
      parameters: [
        { name: "wind_speed", values: [8, 10, 12] },
        { name: "yaw", values: [0, 5] },
      ],
    });
    expect(sweep.id).toMatch(/^swp_/);
    expect(sweep.job_ids).toHaveLength(6);
    const names = sweep.job_ids.map((id) => t.provider.state.jobs.get(id)?.name);
    expect(names).toContain("sweep wind_speed=12, yaw=5");

    const error = await clientAs(t, "unverified")
      .parametric.submit({ file: zip("sweep base"), parameters: [{ name: "a", values: [1] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationRequiredError);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).status).toBe(403);
    expect((error as Error).message).toContain("must be verified");
  });

  it("parametric input is validated before sending", async () => {
    const tx = clientAs(t, "owner");
    await expect(tx.parametric.submit({ file: zip("b"), parameters: [] })).rejects.toMatchObject({
      field: "parameters",
    });
    await expect(
      tx.parametric.submit({ file: zip("b"), parameters: [{ name: "a", values: [Number.NaN] }] }),
    ).rejects.toMatchObject({ field: "parameters.0.values.0" });
    await expect(
      tx.parametric.submit({
        file: zip("b"),
        parameters: [
          { name: "a", values: [1] },
          { name: "a", values: [2] },
        ],
      }),
    ).rejects.toMatchObject({ field: "parameters.1.name" });
    const big = Array.from({ length: 40 }, (_, i) => i);
    await expect(
      tx.parametric.submit({
        file: zip("b"),
        parameters: [
          { name: "a", values: big },
          { name: "b", values: big },
        ],
      }),
    ).rejects.toMatchObject({ field: "parameters" });
  });
});

function wire(job: Job): Record<string, unknown> {
  return {
    ...job,
    created_at: job.created_at?.toISOString() ?? null,
    updated_at: null,
    started_at: null,
    finished_at: null,
  };
}
