import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

const host = (id: number | string, extra: Record<string, unknown> = {}) => ({
  id,
  client_id: "1",
  active: 1,
  name: `h${id}`,
  json: "{}",
  ...extra,
});

/** Serves `total` hosts from a fixed list with the given envelope builder; records requested pages. */
function serveHosts(
  total: number,
  envelope: (items: unknown[], page: number, size: number, lastPage: number) => unknown,
): string[] {
  const seen: string[] = [];
  const all = Array.from({ length: total }, (_, i) => host(i + 1));
  server.use(
    http.get(`${API}/hosts`, ({ request }) => {
      const url = new URL(request.url);
      const size = Number(url.searchParams.get("size") ?? 15);
      const page = Number(url.searchParams.get("page") ?? 1);
      seen.push(`${page}/${size}`);
      const lastPage = Math.max(1, Math.ceil(total / size));
      return HttpResponse.json(
        envelope(all.slice((page - 1) * size, page * size), page, size, lastPage) as never,
      );
    }),
  );
  return seen;
}

describe("list envelopes", () => {
  test("a bare array: next page while pages are full, stop on a short page", async () => {
    const seen = serveHosts(33, (items) => items);
    const hosts = await client().hosts.list().toArray();
    expect(hosts).toHaveLength(33);
    expect(seen).toEqual(["1/15", "2/15", "3/15"]);
  });

  test("a bare array that ends on a full page stops on the following empty page", async () => {
    const seen = serveHosts(30, (items) => items);
    const hosts = await client().hosts.list().toArray();
    expect(hosts).toHaveLength(30);
    expect(seen).toEqual(["1/15", "2/15", "3/15"]);
  });

  test("Laravel flat paginator: current_page/last_page and next_page_url", async () => {
    const seen = serveHosts(45, (items, page, size, lastPage) => ({
      current_page: page,
      data: items,
      first_page_url: "https://my.turbostack.app/api/v1/hosts?page=1",
      last_page: lastPage,
      links: [{ url: null, label: "&laquo; Previous", active: false }],
      next_page_url: page < lastPage ? `https://my.turbostack.app/api/v1/hosts?page=${page + 1}` : null,
      per_page: String(size),
      total: 45,
    }));
    const pages = [];
    for await (const page of client().hosts.list().pages()) pages.push(page);
    expect(seen).toEqual(["1/15", "2/15", "3/15"]);
    expect(pages.map((p) => p.items.length)).toEqual([15, 15, 15]);
    expect(pages.map((p) => p.next)).toEqual([2, 3, undefined]);
    expect(pages[0]?.total).toBe(45);
  });

  test("Laravel flat paginator without last_page (simplePaginate): a null next_page_url stops", async () => {
    const seen = serveHosts(30, (items, page) => ({
      current_page: page,
      data: items,
      next_page_url: page < 2 ? "https://my.turbostack.app/api/v1/hosts?page=2" : null,
      per_page: 15,
    }));
    expect(await client().hosts.list().toArray()).toHaveLength(30);
    expect(seen).toEqual(["1/15", "2/15"]);
  });

  test("Laravel resources: data/links/meta, stopping on links.next = null", async () => {
    const seen = serveHosts(30, (items, page, _size, lastPage) => ({
      data: items,
      links: { next: page < lastPage ? `https://my.turbostack.app/api/v1/hosts?page=${page + 1}` : null },
      meta: { current_page: page, last_page: lastPage, per_page: 15, total: 30 },
    }));
    expect(await client().hosts.list().toArray()).toHaveLength(30);
    expect(seen).toEqual(["1/15", "2/15"]);
  });

  test("meta saying current_page >= last_page stops even when a next link is present", async () => {
    const seen = serveHosts(60, (items) => ({
      data: items,
      links: { next: "https://my.turbostack.app/api/v1/hosts?page=2" },
      meta: { current_page: 1, last_page: 1 },
    }));
    expect(await client().hosts.list().toArray()).toHaveLength(15);
    expect(seen).toEqual(["1/15"]);
  });

  test("a server that ignores page (same page forever) stops at the page cap", async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${API}/hosts`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get("page") ?? "");
        return HttpResponse.json(Array.from({ length: 15 }, (_, i) => host(i + 1)));
      }),
    );
    const hosts = await client().hosts.list({ maxPages: 4 }).toArray();
    expect(hosts).toHaveLength(60);
    expect(seen).toEqual(["1", "2", "3", "4"]);
  });

  test("an empty data page stops", async () => {
    server.use(
      http.get(`${API}/hosts`, () =>
        HttpResponse.json({ data: [], meta: { current_page: 1, last_page: 5 } }),
      ),
    );
    const pages = [];
    for await (const page of client().hosts.list().pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.items).toEqual([]);
  });
});

describe("tolerant items", () => {
  test("ids as numeric strings, active as 0/1/boolean/text, json in every form", async () => {
    server.use(
      http.get(`${API}/clients/:id/hosts`, () =>
        HttpResponse.json([
          host("7", { active: true, json: { a: 1 } }),
          host(8, { active: "0", json: null, monitoring: [] }),
          host(9, { active: false, json: "[]", client_id: null }),
          host("10", { active: "1", json: "not json", monitoring: { load: { "1m": 0.1 }, extra: "x" } }),
        ]),
      ),
    );
    const hosts = await client().clients.hosts(1).toArray();
    expect(hosts.map((h) => h.id)).toEqual([7, 8, 9, 10]);
    expect(hosts.map((h) => h.active)).toEqual([true, false, false, true]);
    expect(hosts.map((h) => h.client_id)).toEqual([1, 1, undefined, 1]);
    expect(hosts.map((h) => h.config)).toEqual([{ a: 1 }, undefined, {}, undefined]);
    expect(hosts.map((h) => h.configValid)).toEqual([true, true, true, false]);
    expect(hosts[1]?.monitoring).toBeUndefined();
    expect(hosts[3]?.monitoring).toEqual({ load: { "1m": 0.1 }, extra: "x" });
  });

  test("unknown fields are kept in raw", async () => {
    server.use(
      http.get(`${API}/groups/:id`, () =>
        HttpResponse.json({ data: { id: "5", name: "g", json: '{"x":1}', priority: 3 } }),
      ),
    );
    const group = await client().groups.get(5);
    expect(group.id).toBe(5);
    expect(group.priority).toBe(3);
    expect(group.config).toEqual({ x: 1 });
  });

  test("single objects bare or wrapped in {data}", async () => {
    const answers: unknown[] = [
      { id: 3, firstname: "Bare", lastname: null, email: "b@example" },
      { data: { id: "3", firstname: "Wrapped", created_at: "2024-05-01 10:00:00" } },
    ];
    server.use(http.get(`${API}/clients/:id`, () => HttpResponse.json(answers.shift() as never)));
    const ts = client();
    const bare = await ts.clients.get(3);
    expect(bare).toMatchObject({ id: 3, firstname: "Bare", lastname: undefined });
    const wrapped = await ts.clients.get(3);
    expect(wrapped).toMatchObject({ id: 3, firstname: "Wrapped" });
    expect(wrapped.created_at?.toISOString()).toBe("2024-05-01T10:00:00.000Z");
  });

  test("validate: false still unwraps envelopes and normalises fields", async () => {
    const ts = client({ validate: false });
    const hosts = await ts.hosts.list({ size: 50 }).toArray();
    expect(hosts).toHaveLength(42);
    const one = await ts.hosts.get(101);
    expect(one.id).toBe(101);
    expect(one.config?.hostname).toBe("web-01.client1.turbostack.net");
  });
});
