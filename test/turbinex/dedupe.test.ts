// Dedupe against listings the contract allows but the simulator does not produce: GET /jobs in
// another order, and answers left unchecked by `validate: false`.
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/core/upload.js";
import { useSim } from "../helpers/sim.js";
import { answerInstead, bearerClient, zip } from "./helpers.js";

const t = useSim("turbinex");

const DAY = 86_400_000;

function jobWire(id: string, sha256: string, createdAt: number): Record<string, unknown> {
  return {
    id,
    name: id,
    status: "succeeded",
    created_at: new Date(createdAt).toISOString(),
    updated_at: null,
    started_at: null,
    finished_at: null,
    progress: null,
    input_sha256: sha256,
    turbine_id: null,
    study_id: null,
    error: null,
    output_size_bytes: null,
  };
}

/** A submit answered with a new job (`job_new`). */
function acceptSubmits() {
  answerInstead(t, "post", "/jobs", () =>
    HttpResponse.json(jobWire("job_new", "0".repeat(64), Date.now()), { status: 201 }),
  );
}

/** GET /jobs served oldest first from `jobs`, `pageSize` a page. */
function oldestFirst(jobs: Record<string, unknown>[], pageSize: number) {
  answerInstead(t, "get", "/jobs", ({ request }) => {
    const page = Number(new URL(request.url).searchParams.get("page"));
    const items = jobs.slice((page - 1) * pageSize, page * pageSize);
    const total_pages = Math.ceil(jobs.length / pageSize);
    return HttpResponse.json({ items, total: jobs.length, page, page_size: pageSize, total_pages });
  });
  acceptSubmits();
}

/** The pages of GET /jobs asked for, and how many submits were sent. */
const pagesAsked = () =>
  t.requests
    .filter((r) => r.method === "GET" && r.path === "/jobs")
    .map((r) => new URL(r.url).searchParams.get("page"));
const submits = () => t.requests.filter((r) => r.method === "POST" && r.path === "/jobs").length;

describe("TurbineX dedupe", () => {
  it("finds a recent match on a later page of an oldest-first listing", async () => {
    const bytes = zip("listed oldest first");
    const hash = await sha256Hex(bytes);
    const old = Array.from({ length: 3 }, (_, i) =>
      jobWire(`job_old${i}`, "f".repeat(64), Date.now() - 3 * DAY),
    );
    oldestFirst([...old, jobWire("job_recent", hash, Date.now() - 60_000)], 3);
    const tx = await bearerClient(t, "owner");
    const job = await tx.jobs.submit({ file: bytes }, { dedupe: true });
    expect(job.id).toBe("job_recent");
    expect(pagesAsked()).toEqual(["1", "2"]);
    expect(submits()).toBe(0);
  });

  it("a miss reads maxPages pages, then submits", async () => {
    const old = Array.from({ length: 9 }, (_, i) =>
      jobWire(`job_old${i}`, "f".repeat(64), Date.now() - 3 * DAY),
    );
    oldestFirst(old, 3);
    const tx = await bearerClient(t, "owner");
    const job = await tx.jobs.submit({ file: zip("never seen") }, { dedupe: { maxPages: 2 } });
    expect(job.id).toBe("job_new");
    expect(pagesAsked()).toEqual(["1", "2"]);
    expect(submits()).toBe(1);
    await expect(
      tx.jobs.submit({ file: zip("x") }, { dedupe: { maxPages: Number.NaN } }),
    ).rejects.toMatchObject({
      field: "dedupe.maxPages",
    });
    expect(submits()).toBe(1);
  });

  it("works with validate: false (created_at is still the wire string)", async () => {
    const tx = await bearerClient(t, "owner", { validate: false });
    const first = await tx.jobs.submit({ file: zip("unchecked dedupe") });
    expect(first.created_at).toBeTypeOf("string");
    const count = t.provider.state.jobs.size;
    const again = await tx.jobs.submit({ file: zip("unchecked dedupe") }, { dedupe: true });
    expect(again.id).toBe(first.id);
    expect(t.provider.state.jobs.size).toBe(count);
  });

  it("scans with page_size=50 (accepted by every list); a server that refuses it is asked again with its default", async () => {
    const bytes = zip("page size refused");
    const hash = await sha256Hex(bytes);
    answerInstead(t, "get", "/jobs", ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.has("page_size")) {
        return HttpResponse.json(
          {
            detail: [
              {
                loc: ["query", "page_size"],
                msg: "Input should be less than or equal to 20",
                type: "less_than_equal",
              },
            ],
          },
          { status: 422 },
        );
      }
      return HttpResponse.json({
        items: [jobWire("job_same", hash, Date.now())],
        total: 1,
        page: 1,
        page_size: 20,
        total_pages: 1,
      });
    });
    acceptSubmits();
    const tx = await bearerClient(t, "owner");
    const job = await tx.jobs.submit({ file: bytes }, { dedupe: true });
    expect(job.id).toBe("job_same");
    expect(t.requests.map((r) => new URL(r.url).search)).toEqual(["?page=1&page_size=50", "?page=1"]);
    expect(submits()).toBe(0);
  });

  it("a failed scan never blocks the submit: the job is submitted and the logger says why", async () => {
    answerInstead(t, "get", "/jobs", () => HttpResponse.json({ detail: "listing is down" }, { status: 503 }));
    acceptSubmits();
    const warnings: string[] = [];
    const tx = await bearerClient(t, "owner", {
      maxRetries: 0,
      logger: { warn: (message: string) => void warnings.push(message), info() {}, debug() {}, error() {} },
    });
    const job = await tx.jobs.submit({ file: zip("scan fails") }, { dedupe: true });
    expect(job.id).toBe("job_new");
    expect(t.requests.paths()).toEqual(["GET /jobs", "POST /jobs"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("the dedupe scan failed");
    expect(warnings[0]).toContain("503");
    expect(warnings[0]).toContain("submitting without it");
  });

  it("the caller's abort during the scan stops the submit too", async () => {
    const controller = new AbortController();
    answerInstead(t, "get", "/jobs", async () => {
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return HttpResponse.json({ items: [] });
    });
    acceptSubmits();
    const tx = await bearerClient(t, "owner");
    const error = await tx.jobs
      .submit({ file: zip("aborted") }, { dedupe: true, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortedError");
    expect(submits()).toBe(0);
  });
});
