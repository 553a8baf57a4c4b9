import { http } from "msw";
import { authed, type Caller } from "./auth.js";
import {
  BodyCheck,
  detail,
  type Issue,
  isRecord,
  ok,
  queryInt,
  readJson,
  readUpload,
  unprocessable,
} from "./http.js";
import type { SimBatch, SimEnv, SimFile } from "./state.js";

const epoch = (ms: number) => Math.floor(ms / 1000);

/** The batch's state at `now`: validating → in_progress → finalizing → completed (or failed / cancelled). */
export function batchState(env: SimEnv, b: SimBatch) {
  const o = env.state.options;
  const now = env.now();
  const validatedAt = b.createdAt + o.batchValidateMs;
  const total = b.requests.length + b.invalid.length;
  const doneBy = (t: number) =>
    Math.min(b.requests.length, Math.max(0, Math.floor((t - validatedAt) / o.batchRequestMs)));
  if (now < validatedAt && b.cancelAt === undefined)
    return { status: "validating", completed: 0, failed: 0, total: 0, endedAt: null };
  if (b.requests.length === 0)
    return { status: "failed", completed: 0, failed: b.invalid.length, total, endedAt: validatedAt };
  if (b.cancelAt !== undefined) {
    const completed = doneBy(b.cancelAt);
    const cancelledAt = b.cancelAt + 1_000;
    return {
      status: now < cancelledAt ? "cancelling" : "cancelled",
      completed,
      failed: b.invalid.length,
      total,
      endedAt: now < cancelledAt ? null : cancelledAt,
    };
  }
  const allDoneAt = validatedAt + b.requests.length * o.batchRequestMs;
  const completed = doneBy(now);
  if (now < allDoneAt)
    return { status: "in_progress", completed, failed: b.invalid.length, total, endedAt: null };
  const completedAt = allDoneAt + o.batchFinalizeMs;
  if (now < completedAt)
    return { status: "finalizing", completed, failed: b.invalid.length, total, endedAt: null };
  return { status: "completed", completed, failed: b.invalid.length, total, endedAt: completedAt };
}

function lastUserMessage(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown>;
    if (m?.role === "user" && typeof m.content === "string") return m.content;
  }
  return typeof body.prompt === "string" ? body.prompt : "";
}

function storeFile(env: SimEnv, caller: Caller, filename: string, purpose: string, text: string): string {
  const file: SimFile = {
    id: `file-${env.id(12)}`,
    bytes: new TextEncoder().encode(text),
    filename,
    purpose,
    createdAt: env.now(),
  };
  caller.data.files.set(file.id, file);
  return file.id;
}

/** Output and error files appear once the batch has ended (built the first time it is seen so). */
function ensureResults(env: SimEnv, caller: Caller, b: SimBatch, state: ReturnType<typeof batchState>) {
  if (b.outputFileId !== undefined || state.endedAt === null) return;
  const lines = b.requests.slice(0, state.completed).map((r) =>
    JSON.stringify({
      id: `batch_req_${env.id(8)}`,
      custom_id: r.customId,
      response: {
        status_code: 200,
        request_id: `req_${env.id(8)}`,
        body: {
          id: `chatcmpl-${env.id(6)}`,
          object: "chat.completion",
          created: epoch(state.endedAt ?? env.now()),
          model: (r.body.model as string | undefined) ?? b.model ?? "default",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: `Echo: ${lastUserMessage(r.body)}` },
              finish_reason: "stop",
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 },
        },
      },
      error: null,
    }),
  );
  const errors = b.invalid.map((e) =>
    JSON.stringify({
      id: `batch_req_${env.id(8)}`,
      custom_id: e.customId,
      response: null,
      error: { code: "invalid_request", message: e.message, line: e.line },
    }),
  );
  b.outputFileId = lines.length
    ? storeFile(env, caller, `${b.id}_output.jsonl`, "batch_output", `${lines.join("\n")}\n`)
    : null;
  b.errorFileId = errors.length
    ? storeFile(env, caller, `${b.id}_error.jsonl`, "batch_output", `${errors.join("\n")}\n`)
    : null;
}

function batchBody(env: SimEnv, caller: Caller, b: SimBatch) {
  const s = batchState(env, b);
  ensureResults(env, caller, b, s);
  const ended = s.endedAt === null ? null : epoch(s.endedAt);
  return {
    id: b.id,
    object: "batch",
    endpoint: b.endpoint,
    model: b.model,
    errors:
      s.status === "failed"
        ? {
            object: "list",
            data: b.invalid.map((e) => ({ code: "invalid_request", message: e.message, line: e.line })),
          }
        : null,
    input_file_id: b.inputFileId,
    completion_window: b.completionWindow,
    status: s.status,
    output_file_id: b.outputFileId ?? null,
    error_file_id: b.errorFileId ?? null,
    created_at: epoch(b.createdAt),
    in_progress_at: s.status === "validating" ? null : epoch(b.createdAt + env.state.options.batchValidateMs),
    expires_at: epoch(b.createdAt + 86_400_000),
    completed_at: s.status === "completed" ? ended : null,
    failed_at: s.status === "failed" ? ended : null,
    cancelled_at: s.status === "cancelled" ? ended : null,
    request_counts: { total: s.total, completed: s.completed, failed: s.failed },
    metadata: b.metadata,
  };
}

/** Parse the input JSONL: each line needs `custom_id`, `method: POST`, `url` (= endpoint) and `body`. */
function parseInput(text: string, endpoint: string) {
  const requests: SimBatch["requests"] = [];
  const invalid: SimBatch["invalid"] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      invalid.push({ line, customId: null, message: `Line ${line} is not valid JSON` });
      return;
    }
    const r = isRecord(value) ? value : {};
    const customId = typeof r.custom_id === "string" ? r.custom_id : null;
    const problem =
      customId === null
        ? "custom_id is required"
        : seen.has(customId)
          ? `custom_id '${customId}' is duplicated`
          : r.method !== "POST"
            ? "method must be POST"
            : r.url !== endpoint
              ? `url must be ${endpoint}`
              : !isRecord(r.body)
                ? "body must be an object"
                : undefined;
    if (problem || customId === null) invalid.push({ line, customId, message: problem ?? "invalid" });
    else {
      seen.add(customId);
      requests.push({ line, customId, body: r.body as Record<string, unknown> });
    }
  });
  return { requests, invalid };
}

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

export function batchHandlers(base: string, env: SimEnv) {
  return [
    http.post(
      `${base}/files`,
      authed(env, async ({ request }, caller) => {
        const upload = await readUpload(request);
        if (upload instanceof Response) return upload;
        const { form, file } = upload;
        const purpose = form.get("purpose");
        const text = new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()));
        const id = storeFile(
          env,
          caller,
          file instanceof File && file.name ? file.name : "upload.jsonl",
          typeof purpose === "string" && purpose ? purpose : "batch",
          text,
        );
        const stored = caller.data.files.get(id) as SimFile;
        return ok({
          id,
          object: "file",
          bytes: stored.bytes.byteLength,
          created_at: epoch(stored.createdAt),
          filename: stored.filename,
          purpose: stored.purpose,
        });
      }),
    ),
    http.get(
      `${base}/files/:id/content`,
      authed(env, ({ params }, caller) => {
        const file = caller.data.files.get(String(params.id));
        if (!file) return detail(404, "File not found");
        return new Response(chunked(file.bytes, env.state.options.fileChunkBytes), {
          status: 200,
          headers: { "content-type": "application/jsonl", "content-length": String(file.bytes.byteLength) },
        });
      }),
    ),
    http.post(
      `${base}/batches`,
      authed(env, async ({ request }, caller) => {
        const raw = await readJson(request);
        if (raw instanceof Response) return raw;
        const check = new BodyCheck(isRecord(raw) ? raw : {});
        const inputFileId = check.string("input_file_id", { required: true });
        const window = check.oneOf("completion_window", ["24h"], { required: true }) as string | undefined;
        const endpoint =
          (check.oneOf("endpoint", ["/v1/chat/completions", "/v1/completions", "/v1/embeddings"]) as
            | string
            | undefined) ?? "/v1/chat/completions";
        const model = check.string("model");
        if (check.failed) return check.failed;
        const file = caller.data.files.get(inputFileId as string);
        if (!file) return detail(404, `File ${inputFileId} not found`);
        if (file.purpose !== "batch")
          return detail(400, `File ${inputFileId} has purpose '${file.purpose}', not 'batch'`);
        const parsed = parseInput(new TextDecoder().decode(file.bytes), endpoint);
        const metadata = isRecord((raw as Record<string, unknown>).metadata)
          ? ((raw as Record<string, unknown>).metadata as Record<string, unknown>)
          : null;
        const b: SimBatch = {
          id: `batch_${env.id(12)}`,
          org: caller.org,
          inputFileId: file.id,
          endpoint,
          completionWindow: window as string,
          model: model ?? null,
          metadata,
          createdAt: env.now(),
          ...parsed,
        };
        caller.data.batches.set(b.id, b);
        return ok(batchBody(env, caller, b));
      }),
    ),
    http.get(
      `${base}/batches`,
      authed(env, ({ request }, caller) => {
        const url = new URL(request.url);
        const issues: Issue[] = [];
        const limit = queryInt(url, "limit", 20, 1, 100, issues);
        if (issues.length) return unprocessable(issues);
        const all = [...caller.data.batches.values()].sort(
          (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
        );
        const after = url.searchParams.get("after");
        const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
        if (after && start === 0) return detail(404, `Batch ${after} not found`);
        const page = all.slice(start, start + limit);
        return ok({
          object: "list",
          data: page.map((b) => batchBody(env, caller, b)),
          first_id: page[0]?.id ?? null,
          last_id: page.at(-1)?.id ?? null,
          has_more: start + limit < all.length,
        });
      }),
    ),
    http.get(
      `${base}/batches/:id`,
      authed(env, ({ params }, caller) => {
        const b = caller.data.batches.get(String(params.id));
        return b ? ok(batchBody(env, caller, b)) : detail(404, "Batch not found");
      }),
    ),
    http.post(
      `${base}/batches/:id/cancel`,
      authed(env, ({ params }, caller) => {
        const b = caller.data.batches.get(String(params.id));
        if (!b) return detail(404, "Batch not found");
        const s = batchState(env, b);
        if (b.cancelAt === undefined && s.endedAt !== null)
          return detail(409, `Cannot cancel a batch with status '${s.status}'`);
        if (b.cancelAt === undefined) b.cancelAt = env.now();
        return ok(batchBody(env, caller, b));
      }),
    ),
  ];
}
