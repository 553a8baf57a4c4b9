import { describe, expect, it } from "vitest";
import { useSim } from "../helpers/sim.js";

describe("useSim: the one test harness", () => {
  const t = useSim("turbostack");
  let firstSim: unknown;

  it("serves a fresh simulator and logs what it received", async () => {
    firstSim = t.sim;
    const client = t.client();
    const host = await client.hosts.get(101);
    expect(host.id).toBe(101);
    expect(t.requests.paths()).toEqual(["GET /api/v1/hosts/101"]);
    expect(t.requests[0]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("gives the next test its own simulator and an empty log", () => {
    expect(t.sim).not.toBe(firstSim);
    expect(t.requests.length).toBe(0);
  });
});
