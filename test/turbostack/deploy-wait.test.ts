// waitForDeploy without a deployment id: GET …/deploy may still answer the previous, finished
// deployment (the server only queued the new one), which must not end the wait.
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import type { DeployStatus } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

/** Answers GET …/deploy with `answers` in turn, recording what the wait was told. */
function answer(answers: unknown[]) {
  server.use(http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json(answers.shift() as never)));
  const seen: DeployStatus[] = [];
  return { seen, wait: { intervalMs: 1, onProgress: (s: DeployStatus) => void seen.push(s) } };
}

describe("waitForDeploy without deploymentId", () => {
  test("skips a deployment already finished at the first poll, then follows the new one", async () => {
    const old = { id: 7, status: "finished", finished_at: "2026-01-01T10:00:00Z" };
    const { seen, wait } = answer([
      { data: old },
      { data: old },
      { data: { id: 8, status: "queued" } },
      { data: { id: 8, status: "finished" } },
    ]);
    const final = await client().hosts.waitForDeploy(116, wait);
    expect(final).toMatchObject({ id: 8, status: "finished", outcome: "succeeded" });
    expect(seen.map((s) => [s.id, s.status])).toEqual([
      [7, "finished"],
      [7, "finished"],
      [8, "queued"],
      [8, "finished"],
    ]);
  });

  test("a final status of another deployment ends it, even with no running status in between", async () => {
    const { seen, wait } = answer([
      { data: { id: 7, status: "failed" } },
      { data: { id: 8, status: "finished" } },
    ]);
    const final = await client().hosts.waitForDeploy(116, wait);
    expect(final).toMatchObject({ id: 8, outcome: "succeeded" });
    expect(seen).toHaveLength(2);
  });

  test("without ids, deployments are told apart by their timestamps", async () => {
    const old = {
      status: "finished",
      started_at: "2026-01-01T09:58:00Z",
      finished_at: "2026-01-01T10:00:00Z",
    };
    const { seen, wait } = answer([
      old,
      old,
      { status: "finished", started_at: "2026-01-02T08:00:00Z", finished_at: "2026-01-02T08:01:00Z" },
    ]);
    const final = await client().hosts.waitForDeploy(116, wait);
    expect(final.finished_at?.toISOString()).toBe("2026-01-02T08:01:00.000Z");
    expect(seen).toHaveLength(3);
  });

  test("with nothing to tell them apart, a final status counts only after one still running", async () => {
    const { seen, wait } = answer(["finished", "finished", "deploying", "finished"]);
    const final = await client().hosts.waitForDeploy(116, wait);
    expect(final.status).toBe("finished");
    expect(seen.map((s) => s.status)).toEqual(["finished", "finished", "deploying", "finished"]);
  });

  test("follows the deployment this client's deploy() started, past an older finished one", async () => {
    const ts = client();
    const started = await ts.hosts.deploy(119, { type: "deploy" });
    expect(started.id).toBeTypeOf("number");
    // The first status answer is an older deployment; the simulator answers the rest.
    server.use(
      http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ data: { id: 1, status: "finished" } }), {
        once: true,
      }),
    );
    const ids: unknown[] = [];
    const final = await ts.hosts.waitForDeploy(119, {
      intervalMs: 1,
      onProgress: (s) => {
        ids.push(s.id);
        t.sim.clock.advance(5_000);
      },
    });
    expect(final).toMatchObject({ id: started.id, status: "finished", outcome: "succeeded" });
    expect(ids[0]).toBe(1);
    expect(ids.slice(1).every((id) => id === started.id)).toBe(true);
  });

  test("a deployment started by deploy() that finished before the wait ends it at once; null options are {}", async () => {
    const ts = client();
    const started = await ts.hosts.deploy(120, { type: "deploy" });
    t.sim.clock.advance(60_000);
    const final = await ts.hosts.waitForDeploy(120, null);
    expect(final).toMatchObject({ id: started.id, status: "finished", outcome: "succeeded" });
  });
});
