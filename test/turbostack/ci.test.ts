// Issue 17.6: TurboStack for CI scripts — the login from a credentials answer of any usual shape,
// read–modify–write of groups, and deploy waits against bare `{status}` answers.
import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { SETTLED_FINAL_POLLS } from "../../src/turbostack/deploy.js";
import type { DeployStatus } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("credentials.login finds the usual names", () => {
  const shapes: [string, unknown, unknown][] = [
    [
      "ssh_user / ssh_password",
      { data: { ssh_user: "deploy", ssh_password: "pw-ssh-1234", ssh_port: "2222", ip: "10.0.0.9" } },
      { username: "deploy", password: "pw-ssh-1234", host: "10.0.0.9", port: 2222 },
    ],
    [
      "user / pass nested under ssh",
      { data: { hostname: "web-1.example", ssh: { user: "web", pass: "pw-nested-99" } } },
      { username: "web", password: "pw-nested-99", host: "web-1.example", port: undefined },
    ],
    [
      "the first of system_users",
      { system_users: [{ username: "app", password: "pw-array-77" }, { username: "other" }] },
      { username: "app", password: "pw-array-77", host: undefined, port: undefined },
    ],
    [
      "Username / Password, any case",
      { Username: "Ops", Password: "pw-case-55" },
      { username: "Ops", password: "pw-case-55", host: undefined, port: undefined },
    ],
  ];
  test.each(shapes)("%s", async (_label, body, login) => {
    server.use(http.get(`${API}/hosts/:id/credentials`, () => HttpResponse.json(body as never)));
    const creds = await client().hosts.credentials(120);
    expect(creds.login).toEqual(login);
    // The login is part of the secret record: never printed.
    expect(JSON.stringify(creds)).not.toContain((login as { password: string }).password);
  });

  test("the simulator's own answer; no user anywhere is undefined", async () => {
    const creds = await client().hosts.credentials(120);
    expect(creds.login).toEqual({
      username: "ts120",
      password: t.provider.state.hosts.get(120)?.credentials.password,
      host: t.provider.state.hosts.get(120)?.name,
      port: 22,
    });
    server.use(
      http.get(`${API}/hosts/:id/credentials`, () => HttpResponse.json({ data: { db_password: "x" } })),
    );
    expect((await client().hosts.credentials(120)).login).toBeUndefined();
  });
});

describe("groups.updateConfig", () => {
  test("reads the group, edits a copy, posts the whole document", async () => {
    const result = await client().groups.updateConfig(11, (config) => {
      config.timezone = "UTC";
    });
    expect(result.before).toEqual({
      timezone: "Europe/Berlin",
      ssh_keys: ["ssh-ed25519 AAAA11 admin@example"],
    });
    expect(result.after).toEqual({ timezone: "UTC", ssh_keys: ["ssh-ed25519 AAAA11 admin@example"] });
    expect(result.saved.id).toBe(11);
    expect(t.requests.paths()).toEqual(["GET /api/v1/groups/11", "POST /api/v1/groups/11"]);
    expect(JSON.parse(t.requests[1]?.body ?? "")).toEqual({ json: result.after });
    expect(JSON.parse(t.provider.state.groups.get(11)?.json ?? "{}")).toEqual(result.after);
  });

  test("refuses before writing when the stored document is not JSON, and checks its arguments", async () => {
    t.provider.state.groups.get(12)!.json = '{"broken';
    const before = t.requests.length;
    const error = await client()
      .groups.updateConfig(12, () => ({}))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("ResponseValidationError");
    expect(t.requests.paths().slice(before)).toEqual(["GET /api/v1/groups/12"]);
    await expect(client().groups.updateConfig(12, "x" as never)).rejects.toMatchObject({ field: "edit" });
  });
});

describe("waitForDeploy against bare {status} answers", () => {
  test("after this client's deploy() (answered without an id), a final status after a running one ends the wait", async () => {
    let polls = 0;
    server.use(
      http.post(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ status: "queued" })),
      http.get(`${API}/hosts/:id/deploy`, () => {
        polls++;
        return HttpResponse.json({ status: polls < 2 ? "running" : "success" });
      }),
    );
    const ts = client();
    const started = await ts.hosts.deploy(116, { type: "deploy" });
    expect(started).toMatchObject({ id: undefined, status: "queued", done: false });
    const final = await ts.hosts.waitForDeploy(116, { intervalMs: 1, timeoutMs: 5_000 });
    expect(final).toMatchObject({ status: "success", outcome: "succeeded" });
    expect(polls).toBe(2);

    // A deploy that finished before the first poll: settled after a few polls, no run to the timeout.
    polls = 5;
    await ts.hosts.deploy(116, { type: "deploy" });
    const quick = await ts.hosts.waitForDeploy(116, { intervalMs: 1, timeoutMs: 5_000 });
    expect(quick.status).toBe("success");
    expect(polls).toBe(5 + SETTLED_FINAL_POLLS + 1);
  });

  test("the previous deployment's failure at the first poll is not taken for ours", async () => {
    const answers = ["failed", "running", "success"];
    server.use(
      http.post(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ status: "queued" })),
      http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ status: answers.shift() ?? "success" })),
    );
    const ts = client();
    await ts.hosts.deploy(119, { type: "deploy" });
    const final = await ts.hosts.waitForDeploy(119, {
      intervalMs: 1,
      timeoutMs: 5_000,
      throwOnFailure: true,
    });
    expect(final).toMatchObject({ status: "success", outcome: "succeeded" });
    expect(answers).toEqual([]);
  });

  test("without a deploy() of ours, a final status that never changes ends the wait after a few polls", async () => {
    const seen: DeployStatus[] = [];
    server.use(http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ status: "finished" })));
    const final = await client().hosts.waitForDeploy(117, {
      intervalMs: 1,
      timeoutMs: 5_000,
      onProgress: (s) => void seen.push(s),
    });
    expect(final.status).toBe("finished");
    expect(seen).toHaveLength(SETTLED_FINAL_POLLS + 1);
  });

  test("caller-given finalStates end a deploy wait; the outcome stays unknown", async () => {
    const answers = ["publishing", "published"];
    server.use(http.get(`${API}/hosts/:id/deploy`, () => HttpResponse.json({ status: answers.shift() })));
    const final = await client().hosts.waitForDeploy(118, { intervalMs: 1, finalStates: ["Published"] });
    expect(final).toMatchObject({ status: "published", done: true, outcome: undefined });
    await expect(
      client().hosts.waitForDeploy(118, { finalStates: "published" as never }),
    ).rejects.toMatchObject({
      field: "finalStates",
    });
  });
});
