import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  PermissionDeniedError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { useSim } from "../helpers/sim.js";
import { BASE, clientAs, zip } from "./helpers.js";

const t = useSim("turbinex");

describe("TurbineX response shapes", () => {
  it("a FastAPI 422 list becomes UnprocessableEntityError with issues", async () => {
    const tx = clientAs(t, "owner");
    t.server.use(
      http.post(`${BASE}/jobs`, () =>
        HttpResponse.json(
          { detail: [{ loc: ["body", "file"], msg: "File is not a ZIP archive", type: "value_error" }] },
          { status: 422 },
        ),
      ),
    );
    const error = await tx.jobs.submit({ file: zip("x") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).issues).toEqual([
      { loc: ["body", "file"], msg: "File is not a ZIP archive", type: "value_error" },
    ]);
  });

  it("the simulator answers a too-large page_size with the FastAPI 422 shape", async () => {
    const token = await t.provider.accessTokenFor("owner@acme.test");
    const res = await fetch(`${BASE}/jobs?page_size=1000`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [
        {
          loc: ["query", "page_size"],
          msg: "Input should be less than or equal to 100",
          type: "less_than_equal",
        },
      ],
    });
  });

  it("an object detail is summarised into the message", async () => {
    const tx = clientAs(t, "owner");
    t.server.use(
      http.patch(`${BASE}/org`, () =>
        HttpResponse.json({ detail: { code: "role_required", message: "Admins only" } }, { status: 403 }),
      ),
    );
    const error = await tx.org.update({ name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).message).toContain("Admins only");
    expect((error as PermissionDeniedError).code).toBe("role_required");
  });

  it("keeps unknown fields and unknown statuses; accepts a bare-array page", async () => {
    const tx = clientAs(t, "owner");
    t.server.use(
      http.get(`${BASE}/jobs`, () =>
        HttpResponse.json([
          {
            id: "job_x",
            status: "preprocessing",
            created_at: "2026-01-02T03:04:05.123456",
            input_sha256: "ab".repeat(32),
            gpu_seconds: 12,
          },
        ]),
      ),
    );
    const [job] = await tx.jobs.list().toArray();
    expect(job).toMatchObject({
      id: "job_x",
      status: "preprocessing",
      gpu_seconds: 12,
      error: null,
      progress: null,
    });
    expect(job?.created_at?.toISOString()).toBe("2026-01-02T03:04:05.123Z");
  });

  it("a response missing required fields is a ResponseValidationError with the raw value", async () => {
    const tx = clientAs(t, "owner");
    t.server.use(http.get(`${BASE}/jobs/job_bad`, () => HttpResponse.json({ id: "job_bad" })));
    const error = await tx.jobs.get("job_bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toEqual({ id: "job_bad" });
    expect((error as ResponseValidationError).issues.map((i) => i.path[0])).toContain("status");
  });
});
