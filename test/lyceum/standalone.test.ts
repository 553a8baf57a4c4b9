import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { apiKey, jwtSession } from "../../src/auth/index.js";
import { APIPromise } from "../../src/core/api-promise.js";
import { InputValidationError } from "../../src/core/errors.js";
import {
  createLyceumCore,
  getRun,
  getVmAvailability,
  listVms,
  startPythonRun,
} from "../../src/lyceum/index.js";
import { type LoggedRequest, LYCEUM_SIM_API_KEY } from "../../src/testing/index.js";
import { FAST_RETRIES, useSim } from "../helpers/sim.js";
import { BASE } from "./helpers.js";

const t = useSim("lyceum");

/** What a request carried, minus nothing: method, URL, every header and the body. */
function sent(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: request.body,
  };
}

describe("standalone operations", () => {
  it("on a core and on a full client send exactly the same request", async () => {
    const options = { ...FAST_RETRIES, auth: apiKey(LYCEUM_SIM_API_KEY), orgSlug: "shared-team" };
    const core = createLyceumCore(options);
    const client = t.client({ orgSlug: "shared-team" });
    const input = { code: "print(1)", machine: "cpu", timeout: 30, requirements: ["numpy"] };

    const fromCore = await startPythonRun(core, input);
    const fromClient = await client.runs.python(input);
    expect(t.requests).toHaveLength(2);
    expect(sent(t.requests[0]!)).toEqual(sent(t.requests[1]!));
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      code: "print(1)",
      nbcode: 0,
      requirements_content: "numpy",
      timeout: 30,
      execution_type: "cpu",
    });
    expect(t.requests[0]!.headers.get("x-org-slug")).toBe("shared-team");

    t.requests.clear();
    const runA = await getRun(core, fromCore.execution_id);
    const runB = await getRun(client, fromCore.execution_id);
    await client.runs.get(fromClient.execution_id);
    expect(runA).toEqual(runB);
    expect(sent(t.requests[0]!)).toEqual(sent(t.requests[1]!));
    expect(t.requests.paths()).toEqual([
      `GET /api/v2/external/execution/${fromCore.execution_id}`,
      `GET /api/v2/external/execution/${fromCore.execution_id}`,
      `GET /api/v2/external/execution/${fromClient.execution_id}`,
    ]);
  });

  it("return an APIPromise; paginators stay paginators", async () => {
    const core = t.client();
    const promise = getVmAvailability(core);
    expect(promise).toBeInstanceOf(APIPromise);
    await promise;
    expect(await listVms(core).toArray()).toEqual([]);
    expect(t.requests.paths()).toEqual([
      "GET /api/v2/external/vms/availability",
      "GET /api/v2/external/vms/list",
    ]);
  });

  it("refuse anything that is not a turbokit client or core, before sending", async () => {
    await expect(getRun({ baseUrl: BASE, lastRateLimit: undefined }, "r1")).rejects.toMatchObject({
      field: "client",
    });
    await expect(getRun({} as never, "r1")).rejects.toBeInstanceOf(InputValidationError);
    expect(t.requests).toHaveLength(0);
  });
});

describe("withResponse() and the client core members", () => {
  it("gives the data with the response's status and request id", async () => {
    t.server.use(
      http.get(`${BASE}/execution/streaming/:id/status`, ({ params }) =>
        HttpResponse.json(
          { execution_id: params.id, status: "running" },
          { status: 200, headers: { "x-request-id": "req_ly_7", "x-ratelimit-remaining": "41" } },
        ),
      ),
    );
    const client = t.client();
    const { data, response, requestId } = await client.runs.status("run-9").withResponse();
    expect(data).toMatchObject({ execution_id: "run-9", status: "running" });
    expect(requestId).toBe("req_ly_7");
    expect(response.status).toBe(200);
    expect(response.method).toBe("GET");
    expect(response.url).toBe(`${BASE}/execution/streaming/run-9/status`);
    expect(client.lastRateLimit?.remaining).toBe(41);
    expect(client.baseUrl).toBe(BASE);
    expect("http" in client).toBe(false);
  });

  it("a wait's withResponse() is the response of its last poll", async () => {
    const run = await t.client().runs.python({ code: 'print("x")' });
    const { data, response } = await t
      .client()
      .runs.waitFor(run.execution_id, { intervalMs: 1, onProgress: () => t.sim.clock.advance(700) })
      .withResponse();
    expect(data.status).toBe("completed");
    const polls = t.requests.filter((r) => r.path.endsWith("/status"));
    expect(polls.length).toBeGreaterThan(1);
    expect(response.url).toBe(polls.at(-1)!.url);
    expect(response.url).toBe(`${BASE}/execution/streaming/${run.execution_id}/status`);
    expect(response.attempt).toBe(1);
  });

  it("a failed call rejects withResponse() with the same typed error", async () => {
    const error = await t
      .client()
      .runs.status("no-such-run")
      .withResponse()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
  });

  it("withOptions refuses to carry a login session to another baseUrl or MFA code source", () => {
    const client = t.client({
      auth: jwtSession({ credentials: { email: "ada@example.com", password: "correct horse" } }),
    });
    expect(() => client.withOptions({ baseUrl: "https://staging.lyceum.example/api/v2/external" })).toThrow(
      expect.objectContaining({ field: "auth" }),
    );
    expect(() => client.withOptions({ mfaCode: () => "123456" })).toThrow(InputValidationError);
    const other = client.withOptions({
      baseUrl: "https://staging.lyceum.example/api/v2/external",
      auth: apiKey(LYCEUM_SIM_API_KEY),
    });
    expect(other.baseUrl).toBe("https://staging.lyceum.example/api/v2/external");
  });

  it("withOptions keeps the other options (auth, org) and changes the given ones", async () => {
    const client = t.client({ orgSlug: "shared-team", headers: { "x-trace": "one" } });
    const other = client.withOptions({ headers: { "x-trace": "two" } });
    await other.quotas.get();
    await client.quotas.get();
    const [fromOther, fromFirst] = t.requests;
    expect(fromOther!.headers.get("x-org-slug")).toBe("shared-team");
    expect(fromOther!.headers.get("authorization")).toBe(`Bearer ${LYCEUM_SIM_API_KEY}`);
    expect(fromOther!.headers.get("x-trace")).toBe("two");
    expect(fromFirst!.headers.get("x-trace")).toBe("one");
    expect(other.withOptions({ orgSlug: "ada-lab" }).baseUrl).toBe(BASE);
  });
});
