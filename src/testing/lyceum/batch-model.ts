import { isRecord } from "../kit/fastapi.js";
import type { Caller } from "./auth.js";
import type { SimBatch, SimEnv, SimFile } from "./state.js";

/** How a batch moves with the simulated clock, and the files it reads and writes. */

/** Epoch seconds (the OpenAI-style batch and file fields). */
export const epoch = (ms: number) => Math.floor(ms / 1000);

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

/** Keep a file in the caller's org; its id. */
export function storeFile(
  env: SimEnv,
  caller: Caller,
  filename: string,
  purpose: string,
  text: string,
): string {
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
export function ensureResults(
  env: SimEnv,
  caller: Caller,
  b: SimBatch,
  state: ReturnType<typeof batchState>,
) {
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

/** Parse the input JSONL: each line needs `custom_id`, `method: POST`, `url` (= endpoint) and `body`. */
export function parseInput(text: string, endpoint: string) {
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
