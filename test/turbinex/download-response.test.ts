// withResponse() of a download that the API redirects to storage (the variant dialect's answer).
import { describe, expect, it } from "vitest";
import { bearer } from "../../src/auth/index.js";
import { TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { FAST_RETRIES, useSim } from "../helpers/sim.js";
import { zip } from "./helpers.js";

const tv = useSim("turbinex", { simulator: { variant: true } });

describe("withResponse() of a download served from storage (variant dialect: a redirect)", () => {
  it("reports the storage response the bytes came from, its URL without the signed query", async () => {
    const token = await tv.provider.accessTokenFor(TURBINEX_SIM_USERS.owner);
    const tx = createTurbineX({ ...FAST_RETRIES, auth: bearer(token) });
    const job = await tx.jobs.submit({ file: zip("from storage") });
    tv.sim.clock.advance(10 * 60_000);
    await tx.jobs.waitFor(job.id, { intervalMs: 1 });
    const output = await tx.jobs.downloadOutput(job.id).withResponse();
    await output.data.body.cancel();
    const storage = tv.requests.filter((r) => r.url.startsWith(tv.sim.storage.baseUrl));
    expect(storage).toHaveLength(1);
    const signed = new URL(storage[0]!.url);
    expect(signed.search).not.toBe("");
    expect(output.response.status).toBe(200);
    expect(output.response.url).toBe(`${signed.origin}${signed.pathname}`);
  });
});
