// Issue 14 §3: every stream closes. A real HTTP server on 127.0.0.1 (node:http) watches its side
// of each connection: the run's live output, streaming inference and JSONL file content must be
// closed by the SDK when the stream ends, when the consumer breaks, throws or aborts, and when the
// server goes silent (then the run's status is polled instead). Every wait here is bounded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiKey } from "../../src/auth/index.js";
import { AbortedError, TimeoutError } from "../../src/core/errors.js";
import { StreamIdleError } from "../../src/core/sse.js";
import { createLyceum, type LyceumClient, type RunEvent } from "../../src/lyceum/index.js";
import { writeFigures } from "./support/report.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** How long a closed connection may take to be noticed by the server. */
const CLOSE_WITHIN_MS = 2_000;

let server: Server;
let base: string;
const routes = new Map<string, Handler>();
/** One promise per streamed path, resolved when the server sees that connection close. */
const closed = new Map<string, Promise<number>>();
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push(`${req.method} ${path}`);
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"detail":"Not Found"}');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** For RELIABILITY.md: how many hostile streams were closed, and the slowest close seen. */
const closes: number[] = [];

afterAll(async () => {
  writeFigures("hostile-streams", {
    streamsClosed: closes.length,
    slowestCloseAfterEndMs: Math.max(0, ...closes),
    closeBoundMs: CLOSE_WITHIN_MS,
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  routes.clear();
  closed.clear();
  seen.length = 0;
});

function client(): LyceumClient {
  return createLyceum({ baseUrl: base, auth: apiKey("lk_hostile_stream_0001"), maxRetries: 0 });
}

/**
 * An SSE endpoint that writes `events` and then never ends the response (a hostile server):
 * only the client can close the connection. Resolves `closed` with the ms it stayed open.
 */
function endlessSse(method: string, path: string, events: string[], contentType = "text/event-stream") {
  let resolveClosed!: (ms: number) => void;
  closed.set(
    path,
    new Promise<number>((resolve) => {
      resolveClosed = resolve;
    }),
  );
  routes.set(`${method} ${path}`, (_req, res) => {
    const opened = Date.now();
    res.on("close", () => resolveClosed(Date.now() - opened));
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-cache" });
    for (const event of events) res.write(event);
  });
}

function json(method: string, path: string, body: unknown) {
  routes.set(`${method} ${path}`, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
}

/** The server saw the connection close within the bound (else the test fails, not hangs). */
async function closesSoon(path: string): Promise<void> {
  const seenClose = closed.get(path);
  if (!seenClose) throw new Error(`no stream served at ${path}`);
  const waitStarted = Date.now();
  void seenClose.then(() => closes.push(Date.now() - waitStarted));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    seenClose.then(() => "closed" as const),
    new Promise<"open">((resolve) => {
      timer = setTimeout(() => resolve("open"), CLOSE_WITHIN_MS);
    }),
  ]);
  clearTimeout(timer);
  expect(outcome).toBe("closed");
}

const output = (text: string) => `data: ${JSON.stringify({ output: { content: text } })}\n\n`;
const finish = `data: ${JSON.stringify({ jobFinished: { job: { result: { returnCode: 0, error: null } } } })}\n\n`;

describe("runs.stream closes its connection", () => {
  const target = () => ({ execution_id: "run-1", streaming_url: `${base}/live/run-1` });

  it("when the finish event arrives, even if the server keeps the response open", async () => {
    endlessSse("POST", "/live/run-1", [output("a\n"), finish]);
    const events: RunEvent[] = [];
    for await (const e of client().runs.stream(target())) events.push(e);
    expect(events.map((e) => e.type)).toEqual(["output", "finished"]);
    await closesSoon("/live/run-1");
  });

  it("when the consumer breaks out of the loop", async () => {
    endlessSse("POST", "/live/run-1", [output("first\n"), output("second\n")]);
    const contents: string[] = [];
    for await (const e of client().runs.stream(target())) {
      if (e.type === "output") contents.push(e.content);
      break;
    }
    expect(contents).toEqual(["first\n"]);
    await closesSoon("/live/run-1");
    // Breaking is the caller's choice: no fallback polling follows.
    expect(seen).toEqual(["POST /live/run-1"]);
  });

  it("when the consumer throws", async () => {
    endlessSse("POST", "/live/run-1", [output("boom\n")]);
    const failure = (async () => {
      for await (const _ of client().runs.stream(target())) throw new Error("consumer failed");
    })();
    await expect(failure).rejects.toThrow("consumer failed");
    await closesSoon("/live/run-1");
  });

  it("when the caller aborts (AbortedError, no polling)", async () => {
    endlessSse("POST", "/live/run-1", [output("x\n")]);
    const controller = new AbortController();
    const failure = (async () => {
      for await (const _ of client().runs.stream(target(), { signal: controller.signal })) controller.abort();
    })();
    await expect(failure).rejects.toBeInstanceOf(AbortedError);
    await closesSoon("/live/run-1");
    expect(seen).toEqual(["POST /live/run-1"]);
  });

  it("when the server goes silent: the stream ends after idleTimeoutMs and the status is polled", async () => {
    endlessSse("POST", "/live/run-1", [": connected\n\n", output("started\n")]);
    json("GET", "/execution/streaming/run-1/status", { status: "failed", errors: "CUDA error" });
    json("GET", "/execution/run-1", { status: "failed", result: { returnCode: 2 } });
    const started = Date.now();
    const events: RunEvent[] = [];
    for await (const e of client().runs.stream(target(), { idleTimeoutMs: 300, pollIntervalMs: 10 })) {
      events.push(e);
    }
    const elapsed = Date.now() - started;
    expect(events[0]).toMatchObject({ type: "output", content: "started\n" });
    expect(events[1]).toMatchObject({
      type: "finished",
      status: "failed",
      returnCode: 2,
      error: "CUDA error",
      synthesized: true,
    });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(CLOSE_WITHIN_MS);
    await closesSoon("/live/run-1");
    expect(seen).toEqual([
      "POST /live/run-1",
      "GET /execution/streaming/run-1/status",
      "GET /execution/run-1",
    ]);
  });

  it("keep-alive comments count as activity: a chatty but eventless stream is not idle", async () => {
    let resolveClosed!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });
    routes.set("POST /live/run-1", (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      let n = 0;
      const timer = setInterval(() => {
        n++;
        res.write(n < 6 ? ": ping\n\n" : finish);
      }, 60);
      res.on("close", () => {
        clearInterval(timer);
        resolveClosed();
      });
    });
    const events: RunEvent[] = [];
    for await (const e of client().runs.stream(target(), { idleTimeoutMs: 200 })) events.push(e);
    expect(events).toEqual([expect.objectContaining({ type: "finished", synthesized: false })]);
    await done;
  });

  it("without fallback, the silent stream ends with a StreamIdleError (a TimeoutError)", async () => {
    endlessSse("POST", "/live/run-1", [output("x\n")]);
    const failure = (async () => {
      for await (const _ of client().runs.stream(target(), { idleTimeoutMs: 150, fallback: false })) {
        /* drain */
      }
    })();
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamIdleError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("the event stream sent nothing for 150 ms");
    await closesSoon("/live/run-1");
  });

  it("refuses a nonsensical idle limit before connecting", async () => {
    const failure = (async () => {
      for await (const _ of client().runs.stream(target(), { idleTimeoutMs: 0 })) {
        /* never */
      }
    })();
    await expect(failure).rejects.toThrow(/idleTimeoutMs/);
    expect(seen).toEqual([]);
  });
});

describe("inference.stream closes its connection", () => {
  const queued = `data: ${JSON.stringify({ status: "queued", position: 1 })}\n\n`;

  it("when the consumer breaks", async () => {
    endlessSse("GET", "/inference/streaming/stream/inf-1", [queued, queued]);
    for await (const e of client().inference.stream("inf-1")) {
      expect(e).toMatchObject({ type: "queued", position: 1 });
      break;
    }
    await closesSoon("/inference/streaming/stream/inf-1");
  });

  it("after `finished`, even if the server keeps the response open", async () => {
    endlessSse("GET", "/inference/streaming/stream/inf-1", [
      queued,
      `data: ${JSON.stringify({ status: "finished", result: { text: "ok" } })}\n\n`,
    ]);
    const types: string[] = [];
    for await (const e of client().inference.stream("inf-1")) types.push(e.type);
    expect(types).toEqual(["queued", "finished"]);
    await closesSoon("/inference/streaming/stream/inf-1");
  });

  it("when the server goes silent past idleTimeoutMs (StreamIdleError)", async () => {
    endlessSse("GET", "/inference/streaming/stream/inf-1", [queued]);
    const failure = (async () => {
      for await (const _ of client().inference.stream("inf-1", { idleTimeoutMs: 150 })) {
        /* drain */
      }
    })();
    await expect(failure).rejects.toBeInstanceOf(StreamIdleError);
    await closesSoon("/inference/streaming/stream/inf-1");
  });
});

describe("files.lines (JSONL) closes its connection", () => {
  it("when the consumer breaks after the first line", async () => {
    endlessSse("GET", "/files/file-1/content", ['{"id":1}\n', '{"id":2}\n'], "application/jsonl");
    for await (const line of client().files.lines("file-1")) {
      expect(line).toEqual({ line: 1, ok: true, value: { id: 1 } });
      break;
    }
    await closesSoon("/files/file-1/content");
  });

  it("when one line grows past the line cap (a ResponseValidationError, not unbounded memory)", async () => {
    endlessSse("GET", "/files/file-1/content", [`{"pad":"${"x".repeat(300_000)}`], "application/jsonl");
    const failure = (async () => {
      for await (const _ of client().files.lines("file-1", { maxLineBytes: 65_536 })) {
        /* drain */
      }
    })();
    await expect(failure).rejects.toThrow("a JSONL line is longer than 65536 bytes");
    await closesSoon("/files/file-1/content");
  });
});
