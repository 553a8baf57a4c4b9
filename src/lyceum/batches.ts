import type { APIPromise } from "../core/api-promise.js";
import { optionalString, requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { nextByAfter, Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { readFileLines } from "./files.js";
import { httpOf, operation, pageSize, requireLyceumId, waitOperation } from "./internal.js";
import type { JsonlLine } from "./jsonl.js";
import { routes } from "./routes.js";
import { type Batch, batchPageSchema, batchSchema, isTerminalBatchStatus } from "./schemas/batches.js";

/** What `batches.create` sends: an uploaded JSONL file and the endpoint its lines call. */
export interface CreateBatchInput {
  /** An uploaded file (`files.upload`) of JSONL requests. */
  inputFileId: string;
  /** Only `"24h"` is documented (the default). */
  completionWindow?: string;
  /** e.g. `/v1/chat/completions`. */
  endpoint?: string;
  model?: string;
  /** Up to 16 string pairs. */
  metadata?: Record<string, string>;
}

/** Paging of `batches.list` (cursor-based, like OpenAI's). */
export interface ListBatchesQuery {
  /** Batches per request, 1–100 (default 20). */
  pageSize?: number;
}

/** One line of a batch output file (OpenAI shape; every field optional). */
export interface BatchOutputLine {
  id?: string;
  custom_id?: string;
  response?: { status_code?: number; request_id?: string; body?: unknown } | null;
  error?: { code?: string; message?: string; line?: number } | null;
  [key: string]: unknown;
}

/** Start a batch over an uploaded file. Never retried. */
export function createBatch(
  core: ClientCore,
  input: CreateBatchInput,
  options?: RequestOptions,
): APIPromise<Batch> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const body: Record<string, unknown> = {
      input_file_id: requireLyceumId(input.inputFileId, "inputFileId"),
      completion_window: optionalString(input.completionWindow, "completionWindow") ?? "24h",
    };
    if (!/^\d+h$/.test(body.completion_window as string))
      throw new InputValidationError("completionWindow", 'must look like "24h"');
    const endpoint = optionalString(input.endpoint, "endpoint");
    if (endpoint !== undefined) {
      if (!endpoint.startsWith("/"))
        throw new InputValidationError("endpoint", "must be a path like /v1/chat/completions");
      body.endpoint = endpoint;
    }
    const model = optionalString(input.model, "model");
    if (model !== undefined) body.model = model;
    if (input.metadata !== undefined) {
      const entries = Object.entries(requireObject(input.metadata, "metadata"));
      if (entries.length > 16) throw new InputValidationError("metadata", "takes at most 16 pairs");
      for (const [k, val] of entries)
        if (typeof val !== "string") throw new InputValidationError(`metadata.${k}`, "must be a string");
      body.metadata = input.metadata;
    }
    return http.json(routes.batches.create, { json: body, schema: batchSchema(), options });
  });
}

/** One batch and its request counts. */
export function getBatch(core: ClientCore, id: string, options?: RequestOptions): APIPromise<Batch> {
  return operation(core, options, (http, options) =>
    http.json(routes.batches.get, {
      params: { id: requireLyceumId(id, "batchId") },
      schema: batchSchema(),
      options,
    }),
  );
}

/** Your batches, newest first (`limit/after` paging, lazy). */
export function listBatches(
  core: ClientCore,
  query: ListBatchesQuery = {},
  options?: RequestOptions,
): Paginator<Batch, string | null> {
  requireObject(query, "query");
  const limit = pageSize(query.pageSize, 20, 100);
  return new Paginator<Batch, string | null>({
    first: null,
    signal: options?.signal,
    fetchPage: async (after) => {
      const page = await httpOf(core).json(routes.batches.list, {
        query: { limit, after: after ?? undefined },
        schema: batchPageSchema(),
        options,
      });
      const lastId = page.last_id ?? page.data.at(-1)?.id;
      return {
        items: page.data,
        next: nextByAfter(lastId, page.has_more ?? undefined, page.data.length, limit),
      };
    },
  });
}

/** Ask to cancel (status goes `cancelling` → `cancelled`; finished requests keep their output). */
export function cancelBatch(core: ClientCore, id: string, options?: RequestOptions): APIPromise<Batch> {
  return operation(core, options, (http, options) =>
    http.json(routes.batches.cancel, {
      params: { id: requireLyceumId(id, "batchId") },
      schema: batchSchema(),
      options,
    }),
  );
}

/**
 * Poll until `completed`, `failed`, `expired` or `cancelled` (unknown states keep polling);
 * `onProgress` sees every poll, with `request_counts` (`total`, `completed`, `failed`).
 * Resolves with the final batch whatever the outcome: check `status`.
 */
export function waitForBatch(
  core: ClientCore,
  id: string,
  options: WaitOptions<Batch> = {},
): APIPromise<Batch> {
  return waitOperation(async (pollOptions) => {
    const batchId = requireLyceumId(id, "batchId");
    return waitFor({
      intervalMs: 2_000,
      ...options,
      what: `batch ${batchId}`,
      poll: (signal) => getBatch(core, batchId, pollOptions(signal)),
      isDone: (b) => isTerminalBatchStatus(b.status),
    });
  });
}

/** The output file's lines (results), parsed as they stream; nothing when there is no output file. */
export function readBatchOutput(
  core: ClientCore,
  batch: Pick<Batch, "output_file_id">,
  options?: RequestOptions,
): AsyncGenerator<JsonlLine<BatchOutputLine>> {
  return linesOf(core, batch?.output_file_id, options);
}

/** The error file's lines (requests that failed), parsed as they stream. */
export function readBatchErrors(
  core: ClientCore,
  batch: Pick<Batch, "error_file_id">,
  options?: RequestOptions,
): AsyncGenerator<JsonlLine<BatchOutputLine>> {
  return linesOf(core, batch?.error_file_id, options);
}

async function* linesOf(
  core: ClientCore,
  fileId: string | null | undefined,
  options?: RequestOptions,
): AsyncGenerator<JsonlLine<BatchOutputLine>> {
  if (!fileId) return;
  yield* readFileLines<BatchOutputLine>(core, fileId, options);
}

/** The Batch API (OpenAI-compatible): create, follow and read the results of JSONL batches. */
export class BatchesResource extends Resource<ClientCore> {
  /** {@inheritDoc createBatch} */
  create(input: CreateBatchInput, options?: RequestOptions) {
    return createBatch(this.core, input, options);
  }
  /** {@inheritDoc getBatch} */
  get(id: string, options?: RequestOptions) {
    return getBatch(this.core, id, options);
  }
  /** {@inheritDoc listBatches} */
  list(query?: ListBatchesQuery, options?: RequestOptions) {
    return listBatches(this.core, query, options);
  }
  /** {@inheritDoc cancelBatch} */
  cancel(id: string, options?: RequestOptions) {
    return cancelBatch(this.core, id, options);
  }
  /** {@inheritDoc waitForBatch} */
  waitFor(id: string, options?: WaitOptions<Batch>) {
    return waitForBatch(this.core, id, options);
  }
  /** {@inheritDoc readBatchOutput} */
  output(batch: Pick<Batch, "output_file_id">, options?: RequestOptions) {
    return readBatchOutput(this.core, batch, options);
  }
  /** {@inheritDoc readBatchErrors} */
  errors(batch: Pick<Batch, "error_file_id">, options?: RequestOptions) {
    return readBatchErrors(this.core, batch, options);
  }
}
