import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InputValidationError, NotFoundError } from "../../src/core/errors.js";
import { LYCEUM_SIM_API_KEY } from "../../src/testing/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, formOf, pathsOf } from "./helpers.js";

const t = useSim("lyceum");
const bytes = (s: string) => new TextEncoder().encode(s);

describe("storage", () => {
  it("uploads as multipart (file + key form fields) and lists by prefix", async () => {
    const result = await t.client().storage.upload("data/2026/train set.csv", bytes("a,b\n1,2\n"), {
      contentType: "text/csv",
    });
    expect(result).toMatchObject({ key: "data/2026/train set.csv", size: 8 });
    const form = await formOf(t.requests[0]!);
    expect(form.get("key")).toBe("data/2026/train set.csv");
    const file = form.get("file") as File;
    expect(file.name).toBe("train set.csv");
    expect(file.type).toBe("text/csv");
    await t.client().storage.upload("other.txt", new Blob(["x"]));
    const all = await t.client().storage.list().toArray();
    expect(all.map((f) => f.key)).toEqual(["data/2026/train set.csv", "other.txt"]);
    expect(all[0]!.last_modified).toBeInstanceOf(Date);
    const some = await t.client().storage.list({ prefix: "data/", maxFiles: 10 }).toArray();
    expect(some.map((f) => [f.key, f.size])).toEqual([["data/2026/train set.csv", 8]]);
    const url = new URL(t.requests.at(-1)!.url);
    expect(url.searchParams.get("prefix")).toBe("data/");
    expect(url.searchParams.get("max_files")).toBe("10");
  });

  it("uploads a ReadableStream body", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes("chunk1-"));
        c.enqueue(bytes("chunk2"));
        c.close();
      },
    });
    expect((await t.client().storage.upload("s.bin", stream)).size).toBe(13);
  });

  it("downloads as a stream, keys with / and special characters encoded per segment", async () => {
    await t.client().storage.upload("runs/a b/ü?#.txt", bytes("hello stream"));
    const progress: number[] = [];
    const download = await t.client().storage.download("runs/a b/ü?#.txt", {
      onProgress: (p) => progress.push(p.transferredBytes),
    });
    expect(download.size).toBe(12);
    expect(download.fileName).toBe("ü?#.txt");
    expect(download.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(download.body).text()).toBe("hello stream");
    expect(progress.at(-1)).toBe(12);
    expect(pathsOf(t.requests).at(-1)).toBe("GET /storage/download/runs/a%20b/%C3%BC%3F%23.txt");
  });

  it("deletes a key and a folder; missing keys are NotFoundError", async () => {
    for (const key of ["f/1.txt", "f/2.txt", "f/sub/3.txt", "g/4.txt", "f.txt"])
      await t.client().storage.upload(key, bytes(key));
    await t.client().storage.delete("g/4.txt");
    await expect(t.client().storage.delete("g/4.txt")).rejects.toBeInstanceOf(NotFoundError);
    await t.client().storage.deleteFolder("f/");
    expect((await t.client().storage.list().toArray()).map((f) => f.key)).toEqual(["f.txt"]);
    expect(pathsOf(t.requests)).toContain("DELETE /storage/delete-folder/f");
  });

  it("deleteFolder sends the folder as written (the CLI's form); an empty folder is NotFoundError", async () => {
    for (const key of ["runs/2026/a.csv", "runs/2026-old/b.csv", "runs/2026.csv"])
      await t.client().storage.upload(key, bytes(key));
    await t.client().storage.deleteFolder("runs/2026");
    expect(pathsOf(t.requests).at(-1)).toBe("DELETE /storage/delete-folder/runs/2026");
    // The server reads the path as a folder: the sibling prefix survives.
    expect((await t.client().storage.list().toArray()).map((f) => f.key).sort()).toEqual([
      "runs/2026-old/b.csv",
      "runs/2026.csv",
    ]);
    const empty = await t
      .client()
      .storage.deleteFolder("runs/2026")
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(NotFoundError);
    expect((empty as NotFoundError).status).toBe(404);
    await expect(t.client().storage.deleteFolder("runs//x")).rejects.toThrow(/prefix/);
  });

  it("uploadBulk sends every file and the folder in one multipart request", async () => {
    const result = await t.client().storage.uploadBulk("data/in/", [
      { name: "a.csv", body: bytes("1,2") },
      { name: "b.csv", body: new Blob(["3,4,5"]) },
    ]);
    expect(result.uploaded).toEqual([
      { key: "data/in/a.csv", size: 3 },
      { key: "data/in/b.csv", size: 5 },
    ]);
    expect(pathsOf(t.requests)).toEqual(["POST /storage/upload-bulk"]);
    const stored = await t.client().storage.download("data/in/b.csv");
    expect(await new Response(stored.body).text()).toBe("3,4,5");
    await expect(t.client().storage.uploadBulk("data", [])).rejects.toMatchObject({ field: "files" });
    await expect(
      t.client().storage.uploadBulk("data", [{ name: "../x", body: bytes("x") }]),
    ).rejects.toMatchObject({ field: "files[0].name" });
    expect(t.requests).toHaveLength(2);
  });

  it("refuses bad keys before sending", async () => {
    for (const key of ["", "/abs", "a/../b", "a//b", "line\nbreak"]) {
      const error = await t
        .client()
        .storage.download(key)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe("key");
    }
    await expect(t.client().storage.upload("k", 42 as never)).rejects.toMatchObject({ field: "body" });
    expect(t.requests).toHaveLength(0);
  });

  it("returns credentials that read normally but print redacted", async () => {
    const creds = await t.client().storage.credentials();
    expect(creds.access_key).toMatch(/^ASIA/);
    expect(creds.bucket_name).toBe("lyceum-ada-lab");
    expect(creds.expires_at).toBeInstanceOf(Date);
    const secret = creds.secret_key;
    expect(secret.length).toBeGreaterThan(10);
    expect(JSON.stringify(creds)).not.toContain(secret);
    expect(String(creds)).not.toContain(secret);
    expect(`${creds}`).toContain("redacted");
    expect(inspect(creds)).not.toContain(secret);
    expect(inspect({ nested: creds })).not.toContain(secret);
    expect(creds.reveal().secret_key).toBe(secret);
  });
});

describe("environment variables", () => {
  it("sets from a record (secret by default), lists, upserts and deletes", async () => {
    await t.client().env.set({ HF_TOKEN: "hf_abcdefghijk", WANDB_PROJECT: "demo" });
    expect(JSON.parse(t.requests[0]!.body)).toEqual([
      { key: "HF_TOKEN", value: "hf_abcdefghijk", is_secret: true },
      { key: "WANDB_PROJECT", value: "demo", is_secret: true },
    ]);
    await t.client().env.set([{ key: "WANDB_PROJECT", value: "demo2", isSecret: false }]);
    expect(JSON.parse(t.requests[1]!.body)).toEqual({
      key: "WANDB_PROJECT",
      value: "demo2",
      is_secret: false,
    });
    const vars = await t.client().env.list().toArray();
    expect(vars.map((v) => [v.key, v.value, v.is_secret])).toEqual([
      ["HF_TOKEN", "********", true],
      ["WANDB_PROJECT", "demo2", false],
    ]);
    expect(vars[0]!.created_at).toBeInstanceOf(Date);
    await t.client().env.delete(vars[0]!.id);
    expect((await t.client().env.list().toArray()).map((v) => v.key)).toEqual(["WANDB_PROJECT"]);
    await expect(t.client().env.delete("env_999")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("checks names and refuses duplicates client-side", async () => {
    await expect(t.client().env.set({ "BAD-NAME": "x" })).rejects.toMatchObject({ field: "vars.BAD-NAME" });
    await expect(t.client().env.set([{ key: "9LIVES", value: "x" }])).rejects.toMatchObject({
      field: "vars[0].key",
    });
    await expect(
      t.client().env.set([
        { key: "A", value: "1" },
        { key: "A", value: "2" },
      ]),
    ).rejects.toMatchObject({ field: "vars[1].key", message: expect.stringContaining("duplicate") });
    await expect(t.client().env.set({})).rejects.toMatchObject({ field: "vars" });
    expect(t.requests).toHaveLength(0);
  });

  it("deleteAll requires { confirm: true }", async () => {
    await t.client().env.set({ A: "1", B: "2" });
    await expect(t.client().env.deleteAll(undefined as never)).rejects.toMatchObject({ field: "confirm" });
    await expect(t.client().env.deleteAll({ confirm: "yes" } as never)).rejects.toBeInstanceOf(
      InputValidationError,
    );
    expect(await t.client().env.list().toArray()).toHaveLength(2);
    await t.client().env.deleteAll({ confirm: true });
    expect(await t.client().env.list().toArray()).toEqual([]);
  });

  it("the simulator answers a bad name with a FastAPI 422 (older {environment_variables} form)", async () => {
    const response = await fetch(`${BASE}/environment-variables/`, {
      method: "POST",
      headers: { authorization: `Bearer ${LYCEUM_SIM_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        environment_variables: [
          { name: "OK", value: "1" },
          { name: "no-dash", value: "2" },
        ],
      }),
    });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: unknown[] }[] };
    expect(detail[0]!.loc).toEqual(["body", "environment_variables", 1, "key"]);
  });
});

describe("storage downloads that hand off to pre-signed storage", () => {
  const STORAGE = "https://bucket.storage.example";
  const seen: { url: string; authorization: string | null; apiKey: string | null }[] = [];
  const storageHandler = http.get(`${STORAGE}/*`, ({ request }) => {
    seen.push({
      url: request.url,
      authorization: request.headers.get("authorization"),
      apiKey: request.headers.get("x-api-key"),
    });
    return new HttpResponse("stored bytes", { headers: { "content-type": "application/octet-stream" } });
  });

  it("follows a 302 to another origin and sends it no credentials", async () => {
    seen.length = 0;
    t.server.use(
      storageHandler,
      http.get(`${BASE}/storage/download/*`, () =>
        HttpResponse.redirect(`${STORAGE}/k1?X-Amz-Signature=abc123`, 302),
      ),
    );
    const download = await t.client().storage.download("data/k1.bin");
    expect(await new Response(download.body).text()).toBe("stored bytes");
    expect(seen).toEqual([
      { url: `${STORAGE}/k1?X-Amz-Signature=abc123`, authorization: null, apiKey: null },
    ]);
  });

  it("follows a JSON {url} answer", async () => {
    seen.length = 0;
    t.server.use(
      storageHandler,
      http.get(`${BASE}/storage/download/*`, () => HttpResponse.json({ url: `${STORAGE}/k2?sig=1` })),
    );
    const download = await t.client().storage.download("data/k2.bin");
    expect(await new Response(download.body).text()).toBe("stored bytes");
    expect(seen.map((s) => [s.url, s.authorization, s.apiKey])).toEqual([
      [`${STORAGE}/k2?sig=1`, null, null],
    ]);
  });
});
