// Dedupe against listings the contract allows but the simulator does not produce: GET /jobs in
// another order, and answers left unchecked by `validate: false`.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/core/upload.js";
import { BASE, bearerClient, useTurbineXSim, zip } from "./helpers.js";

const { sim, server, state } = useTurbineXSim();

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

/** GET /jobs served oldest first from `jobs`, `pageSize` a page; records the pages asked for. */
function oldestFirst(jobs: Record<string, unknown>[], pageSize: number) {
  const pages: number[] = [];
  let posts = 0;
  server.use(
    http.get(`${BASE}/jobs`, ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      pages.push(page);
      const items = jobs.slice((page - 1) * pageSize, page * pageSize);
      const total_pages = Math.ceil(jobs.length / pageSize);
      return HttpResponse.json({ items, total: jobs.length, page, page_size: pageSize, total_pages });
    }),
    http.post(`${BASE}/jobs`, () => {
      posts++;
      return HttpResponse.json(jobWire("job_new", "0".repeat(64), Date.now()), { status: 201 });
    }),
  );
  return { pages, posts: () => posts };
}

describe("TurbineX dedupe", () => {
  it("finds a recent match on a later page of an oldest-first listing", async () => {
    const bytes = zip("listed oldest first");
    const hash = await sha256Hex(bytes);
    const old = Array.from({ length: 3 }, (_, i) =>
      jobWire(`job_old${i}`, "f".repeat(64), Date.now() - 3 * DAY),
    );
    const listing = oldestFirst([...old, jobWire("job_recent", hash, Date.now() - 60_000)], 3);
    const tx = await bearerClient(sim, "owner");
    const job = await tx.jobs.submit({ file: bytes }, { dedupe: true });
    expect(job.id).toBe("job_recent");
    expect(listing.pages).toEqual([1, 2]);
    expect(listing.posts()).toBe(0);
  });

  it("a miss reads maxPages pages, then submits", async () => {
    const old = Array.from({ length: 9 }, (_, i) =>
      jobWire(`job_old${i}`, "f".repeat(64), Date.now() - 3 * DAY),
    );
    const listing = oldestFirst(old, 3);
    const tx = await bearerClient(sim, "owner");
    const job = await tx.jobs.submit({ file: zip("never seen") }, { dedupe: { maxPages: 2 } });
    expect(job.id).toBe("job_new");
    expect(listing.pages).toEqual([1, 2]);
    expect(listing.posts()).toBe(1);
    await expect(
      tx.jobs.submit({ file: zip("x") }, { dedupe: { maxPages: Number.NaN } }),
    ).rejects.toMatchObject({
      field: "dedupe.maxPages",
    });
    expect(listing.posts()).toBe(1);
  });

  it("works with validate: false (created_at is still the wire string)", async () => {
    const tx = await bearerClient(sim, "owner", { validate: false });
    const first = await tx.jobs.submit({ file: zip("unchecked dedupe") });
    expect(first.created_at).toBeTypeOf("string");
    const count = state.jobs.size;
    const again = await tx.jobs.submit({ file: zip("unchecked dedupe") }, { dedupe: true });
    expect(again.id).toBe(first.id);
    expect(state.jobs.size).toBe(count);
  });
});
