// Issue 17, "the rule", for TurboStack: only the id is required; any other field of an
// unexpected type reads as undefined instead of refusing the whole answer.
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("TurboStack reads every legal answer", () => {
  test("a host whose optional fields have other types than the docs suggest", async () => {
    server.use(
      http.get(`${API}/hosts/:id`, () =>
        HttpResponse.json({
          id: "116",
          client_id: "n/a",
          active: "yes",
          name: 42,
          json: { php: { version: "8.3" } },
          monitoring: [],
          created_at: 1767322800,
          extra: { kept: true },
        }),
      ),
    );
    const host = await client().hosts.get(116);
    expect(host).toMatchObject({
      id: 116,
      client_id: undefined,
      active: undefined,
      name: undefined,
      config: { php: { version: "8.3" } },
      configValid: true,
      monitoring: undefined,
    });
    expect(host.created_at?.toISOString()).toBe("2026-01-02T03:00:00.000Z");
    expect(host.extra).toEqual({ kept: true });
  });

  test("page numbers as text or nonsense, a deploy status with an object message and odd progress", async () => {
    server.use(
      http.get(`${API}/hosts`, () =>
        HttpResponse.json({ data: [{ id: 1 }, { id: 2 }], current_page: "1", last_page: "one", total: null }),
      ),
      http.get(`${API}/hosts/:id/deploy`, () =>
        HttpResponse.json({ status: "running", message: { text: "step 2" }, progress: [50], id: null }),
      ),
    );
    const hosts = await client().hosts.list({ maxPages: 3 }).toArray();
    // A short page (2 of 15) is the last one, whatever the page numbers say.
    expect(hosts.map((h) => h.id)).toEqual([1, 2]);
    const status = await client().hosts.deployStatus(5);
    expect(status).toMatchObject({
      status: "running",
      message: undefined,
      progress: undefined,
      id: undefined,
    });
  });
});
