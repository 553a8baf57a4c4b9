import { describe, expect, it } from "vitest";
import { createSimulator, LYCEUM_SIM_API_KEY } from "../../src/testing/index.js";
import { readBody } from "../../src/testing/kit/body.js";
import { Reject } from "../../src/testing/kit/fastapi.js";
import { intQueries } from "../../src/testing/kit/queries.js";

describe("intQueries", () => {
  const specs = { limit: [50, 1, 500], offset: [0, 0, 1_000] } as const;

  it("reads each bounded integer, or its fallback when absent", () => {
    expect(intQueries(new URL("https://x.test/?limit=7"), specs)).toEqual({ limit: 7, offset: 0 });
  });

  it("lists every bad parameter in one 422, as FastAPI does", async () => {
    let thrown: unknown;
    try {
      intQueries(new URL("https://x.test/?limit=0&offset=abc"), specs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Reject);
    const response = (thrown as Reject).response;
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [
        {
          loc: ["query", "limit"],
          msg: "Input should be greater than or equal to 1",
          type: "greater_than_equal",
        },
        { loc: ["query", "offset"], msg: "Input should be a valid integer", type: "int_parsing" },
      ],
    });
  });
});

describe("readBody", () => {
  const post = (body: string) => new Request("https://x.test/", { method: "POST", body });

  it("answers a body that is not JSON with the 422 json_invalid", async () => {
    const check = await readBody(post("{nope"));
    expect(check).toBeInstanceOf(Response);
    expect(await (check as Response).json()).toEqual({
      detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }],
    });
  });

  it("checks a JSON body that is not an object as {}: its required fields are missing", async () => {
    const check = await readBody(post("[1, 2]"));
    if (check instanceof Response) throw new Error("expected a BodyCheck");
    expect(check.string("name", { required: true })).toBeUndefined();
    expect(check.issues).toEqual([{ loc: ["body", "name"], msg: "Field required", type: "missing" }]);
  });

  it("hands an object body over as it is", async () => {
    const check = await readBody(post('{"name": "ada"}'));
    if (check instanceof Response) throw new Error("expected a BodyCheck");
    expect(check.string("name", { required: true })).toBe("ada");
    expect(check.failed).toBeUndefined();
  });
});

describe("the Lyceum simulator's auth guard", () => {
  it("answers a Reject thrown inside a guarded route (two bad log parameters: one 422 naming both)", async () => {
    const sim = createSimulator({ providers: { lyceum: true } });
    const base = sim.baseUrl("lyceum");
    const response = await sim.handle(
      new Request(`${base}/logs/user?limit=0&hours=999`, {
        headers: { authorization: `Bearer ${LYCEUM_SIM_API_KEY}` },
      }),
      sim.providers.lyceum.handlers(base),
    );
    expect(response?.status).toBe(422);
    expect(await response?.json()).toEqual({
      detail: [
        {
          loc: ["query", "limit"],
          msg: "Input should be greater than or equal to 1",
          type: "greater_than_equal",
        },
        { loc: ["query", "hours"], msg: "Input should be less than or equal to 24", type: "less_than_equal" },
      ],
    });
  });

  it("checks credentials before a route reads anything (no key: 401, even with bad parameters)", async () => {
    const sim = createSimulator({ providers: { lyceum: true } });
    const base = sim.baseUrl("lyceum");
    const response = await sim.handle(
      new Request(`${base}/logs/user?limit=0`),
      sim.providers.lyceum.handlers(base),
    );
    expect(response?.status).toBe(401);
    expect(await response?.json()).toEqual({ detail: "Not authenticated" });
  });
});
