import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  ConflictError,
  InputValidationError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { type Batch, type JsonlLine, readJsonl, toJsonl } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, collect, formOf, pathsOf } from "./helpers.js";

const t = useSim("lyceum");

const request = (id: string, text: string) => ({
  custom_id: id,
  method: "POST",
  url: "/v1/chat/completions",
  body: { model: "llama-3.1-8b", messages: [{ role: "user", content: text }] },
});

async function uploadAndCreate(records: unknown[], extra = "") {
  const blob = extra ? new Blob([toJsonl(records), extra]) : toJsonl(records);
  const file = await t.client().files.upload(blob, { filename: "requests.jsonl" });
  return t.client().batches.create({
    inputFileId: file.id,
    endpoint: "/v1/chat/completions",
    model: "llama-3.1-8b",
  });
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe("files", () => {
  it("uploads JSONL as multipart (file + purpose) and reads it back streamed", async () => {
    const file = await t.client().files.upload(toJsonl([request("a", "hi")]), { filename: "in.jsonl" });
    expect(file).toMatchObject({ object: "file", purpose: "batch", filename: "in.jsonl" });
    expect(file.bytes).toBeGreaterThan(20);
    expect(file.created_at).toBeInstanceOf(Date); // epoch seconds
    const form = await formOf(t.requests[0]!);
    expect(form.get("purpose")).toBe("batch");
    expect((form.get("file") as File).name).toBe("in.jsonl");
    const download = await t.client().files.content(file.id);
    expect(JSON.parse(await new Response(download.body).text())).toEqual(request("a", "hi"));
  });

  it("refuses an empty file before sending, and never retries an upload", async () => {
    await expect(t.client().files.upload(new Uint8Array())).rejects.toMatchObject({ field: "file" });
    expect(t.requests).toHaveLength(0);
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/files`, () => {
        calls++;
        return HttpResponse.json({ detail: "busy" }, { status: 503 });
      }),
    );
    await expect(t.client().files.upload(toJsonl([{}]))).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });
});

describe("batches", () => {
  it("validates → progresses → completes; waitFor reports request counts; output lines are parsed", async () => {
    const batch = await uploadAndCreate([request("r1", "one"), request("r2", "two"), request("r3", "three")]);
    expect(batch).toMatchObject({
      status: "validating",
      completion_window: "24h",
      endpoint: "/v1/chat/completions",
    });
    expect(JSON.parse(t.requests[1]!.body)).toEqual({
      input_file_id: batch.input_file_id,
      completion_window: "24h",
      endpoint: "/v1/chat/completions",
      model: "llama-3.1-8b",
    });
    const progress: string[] = [];
    const done = await t.client().batches.waitFor(batch.id, {
      intervalMs: 1,
      onProgress: (b) => {
        progress.push(`${b.status}:${b.request_counts.completed}/${b.request_counts.total}`);
        t.sim.clock.advance(1_000);
      },
    });
    expect(done.status).toBe("completed");
    expect(done.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(done.completed_at).toBeInstanceOf(Date);
    expect(progress[0]).toBe("validating:0/0");
    expect(progress).toContain("in_progress:1/3");
    expect(progress).toContain("finalizing:3/3");
    expect(progress.at(-1)).toBe("completed:3/3");

    const lines = await collect(t.client().batches.output(done));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    const values = lines.map((l) => (l.ok ? l.value : null));
    expect(values.map((v) => v?.custom_id)).toEqual(["r1", "r2", "r3"]);
    expect(values[1]?.response?.status_code).toBe(200);
    expect(JSON.stringify(values[2]?.response?.body)).toContain("Echo: three");
    expect(done.error_file_id).toBeNull();
    expect(await collect(t.client().batches.errors(done))).toEqual([]);
  });

  it("reports invalid input lines in the error file, with their line numbers", async () => {
    const batch = await uploadAndCreate(
      [request("ok", "fine"), { custom_id: "bad", method: "GET" }],
      "not json\n",
    );
    t.sim.clock.advance(60_000);
    const done = await t.client().batches.get(batch.id);
    expect(done.status).toBe("completed");
    expect(done.request_counts).toEqual({ total: 3, completed: 1, failed: 2 });
    const errors = await collect(t.client().batches.errors(done));
    expect(errors.map((l) => (l.ok ? [l.value.custom_id, l.value.error?.line] : null))).toEqual([
      ["bad", 2],
      [null, 3],
    ]);
  });

  it("fails a batch with no valid request", async () => {
    const batch = await uploadAndCreate([{ nope: true }]);
    t.sim.clock.advance(5_000);
    const failed = await t.client().batches.waitFor(batch.id, { intervalMs: 1 });
    expect(failed.status).toBe("failed");
    expect(JSON.stringify(failed.errors)).toContain("custom_id is required");
    expect(await collect(t.client().batches.output(failed))).toEqual([]);
  });

  it("lists newest first with limit/after paging", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await uploadAndCreate([request(`r${i}`, "x")])).id);
      t.sim.clock.advance(10);
    }
    t.requests.clear();
    const listed = await t.client().batches.list({ pageSize: 2 }).toArray();
    expect(listed.map((b) => b.id)).toEqual([...ids].reverse());
    const afters = t.requests.map((r) => new URL(r.url).searchParams.get("after"));
    expect(afters).toEqual([null, ids[3], ids[1]]);
    expect(t.requests.every((r) => new URL(r.url).searchParams.get("limit") === "2")).toBe(true);
    expect(() => t.client().batches.list({ pageSize: 101 })).toThrow(/pageSize/);
  });

  it("cancels: cancelling → cancelled with partial output; a finished batch cannot be cancelled", async () => {
    const batch = await uploadAndCreate([request("a", "1"), request("b", "2"), request("c", "3")]);
    t.sim.clock.advance(3_500); // validated at 2s, one request done at 3s
    const cancelling = await t.client().batches.cancel(batch.id);
    expect(cancelling.status).toBe("cancelling");
    t.sim.clock.advance(1_000);
    const cancelled = await t.client().batches.get(batch.id);
    expect(cancelled).toMatchObject({ status: "cancelled", request_counts: { completed: 1 } });
    const out = await collect(t.client().batches.output(cancelled));
    expect(out.map((l) => (l.ok ? l.value.custom_id : l.raw))).toEqual(["a"]);
    await expect(t.client().batches.cancel(batch.id)).resolves.toMatchObject({ status: "cancelled" });

    const other = await uploadAndCreate([request("z", "1")]);
    t.sim.clock.advance(60_000);
    await expect(t.client().batches.cancel(other.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("checks inputs first; unknown file → 404; wrong window → 422 from the server shape", async () => {
    await expect(t.client().batches.create({ inputFileId: "" })).rejects.toMatchObject({
      field: "inputFileId",
    });
    await expect(
      t.client().batches.create({ inputFileId: "f", completionWindow: "1d" }),
    ).rejects.toMatchObject({
      field: "completionWindow",
    });
    await expect(t.client().batches.create({ inputFileId: "f", endpoint: "v1/x" })).rejects.toMatchObject({
      field: "endpoint",
    });
    expect(t.requests).toHaveLength(0);
    await expect(t.client().batches.create({ inputFileId: "file-missing" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      t.client().batches.create({ inputFileId: "f", completionWindow: "48h" }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    expect(pathsOf(t.requests)).toEqual(["POST /batches", "POST /batches"]);
  });

  it("a malformed output line is reported with its line number; the rest still parse", async () => {
    t.server.use(
      http.get(
        `${BASE}/files/:id/content`,
        () => new HttpResponse('{"custom_id":"a"}\n{broken\n\n{"custom_id":"c"}'),
      ),
    );
    const lines = await collect(t.client().batches.output({ output_file_id: "file-x" } as Batch));
    expect(lines).toMatchObject([
      { line: 1, ok: true, value: { custom_id: "a" } },
      { line: 2, ok: false, raw: "{broken" },
      { line: 4, ok: true, value: { custom_id: "c" } },
    ]);
    expect((lines[1] as { error: string }).error.length).toBeGreaterThan(0);
  });
});

describe("readJsonl", () => {
  it("joins lines split across chunks, handles CRLF, multibyte text split mid-character and a final line without newline", async () => {
    const euro = new TextEncoder().encode('{"p":"€"}\n');
    const bytes = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":1}\r\n{"b"'));
        c.enqueue(new TextEncoder().encode(":2}\n"));
        c.enqueue(euro.slice(0, 7)); // splits the 3-byte €
        c.enqueue(euro.slice(7));
        c.enqueue(new TextEncoder().encode('{"last":true}'));
        c.close();
      },
    });
    const lines: JsonlLine[] = await collect(readJsonl(bytes));
    expect(lines).toEqual([
      { line: 1, ok: true, value: { a: 1 } },
      { line: 2, ok: true, value: { b: 2 } },
      { line: 3, ok: true, value: { p: "€" } },
      { line: 4, ok: true, value: { last: true } },
    ]);
  });

  it("never crashes on bad lines, and stops reading when the consumer stops", async () => {
    const lines = await collect(readJsonl(streamOf(["[1,", "\n", "2]\n", "{}\n"])));
    expect(lines.map((l) => [l.line, l.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new TextEncoder().encode('{"n":1}\n'));
      },
    });
    for await (const line of readJsonl(endless)) {
      expect(line.ok).toBe(true);
      break;
    }
    expect(pulled).toBeLessThan(5);
  });

  it("an abort mid-file throws AbortedError instead of ending like a complete file", async () => {
    const controller = new AbortController();
    const lines = Array.from({ length: 2000 }, (_, n) => `{"n":${n}}\n`).join("");
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(lines));
        c.close();
      },
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const line of readJsonl<{ n: number }>(body, controller.signal)) {
        if (line.ok) seen.push(line.value.n);
        if (seen.length === 5) controller.abort(new Error("enough"));
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it("toJsonl writes one document per line", async () => {
    expect(await toJsonl([{ a: 1 }, [2]]).text()).toBe('{"a":1}\n[2]\n');
  });
});

describe("readJsonl's line limit", () => {
  it("is checked before reading: NaN, 0 or a fraction would turn the memory bound off", async () => {
    for (const bad of [Number.NaN, 0, 1.5, Number.POSITIVE_INFINITY]) {
      const lines = readJsonl(new Blob(['{"a":1}\n']).stream(), undefined, bad);
      const error = await lines.next().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe("maxLineBytes");
    }
  });
});
