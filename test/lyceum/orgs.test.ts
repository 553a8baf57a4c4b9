import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { apiKey, jwtSession } from "../../src/auth/index.js";
import {
  ConflictError,
  InputValidationError,
  NotFoundError,
  PermissionDeniedError,
} from "../../src/core/errors.js";
import { DEFAULT_USER, SECOND_USER } from "../../src/testing/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");
const ada = { email: DEFAULT_USER.email, password: DEFAULT_USER.password };
const grace = { email: SECOND_USER.email, password: SECOND_USER.password };

describe("orgs", () => {
  it("lists the caller's orgs with roles and the default flag", async () => {
    const orgs = await t.client().orgs.list().toArray();
    expect(orgs.map((o) => [o.slug, o.role, o.is_default])).toEqual([
      ["ada-lab", "owner", true],
      ["shared-team", "member", false],
    ]);
    expect(orgs[0]!.created_at).toBeInstanceOf(Date);
    expect(pathsOf(t.requests)).toEqual(["GET /orgs"]);
  });

  it("is lazy: nothing is sent until the paginator is read", async () => {
    const pages = t.client().orgs.list();
    expect(t.requests).toHaveLength(0);
    expect((await pages.firstPage()).items.length).toBe(2);
  });

  it("creates, gets and renames an org (the creator is owner); a taken slug is a 409", async () => {
    const session = t.client({ auth: jwtSession({ credentials: ada }) });
    const created = await session.orgs.create({ name: "Vision Group", slug: "vision" });
    expect(created).toMatchObject({ slug: "vision", name: "Vision Group", role: "owner" });
    expect(JSON.parse(t.requests[1]!.body)).toEqual({ name: "Vision Group", slug: "vision" });
    expect((await session.orgs.get("vision")).name).toBe("Vision Group");
    const renamed = await session.orgs.update("vision", { name: "Vision" });
    expect(renamed.name).toBe("Vision");
    expect(t.requests.at(-1)!.method).toBe("PATCH");
    await expect(session.orgs.create({ name: "again", slug: "vision" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await session.orgs.balance("vision")).balance).toBe("0.00");
    // The ada-lab org key is scoped to its org: the new org is out of its reach.
    await expect(t.client().orgs.get("vision")).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("validates slugs and inputs before sending", async () => {
    await expect(t.client().orgs.get("Bad Slug")).rejects.toMatchObject({ field: "slug" });
    await expect(t.client().orgs.create({ name: "" })).rejects.toMatchObject({ field: "name" });
    await expect(t.client().orgs.create({ name: "x", slug: "UPPER" })).rejects.toMatchObject({
      field: "slug",
    });
    await expect(t.client().orgs.update("ada-lab", {})).rejects.toBeInstanceOf(InputValidationError);
    expect(t.requests).toHaveLength(0);
  });

  it("a member cannot rename; an unknown org is a 404", async () => {
    const session = t.client({ auth: jwtSession({ credentials: ada }) });
    await expect(session.orgs.update("shared-team", { name: "x" })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(session.orgs.get("nowhere")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists members with roles", async () => {
    const members = await t.client().orgs.members("ada-lab").toArray();
    expect(members.map((m) => [m.email, m.role])).toEqual([["ada@example.com", "owner"]]);
  });

  it("reads the balance as a decimal string, never a float", async () => {
    const balance = await t.client().orgs.balance("ada-lab");
    expect(typeof balance.balance).toBe("string");
    expect(balance.balance).toMatch(/^\d+\.\d{2}$/);
    expect(balance.account_suspended).toBe(false);
    // 3 top-ups of 100.00 minus the seeded usage.
    expect(Number(balance.balance)).toBeLessThan(300);
  });

  it("pages transactions with limit/offset until the total", async () => {
    const all = await t.client().orgs.transactions("ada-lab", { pageSize: 4 }).toArray();
    expect(all).toHaveLength(15); // 3 top-ups + 12 usage charges
    const queries = t.requests.map((r) => new URL(r.url).search);
    expect(queries).toEqual([
      "?limit=4&offset=0",
      "?limit=4&offset=4",
      "?limit=4&offset=8",
      "?limit=4&offset=12",
    ]);
    expect(all.every((tx) => typeof tx.amount === "string" && tx.created_at instanceof Date)).toBe(true);
    expect(all.some((tx) => tx.amount?.startsWith("-"))).toBe(true);
    const sum = all.reduce((cents, tx) => cents + Math.round(Number(tx.amount) * 100), 0);
    const balance = await t.client().orgs.balance("ada-lab");
    expect((sum / 100).toFixed(2)).toBe(balance.balance);
    expect(() => t.client().orgs.transactions("ada-lab", { pageSize: 0 })).toThrow(/pageSize/);
  });
});

describe("org API keys", () => {
  it("creates a key shown once (redacted when printed) that carries its org", async () => {
    const key = await t.client().orgs.apiKeys.create("ada-lab", { name: "ci-runner" });
    expect(key.plaintext_key).toMatch(/^lk_[0-9a-f]{40}$/);
    expect(key.prefix).toBe(key.plaintext_key.slice(0, 10));
    expect(String(key)).toBe("[org API key: [redacted]]");
    expect(JSON.stringify({ key })).not.toContain(key.plaintext_key);
    expect(inspect(key)).not.toContain(key.plaintext_key);
    expect(key.reveal().plaintext_key).toBe(key.plaintext_key);

    const withKey = t.client({ auth: apiKey(key.plaintext_key), orgSlug: "shared-team" });
    const quotas = await withKey.quotas.get();
    expect(quotas.org_slug).toBe("ada-lab");
    // The header went out (orgSlug is honoured whatever the auth), but the key's org comes first.
    expect(t.requests.at(-1)!.headers.get("x-org-slug")).toBe("shared-team");

    const listed = await t.client().orgs.apiKeys.list("ada-lab").toArray();
    expect(listed.map((k) => k.name)).toContain("ci-runner");
    expect(JSON.stringify(listed)).not.toContain("plaintext");
  });

  it("sends an expiry as ISO text and refuses one in the past", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const key = await t.client().orgs.apiKeys.create("ada-lab", { name: "short", expiresAt });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({ name: "short", expires_at: expiresAt.toISOString() });
    expect(key.expires_at?.getTime()).toBe(expiresAt.getTime());
    await expect(
      t.client().orgs.apiKeys.create("ada-lab", { name: "old", expiresAt: "2001-01-01T00:00:00Z" }),
    ).rejects.toMatchObject({ field: "expiresAt" });
  });

  it("deletes a key; the deleted key stops working", async () => {
    const key = await t.client().orgs.apiKeys.create("ada-lab", { name: "temp" });
    const user = t.client({ auth: apiKey(key.plaintext_key) });
    expect((await user.quotas.get()).org_slug).toBe("ada-lab");
    await t.client().orgs.apiKeys.delete("ada-lab", key.id!);
    await expect(user.quotas.get()).rejects.toMatchObject({ status: 401 });
    await expect(t.client().orgs.apiKeys.delete("ada-lab", key.id!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a member cannot list or create keys (403), nor can an org key reach another org", async () => {
    const memberKey = t.client({ auth: apiKey("lk_sim_shared_team_0001") });
    await expect(memberKey.orgs.apiKeys.create("shared-team", { name: "x" })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(memberKey.orgs.apiKeys.list("shared-team").toArray()).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(memberKey.orgs.balance("ada-lab")).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("never retries a key creation", async () => {
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/orgs/ada-lab/api-keys`, () => {
        calls++;
        return HttpResponse.json({ detail: "boom" }, { status: 503 });
      }),
    );
    await expect(t.client().orgs.apiKeys.create("ada-lab", { name: "x" })).rejects.toMatchObject({
      status: 503,
    });
    expect(calls).toBe(1);
  });
});

describe("invites", () => {
  it("invite → view → accept once (a second accept is 409) → member", async () => {
    const invite = await t.client().orgs.invites.create("ada-lab", { email: grace.email, role: "member" });
    expect(invite).toMatchObject({
      email: grace.email,
      role: "member",
      status: "pending",
      org_slug: "ada-lab",
    });
    expect(invite.token).toMatch(/^invt_/);
    const listed = await t.client().orgs.invites.list("ada-lab").toArray();
    expect(listed.map((i) => i.email)).toEqual([grace.email]);

    const g = t.client({ auth: jwtSession({ credentials: grace }) });
    const mine = await g.orgs.invites.mine().toArray();
    expect(mine.map((i) => i.org_slug)).toEqual(["ada-lab"]);
    const viewed = await g.orgs.invites.view(invite.token!);
    expect(viewed).toMatchObject({ org_slug: "ada-lab", status: "pending", role: "member" });
    expect(viewed.token).toBeUndefined();

    const accepted = await g.orgs.invites.accept(invite.token!);
    expect(accepted).toMatchObject({ org_slug: "ada-lab", role: "member" });
    const again = await g.orgs.invites.accept(invite.token!).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).not.toContain(invite.token!);
    expect((await g.orgs.invites.view(invite.token!)).status).toBe("accepted");
    expect(await g.orgs.invites.mine().toArray()).toEqual([]);

    const members = await t.client().orgs.members("ada-lab").toArray();
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["ada@example.com", "owner"],
      ["grace@example.com", "member"],
    ]);
    // Grace, now a plain member of ada-lab, cannot invite or manage keys there.
    const asMember = t.client({ auth: jwtSession({ credentials: grace }), orgSlug: "ada-lab" });
    await expect(asMember.orgs.invites.create("ada-lab", { email: "x@example.com" })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(asMember.orgs.apiKeys.create("ada-lab", { name: "x" })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it("only the invited email can accept; unknown tokens are 404", async () => {
    const invite = await t.client().orgs.invites.create("ada-lab", { email: "someone@example.com" });
    const g = t.client({ auth: jwtSession({ credentials: grace }) });
    await expect(g.orgs.invites.accept(invite.token!)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(g.orgs.invites.view("invt_nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a member cannot create or list invites (403); inputs are checked first", async () => {
    const memberKey = t.client({ auth: apiKey("lk_sim_shared_team_0001") });
    await expect(
      memberKey.orgs.invites.create("shared-team", { email: "x@example.com" }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(memberKey.orgs.invites.list("shared-team").toArray()).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const before = t.requests.length;
    await expect(t.client().orgs.invites.create("ada-lab", { email: "not-an-email" })).rejects.toMatchObject({
      field: "email",
    });
    await expect(
      t.client().orgs.invites.create("ada-lab", { email: "a@b.co", role: "god" as never }),
    ).rejects.toMatchObject({ field: "role" });
    await expect(t.client().orgs.invites.accept("")).rejects.toMatchObject({ field: "token" });
    expect(t.requests.length).toBe(before);
  });
});
