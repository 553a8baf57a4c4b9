// The standalone form: operations of a small client core (for browser bundles), the same requests
// as the full client's methods; per-call responses (`withResponse`); `withOptions`.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { bearer } from "../../src/auth/index.js";
import { defineCore } from "../../src/core/client.js";
import { InputValidationError } from "../../src/core/errors.js";
import { HttpClient } from "../../src/core/http.js";
import type { LoggedRequest } from "../../src/testing/kit/request-log.js";
import { TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import {
  createNote,
  createTurbineX,
  createTurbineXCore,
  getJob,
  listJobs,
  submitJob,
} from "../../src/turbinex/index.js";
import { FAST_RETRIES, useSim } from "../helpers/sim.js";
import { answerInstead, BASE, zip } from "./helpers.js";

const t = useSim("turbinex");

/** What a request carried, without the parts that differ by nature (none for JSON calls). */
const sent = (r: LoggedRequest | undefined) =>
  r && { method: r.method, url: r.url, headers: Object.fromEntries(r.headers), body: r.body };

async function ownerToken(): Promise<string> {
  return t.provider.accessTokenFor(TURBINEX_SIM_USERS.owner);
}

describe("TurbineX standalone operations", () => {
  it("an operation on a core and the client's method send exactly the same request", async () => {
    const options = { ...FAST_RETRIES, auth: bearer(await ownerToken()) };
    const core = createTurbineXCore(options);
    const tx = createTurbineX(options);
    const input = { body: "same either way", visibility: "org" as const };
    const viaCore = await createNote(core, input);
    const viaClient = await tx.notes.create(input);
    expect(viaCore).toMatchObject({ body: "same either way", visibility: "org" });
    expect(viaClient).toMatchObject({ body: "same either way", visibility: "org" });
    expect(t.requests.paths()).toEqual(["POST /notes", "POST /notes"]);
    expect(sent(t.requests[0])).toEqual(sent(t.requests[1]));
    expect(JSON.parse(t.requests[0]!.body)).toEqual({ body: "same either way", visibility: "org" });

    const job = await submitJob(core, { file: zip("standalone") });
    t.requests.clear();
    await getJob(core, job.id);
    await tx.jobs.get(job.id);
    await listJobs(core, { pageSize: 2 }).firstPage();
    await tx.jobs.list({ pageSize: 2 }).firstPage();
    expect(t.requests.paths()).toEqual([
      `GET /jobs/${job.id}`,
      `GET /jobs/${job.id}`,
      "GET /jobs",
      "GET /jobs",
    ]);
    expect(sent(t.requests[0])).toEqual(sent(t.requests[1]));
    expect(sent(t.requests[2])).toEqual(sent(t.requests[3]));
    expect(t.requests[2]?.url).toBe(`${BASE}/jobs?page=1&page_size=2`);
  });

  it("a standalone operation takes the full client too", async () => {
    const tx = createTurbineX({ ...FAST_RETRIES, auth: bearer(await ownerToken()) });
    const job = await submitJob(tx, { file: zip("client as core"), name: "via client" });
    expect((await getJob(tx, job.id)).name).toBe("via client");
  });

  it("an object not made by turbokit, or another provider's core, is refused as `client` before sending", async () => {
    const fake = { baseUrl: BASE, lastRateLimit: undefined };
    const error = await getJob(fake, "job_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("client");
    expect(() => listJobs(fake)).toThrow(expect.objectContaining({ field: "client" }));
    const other = defineCore({
      http: new HttpClient({
        name: "TurboStack",
        defaultBaseUrl: "https://api.turbostack.test",
        auth: bearer("x"),
      }),
    });
    await expect(getJob(other, "job_1")).rejects.toMatchObject({ field: "client" });
    expect(t.requests.length).toBe(0);
  });
});

describe("TurbineX per-call responses", () => {
  it("withResponse() gives the data with the status, headers and request id it was read from", async () => {
    const tx = createTurbineX({ ...FAST_RETRIES, auth: bearer(await ownerToken()) });
    const job = await tx.jobs.submit({ file: zip("with response") });
    t.server.use(
      http.get(`${BASE}/jobs/${job.id}`, () =>
        HttpResponse.json(
          { id: job.id, status: "running" },
          { headers: { "x-request-id": "req_tx_42", "x-ratelimit-limit": "300" } },
        ),
      ),
    );
    const { data, response, requestId } = await tx.jobs.get(job.id).withResponse();
    expect(data).toMatchObject({ id: job.id, status: "running" });
    expect(requestId).toBe("req_tx_42");
    expect(response.status).toBe(200);
    expect(response.method).toBe("GET");
    expect(response.url).toBe(`${BASE}/jobs/${job.id}`);
    expect(response.headers.get("x-ratelimit-limit")).toBe("300");

    const created = await tx.studies.create({ name: "raw" }).asResponse();
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "raw" });
  });

  it("withResponse() on a submit reports the submit's answer, a wait the last poll's, a download its own", async () => {
    const tx = createTurbineX({ ...FAST_RETRIES, auth: bearer(await ownerToken()) });
    const submitted = await tx.jobs.submit({ file: zip("wait with response") }).withResponse();
    expect(submitted.response.status).toBe(201);
    expect(submitted.response.method).toBe("POST");
    t.sim.clock.advance(10 * 60_000);
    const waited = await tx.jobs.waitFor(submitted.data.id, { intervalMs: 1 }).withResponse();
    expect(waited.data.status).toBe("succeeded");
    expect(waited.response.url).toBe(`${BASE}/jobs/${submitted.data.id}`);
    const output = await tx.jobs.downloadOutput(submitted.data.id).withResponse();
    expect(output.response.url).toBe(`${BASE}/jobs/${submitted.data.id}/output`);
    expect(output.response.headers.get("content-type")).toBe("application/zip");
    expect(output.data.contentType).toBe("application/zip");
    await output.data.body.cancel();
  });
});

describe("TurbineX withOptions", () => {
  it("refuses to carry a login session to another baseUrl (its tokens belong to this API)", async () => {
    const tx = t.client();
    const error = (() => {
      try {
        tx.withOptions({ baseUrl: "https://staging.turbinex.example" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({ field: "auth" });
    const staging = tx.withOptions({
      baseUrl: "https://staging.turbinex.example",
      auth: bearer("txp_staging_token"),
    });
    expect(staging.baseUrl).toBe("https://staging.turbinex.example");
  });

  it("changes the one option given and keeps the rest (auth, base URL, headers); the original is unchanged", async () => {
    const token = await ownerToken();
    const tx = createTurbineX({
      ...FAST_RETRIES,
      auth: bearer(token),
      headers: { "X-Team": "wind", "X-App": "a" },
    });
    const solar = tx.withOptions({ headers: { "X-Team": "solar" } });
    expect(solar.baseUrl).toBe(tx.baseUrl);
    await solar.usage.get();
    await tx.usage.get();
    const [changed, original] = t.requests;
    expect(changed?.headers.get("x-team")).toBe("solar");
    expect(changed?.headers.get("x-app")).toBeNull();
    expect(changed?.headers.get("authorization")).toBe(`Bearer ${token}`);
    expect(original?.headers.get("x-team")).toBe("wind");
    expect(original?.headers.get("x-app")).toBe("a");

    const strict = tx.withOptions({ maxRetries: 0 });
    answerInstead(t, "get", "/org", () => HttpResponse.json({ detail: "busy" }, { status: 503 }));
    t.requests.clear();
    await expect(strict.org.get()).rejects.toMatchObject({ status: 503 });
    expect(t.requests.paths()).toEqual(["GET /org"]);
    await expect(tx.org.get()).rejects.toMatchObject({ status: 503 });
    expect(t.requests.paths()).toEqual(Array(1 + 3).fill("GET /org"));
    expect(strict.lastRateLimit).toBeUndefined();
  });

  it("shares the rate limiter (one quota) unless it sets its own", async () => {
    const tx = createTurbineX({
      ...FAST_RETRIES,
      auth: bearer(await ownerToken()),
      rateLimit: { perMinute: 1, windowMs: 400 },
    });
    const other = tx.withOptions({ headers: { "X-Team": "solar" } });
    const t0 = Date.now();
    await tx.usage.get();
    await other.usage.get();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);

    const own = tx.withOptions({ rateLimit: { perMinute: 5 } });
    const t1 = Date.now();
    await own.usage.get();
    await own.usage.get();
    expect(Date.now() - t1).toBeLessThan(300);
  });
});
