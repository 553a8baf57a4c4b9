// Arguments and answers nobody checked: null options, and `validate: false` answers that are not
// objects. Both must end as typed errors or work, never as a TypeError.
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ResponseValidationError } from "../../src/index.js";
import { TURBOSTACK_SIM_TOKEN } from "../../src/testing/turbostack/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("null options are {}", () => {
  test("createTurboStack(null) reads TURBOSTACK_TOKEN and the default page size", async () => {
    vi.stubEnv("TURBOSTACK_TOKEN", TURBOSTACK_SIM_TOKEN);
    const page = await createTurboStack(null).hosts.list().firstPage();
    expect(page.items).toHaveLength(15);
  });

  test("lists take null list options", async () => {
    const ts = client();
    expect(await ts.hosts.list(null as never).toArray()).toHaveLength(42);
    expect((await ts.clients.hosts(1, null as never).toArray()).map((h) => h.client_id)).toContain(1);
    expect((await ts.groups.list(null as never).firstPage()).items.length).toBeGreaterThan(0);
  });
});

describe("validate: false with answers that are not objects", () => {
  const rejectsAsValidation = async (call: Promise<unknown>, raw: unknown) => {
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toEqual(raw);
  };

  test("get() of {data: null} or a string is a ResponseValidationError", async () => {
    server.use(
      http.get(`${API}/hosts/:id`, () => HttpResponse.json({ data: null })),
      http.get(`${API}/clients/:id`, () => HttpResponse.json({ data: null })),
      http.get(`${API}/groups/:id`, () => HttpResponse.json("group 3")),
    );
    const ts = client({ validate: false });
    await rejectsAsValidation(ts.hosts.get(101), null);
    await rejectsAsValidation(ts.clients.get(1), null);
    await rejectsAsValidation(ts.groups.get(3), "group 3");
  });

  test("a list item that is not an object is a ResponseValidationError", async () => {
    server.use(http.get(`${API}/hosts`, () => HttpResponse.json([{ id: 101 }, null])));
    await rejectsAsValidation(client({ validate: false }).hosts.list().toArray(), null);
  });

  test("a nested value where a flag belongs is no flag (and no stack overflow)", async () => {
    const body = (levels: number) => `{"id":101,"active":${"[".repeat(levels)}1${"]".repeat(levels)}}`;
    let levels = 300;
    server.use(
      http.get(
        `${API}/hosts/:id`,
        () => new HttpResponse(body(levels), { headers: { "content-type": "application/json" } }),
      ),
    );
    const host = await client({ validate: false }).hosts.get(101);
    expect(host).toMatchObject({ id: 101, active: undefined });
    // Past core/json.ts's depth bound (512) the body is refused, typed, before anything walks it.
    levels = 20_000;
    await expect(client({ validate: false }).hosts.get(101)).rejects.toBeInstanceOf(ResponseValidationError);
  });
});
