import { describe, expect, test } from "vitest";
import { PermissionDeniedError } from "../../src/core/errors.js";
import { NotFoundError } from "../../src/index.js";
import { useSim } from "../helpers/sim.js";

const t = useSim("turbostack");
const { client } = t;

describe("clients", () => {
  test("list() is lazy and yields only the clients the token may see", async () => {
    const ts = client();
    const before = t.requests.length;
    const paginator = ts.clients.list();
    expect(t.requests.length).toBe(before);
    const clients = await paginator.toArray();
    expect(clients.map((c) => c.id)).toEqual([1, 2]);
    expect(clients[0]?.email).toBe("anna.keller@client1.example");
    expect(clients[0]?.created_at).toBeInstanceOf(Date);
    expect(t.requests.paths().slice(before)).toEqual(["GET /api/v1/clients"]);
  });

  test("get() unwraps {data} and types the record", async () => {
    const c = await client().clients.get(2);
    expect(c.id).toBe(2);
    expect(c.firstname).toBe("Jonas");
    expect(c.lastname).toBe("Brandt");
    expect(c.email).toBe(c.email);
  });

  test("get() of another customer's client is a PermissionDeniedError, unknown is NotFoundError", async () => {
    await expect(client().clients.get(3)).rejects.toBeInstanceOf(PermissionDeniedError);
    const error = await client()
      .clients.get(99)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).message).toContain("No query results");
  });

  test("hosts(id) pages through the client's 24 hosts at size 15", async () => {
    const pages = [];
    for await (const page of client().clients.hosts(1).pages()) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([15, 9]);
    expect(pages[0]?.total).toBe(24);
    expect(pages.flatMap((p) => p.items).every((h) => h.client_id === 1)).toBe(true);
    expect(pages[0]?.items[0]?.monitoring?.load).toBeTypeOf("object");
  });

  test("hosts(id) honours size and page", async () => {
    const before = t.requests.length;
    const hosts = await client().clients.hosts("2", { size: 5, page: 3 }).toArray();
    expect(hosts.map((h) => h.id)).toEqual([135, 136, 137, 138, 139, 140, 141, 142]);
    expect(t.requests.length - before).toBe(2);
  });

  test("groups(id) lists the client's groups with parsed config", async () => {
    const groups = await client().clients.groups(1).toArray();
    expect(groups.map((g) => g.id)).toEqual([11, 12]);
    expect(groups[0]?.config?.timezone).toBe("Europe/Berlin");
    expect(groups[0]?.json).toBeTypeOf("string");
  });

  test("hosts(id) of a foreign client fails on first iteration, not before", async () => {
    const paginator = client().clients.hosts(3);
    await expect(paginator.toArray()).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe("groups", () => {
  test("list() yields the token's client groups and the platform-wide ones", async () => {
    const groups = await client().groups.list().toArray();
    expect(groups.map((g) => g.id)).toEqual([11, 12, 21, 22, 1, 2]);
    expect(groups.find((g) => g.id === 1)?.client_id).toBeUndefined();
    expect(groups.find((g) => g.id === 21)?.client_id).toBe(2);
  });

  test("get() reads one group; another client's is 403, an unknown one 404", async () => {
    const group = await client().groups.get("22");
    expect(group).toMatchObject({ id: 22, client_id: 2, name: "client2-ssh-keys", configValid: true });
    expect(group.config?.ssh_keys).toEqual(["ssh-ed25519 AAAA22 admin@example"]);
    await expect(client().groups.get(31)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(client().groups.get(99)).rejects.toBeInstanceOf(NotFoundError);
  });
});
