// Arguments and answers nobody checked: a missing file, null options, `validate: false` lists.
// Each must be a typed error before sending, or work; never a TypeError.
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { InputValidationError, ResponseValidationError } from "../../src/core/errors.js";
import { sha256Hex } from "../../src/core/upload.js";
import { TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, bearerClient, zip } from "./helpers.js";

const t = useSim("turbinex");

/** Counts the requests `run` sends. */
async function requestsOf(run: () => Promise<unknown>): Promise<number> {
  const before = t.requests.length;
  await run();
  return t.requests.length - before;
}

const fieldOf = (call: () => Promise<unknown>) =>
  call().then(
    () => "resolved",
    (e: unknown) => (e instanceof InputValidationError ? e.field : e),
  );

describe("a missing file is InputValidationError('file'), nothing sent", () => {
  it("jobs.submit and parametric.submit", async () => {
    const tx = await bearerClient(t, "owner");
    const fields: unknown[] = [];
    const sent = await requestsOf(async () => {
      fields.push(await fieldOf(() => tx.jobs.submit({} as never)));
      fields.push(await fieldOf(() => tx.jobs.submit({ file: null } as never)));
      fields.push(await fieldOf(() => tx.jobs.submit({ file: undefined } as never, { dedupe: true })));
      fields.push(
        await fieldOf(() => tx.parametric.submit({ parameters: [{ name: "yaw", values: [0, 5] }] } as never)),
      );
    });
    expect(fields).toEqual(["file", "file", "file", "file"]);
    expect(sent).toBe(0);
  });
});

describe("null options and filters are {}", () => {
  it("jobs.list(null), notes.list(null), submit(input, null), findRecentByHash(hash, null)", async () => {
    const tx = await bearerClient(t, "owner");
    const bytes = zip("null options");
    const job = await tx.jobs.submit({ file: bytes, name: "null options" }, null);
    expect(job.name).toBe("null options");
    expect((await tx.jobs.list(null).toArray()).map((j) => j.id)).toContain(job.id);
    const note = await tx.notes.create({ body: "null filter" });
    expect((await tx.notes.list(null).toArray()).map((n) => n.id)).toContain(note.id);
    expect((await tx.jobs.findRecentByHash(await sha256Hex(bytes), null))?.id).toBe(job.id);
  });

  it("createTurbineX(null) reads TURBINEX_TOKEN", async () => {
    vi.stubEnv("TURBINEX_TOKEN", await t.provider.accessTokenFor(TURBINEX_SIM_USERS.member));
    try {
      expect((await createTurbineX(null).auth.me()).email).toBe(TURBINEX_SIM_USERS.member);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("a paging cap that is not a positive integer is refused before sending", async () => {
    const tx = await bearerClient(t, "owner");
    expect(() => tx.jobs.list({ maxPages: Number.NaN })).toThrow(
      expect.objectContaining({ field: "maxPages" }),
    );
    expect(() => tx.studies.list({ maxPages: 0 })).toThrow(expect.objectContaining({ field: "maxPages" }));
  });
});

describe("validate: false lists", () => {
  it("a bare-array page is read as the schema would; anything else is a ResponseValidationError", async () => {
    const tx = await bearerClient(t, "owner", { validate: false });
    t.server.use(
      http.get(`${BASE}/jobs`, () => HttpResponse.json([{ id: "job_bare", status: "queued" }]), {
        once: true,
      }),
    );
    expect((await tx.jobs.list().toArray()).map((j) => j.id)).toEqual(["job_bare"]);
    t.server.use(http.get(`${BASE}/jobs`, () => HttpResponse.json({ detail: "no items here" })));
    const error = await tx.jobs
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toEqual({ detail: "no items here" });
  });
});
