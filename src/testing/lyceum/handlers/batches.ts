import { http } from "msw";
import { detail, intQuery, isRecord, json } from "../../kit/fastapi.js";
import type { Caller } from "../auth.js";
import { batchState, ensureResults, epoch, parseInput } from "../batch-model.js";
import type { SimBatch, SimEnv } from "../state.js";
import type { LyceumRoutes } from "./index.js";

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

/** OpenAI-style batches: create from an uploaded file, list (cursor paging), get, cancel. */
export function batchHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  return [
    http.post(
      `${base}/batches`,
      authedBody(async (check, _args, caller) => {
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
        const metadata = isRecord(check.body.metadata) ? check.body.metadata : null;
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
        return json(batchBody(env, caller, b));
      }),
    ),
    http.get(
      `${base}/batches`,
      authed(({ request }, caller) => {
        const url = new URL(request.url);
        const limit = intQuery(url, "limit", 20, 1, 100);
        const all = [...caller.data.batches.values()].sort(
          (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
        );
        const after = url.searchParams.get("after");
        const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
        if (after && start === 0) return detail(404, `Batch ${after} not found`);
        const page = all.slice(start, start + limit);
        return json({
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
      authed(({ params }, caller) => {
        const b = caller.data.batches.get(String(params.id));
        return b ? json(batchBody(env, caller, b)) : detail(404, "Batch not found");
      }),
    ),
    http.post(
      `${base}/batches/:id/cancel`,
      authed(({ params }, caller) => {
        const b = caller.data.batches.get(String(params.id));
        if (!b) return detail(404, "Batch not found");
        const s = batchState(env, b);
        if (b.cancelAt === undefined && s.endedAt !== null)
          return detail(409, `Cannot cancel a batch with status '${s.status}'`);
        if (b.cancelAt === undefined) b.cancelAt = env.now();
        return json(batchBody(env, caller, b));
      }),
    ),
  ];
}
