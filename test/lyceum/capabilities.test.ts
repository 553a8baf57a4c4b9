// Issue 16, "capabilities the docs or the CLI have and we lack": mark complete, the Docker-run
// abort, health, the opt-in machine check, the notebook launch and OpenAI-compatible chat.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { apiKey } from "../../src/auth/index.js";
import {
  AbortedError,
  ConnectionError,
  InputValidationError,
  ResponseValidationError,
} from "../../src/core/errors.js";
import { type ChatCompletionChunk, createLyceum } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, collect, pathsOf } from "./helpers.js";

const t = useSim("lyceum");

describe("run control", () => {
  it("runs.complete marks a live run complete: POST /execution/streaming/complete/{id}", async () => {
    const run = await t.client().runs.python({ code: 'while True:\n  print("tick")' });
    t.sim.clock.advance(5_000);
    await t.client().runs.complete(run.execution_id);
    expect(pathsOf(t.requests).at(-1)).toBe(`POST /execution/streaming/complete/${run.execution_id}`);
    expect((await t.client().runs.status(run.execution_id)).status).toBe("completed");
  });

  it("runs.abortImage stops a Docker run: POST /execution/image/abort/{id}", async () => {
    const run = await t.client().runs.docker({ image: "busybox", command: ["sleep", "100"] });
    await t.client().runs.abortImage(run.execution_id);
    expect(pathsOf(t.requests).at(-1)).toBe(`POST /execution/image/abort/${run.execution_id}`);
    expect((await t.client().runs.status(run.execution_id)).status).toBe("aborted");
  });
});

describe("health", () => {
  it("pings and reads the version without credentials", async () => {
    expect(await t.client().health.ping()).toEqual({ status: "ok" });
    expect(await t.client().health.version()).toMatchObject({ version: "2.4.0" });
    expect(pathsOf(t.requests)).toEqual(["GET /health/ping", "GET /health/version"]);
    expect(t.requests[0]!.headers.get("authorization")).toBeNull();
  });
});

describe("checkMachine (opt-in, as the CLI validates -m)", () => {
  it("refuses a machine the account cannot use before submitting", async () => {
    const error = await t
      .client()
      .runs.python({ code: "print(1)", machine: "gpu.b300", checkMachine: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("machine");
    expect((error as Error).message).toContain("available: cpu, gpu.a100, gpu.h100, gpu.l40s");
    expect(pathsOf(t.requests)).toEqual(["GET /user/quotas/available-hardware"]);
  });

  it("submits when the machine is available; without the option nothing is checked", async () => {
    await t.client().runs.docker({ image: "x", command: ["a"], machine: "gpu.h100", checkMachine: true });
    expect(pathsOf(t.requests)).toEqual([
      "GET /user/quotas/available-hardware",
      "POST /execution/image/start",
    ]);
    t.requests.clear();
    await t.client().runs.python({ code: "print(1)", machine: "gpu.a100" });
    expect(pathsOf(t.requests)).toEqual(["POST /execution/streaming/start"]);
  });
});

describe("runs.notebook", () => {
  it("launches Jupyter as the CLI does and returns its port URL with the token", async () => {
    const session = await t.client().runs.notebook({
      machine: "gpu.a100",
      token: "tok_abcdef12",
      timeout: 300,
    });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      docker_image_ref: "jupyter/base-notebook:latest",
      docker_run_cmd: [
        "start-notebook.sh",
        "--NotebookApp.token=tok_abcdef12",
        "--port=8888",
        "--ip=0.0.0.0",
        "--no-browser",
      ],
      timeout: 300,
      execution_type: "gpu.a100",
    });
    expect(session.url).toBe(`https://${session.execution_id}-8888.port.lyceum.technology`);
    expect(session.notebookUrl).toBe(`${session.url}/?token=tok_abcdef12`);
  });

  it("makes a random token by default and checks its inputs", async () => {
    const a = await t.client().runs.notebook();
    const b = await t.client().runs.notebook({ port: 9999 });
    expect(a.token).toMatch(/^[0-9a-f]{48}$/);
    expect(a.token).not.toBe(b.token);
    expect(b.url).toMatch(/-9999\.port\.lyceum\.technology$/);
    await expect(t.client().runs.notebook({ token: "a b" })).rejects.toMatchObject({ field: "token" });
    await expect(t.client().runs.notebook({ port: 0 })).rejects.toMatchObject({ field: "port" });
  });
});

describe("chat (OpenAI-compatible)", () => {
  const messages = [{ role: "user", content: "hello there" }];

  it("creates a completion against the serverless router", async () => {
    const completion = await t.client().chat.create({ model: "lyceum/router", messages, temperature: 0.2 });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      model: "lyceum/router",
      messages,
      temperature: 0.2,
      stream: false,
    });
    expect(pathsOf(t.requests)).toEqual(["POST /chat/completions"]);
    expect(completion.choices[0]!.message).toEqual({ role: "assistant", content: "You said: hello there" });
  });

  it("streams typed chunks until [DONE], and closes", async () => {
    const chunks: ChatCompletionChunk[] = await collect(
      t.client().chat.stream({ model: "lyceum/simple", messages }),
    );
    expect(JSON.parse(t.requests[0]!.body)).toMatchObject({ stream: true });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("You said: hello there");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("reads a server's own chunk stream (the OpenAI wire form, keep-alives included)", async () => {
    t.server.use(
      http.post(
        `${BASE}/chat/completions`,
        () =>
          new HttpResponse(
            [
              ": keep-alive\n\n",
              'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n',
              'data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}\n\n',
              "data: [DONE]\n\n",
              'data: {"never":"read"}\n\n',
            ].join(""),
            { headers: { "content-type": "text/event-stream" } },
          ),
      ),
    );
    const chunks = await collect(t.client().chat.stream({ model: "dep-1", messages }));
    expect(chunks.map((c) => c.choices[0]!.delta)).toEqual([{ content: "Hi" }, {}]);
  });

  it("a chunk that is not JSON is a ResponseValidationError; an answer without a body a ConnectionError", async () => {
    t.server.use(
      http.post(
        `${BASE}/chat/completions`,
        () => new HttpResponse("data: {not json\n\n", { headers: { "content-type": "text/event-stream" } }),
        { once: true },
      ),
    );
    const malformed = await collect(t.client().chat.stream({ model: "dep-1", messages })).catch(
      (e: unknown) => e,
    );
    expect(malformed).toBeInstanceOf(ResponseValidationError);
    expect((malformed as Error).message).toContain("Malformed JSON in the Lyceum chat completion stream");
    const bodiless = createLyceum({
      baseUrl: BASE,
      auth: apiKey("lk_bodiless_0001"),
      fetch: async () =>
        new Response(null, { status: 200, headers: { "content-type": "text/event-stream" } }),
    });
    const empty = await collect(bodiless.chat.stream({ model: "dep-1", messages })).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ConnectionError);
  });

  it("a stream that ends before [DONE] is a ConnectionError; one the caller aborts an AbortedError", async () => {
    const first =
      'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';
    t.server.use(
      http.post(
        `${BASE}/chat/completions`,
        () => new HttpResponse(first, { headers: { "content-type": "text/event-stream" } }),
        { once: true },
      ),
    );
    const seen: string[] = [];
    const cut = await (async () => {
      for await (const chunk of t.client().chat.stream({ model: "dep-1", messages }))
        seen.push(String(chunk.choices[0]?.delta?.content));
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["Hi"]);
    expect(cut).toBeInstanceOf(ConnectionError);
    expect((cut as Error).message).toContain("ended before [DONE]");

    // An answer that would go on: the caller leaves after the first chunk by aborting.
    t.server.use(
      http.post(
        `${BASE}/chat/completions`,
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(first));
              },
            }),
            { headers: { "content-type": "text/event-stream" } },
          ),
        { once: true },
      ),
    );
    const controller = new AbortController();
    const aborted = await (async () => {
      for await (const _ of t
        .client()
        .chat.stream({ model: "dep-1", messages }, { signal: controller.signal }))
        controller.abort();
    })().catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(AbortedError);
  });

  it("lists the model catalogue, and refuses bad input before sending", async () => {
    const models = await t.client().chat.models().toArray();
    expect(models.map((m) => m.id)).toEqual([
      "lyceum/router",
      "lyceum/simple",
      "lyceum/complex",
      "lyceum/reasoning",
    ]);
    await expect(t.client().chat.create({ model: "", messages })).rejects.toMatchObject({ field: "model" });
    await expect(t.client().chat.create({ model: "m", messages: [] })).rejects.toMatchObject({
      field: "messages",
    });
    await expect(t.client().chat.create({ model: "m", messages, stream: true })).rejects.toMatchObject({
      field: "stream",
    });
    expect(pathsOf(t.requests)).toEqual(["GET /models"]);
  });
});
