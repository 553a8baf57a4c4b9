import * as z from "zod/mini";
import { intLike } from "../../core/codecs.js";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { idString, maybe, maybeTime } from "./common.js";

/** OpenAI-compatible batch states; open. */
export type BatchStatus = Open<
  | "validating"
  | "in_progress"
  | "finalizing"
  | "completed"
  | "failed"
  | "expired"
  | "cancelling"
  | "cancelled"
>;

/** Batch statuses after which nothing changes. */
export const TERMINAL_BATCH_STATUSES: readonly string[] = ["completed", "failed", "expired", "cancelled"];

/** True for a final batch status (unknown statuses are not final). */
export function isTerminalBatchStatus(status: string | null | undefined): boolean {
  return status != null && TERMINAL_BATCH_STATUSES.includes(status.toLowerCase());
}

/** An uploaded file (`object: "file"`). */
export interface FileObject {
  id: string;
  bytes?: number | null | undefined;
  filename?: string | null | undefined;
  purpose?: string | null | undefined;
  created_at?: Date | null | undefined;
  object?: string | null | undefined;
  [key: string]: unknown;
}

/** How many of a batch's requests completed or failed, of the total. */
export interface RequestCounts {
  total: number;
  completed: number;
  failed: number;
}

/** A Batch API job (OpenAI-compatible shape). */
export interface Batch {
  id: string;
  status: BatchStatus;
  input_file_id?: string | null | undefined;
  endpoint?: string | null | undefined;
  completion_window?: string | null | undefined;
  output_file_id?: string | null | undefined;
  error_file_id?: string | null | undefined;
  /** Always present (zeros when the server omitted it). */
  request_counts: RequestCounts;
  errors?: unknown;
  model?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  created_at?: Date | null | undefined;
  completed_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** One page of `batches.list`. */
export interface BatchPage {
  data: Batch[];
  has_more?: boolean | null | undefined;
  first_id?: string | null | undefined;
  last_id?: string | null | undefined;
}

const counts = () =>
  z.looseObject({
    total: z._default(intLike(), 0),
    completed: z._default(intLike(), 0),
    failed: z._default(intLike(), 0),
  });

const batch = () =>
  z.pipe(
    z.looseObject({
      id: idString(),
      status: z._default(
        z.pipe(
          z.nullable(z.string()),
          z.transform((v) => v ?? "unknown"),
        ),
        "unknown",
      ),
      input_file_id: maybe(idString()),
      endpoint: maybe(z.string()),
      completion_window: maybe(z.string()),
      output_file_id: maybe(idString()),
      error_file_id: maybe(idString()),
      request_counts: maybe(counts()),
      model: maybe(z.string()),
      metadata: maybe(z.record(z.string(), z.unknown())),
      created_at: maybeTime(),
      completed_at: maybeTime(),
    }),
    z.transform((raw) => ({
      ...raw,
      request_counts: raw.request_counts ?? { total: 0, completed: 0, failed: 0 },
    })),
  );

/** @internal The response schema behind the type of the same name (validation only). */
export const batchSchema = lazy(() => shaped<Batch>()(batch()));

/** @internal The response schema behind the type of the same name (validation only). */
export const batchPageSchema = lazy(() =>
  shaped<BatchPage>()(
    z.pipe(
      z.pipe(
        z.union([z.array(z.unknown()), z.looseObject({})]),
        z.transform((raw) => (Array.isArray(raw) ? { data: raw } : raw)),
      ),
      z.looseObject({
        data: z._default(z.array(batch()), []),
        has_more: maybe(z.boolean()),
        first_id: maybe(z.string()),
        last_id: maybe(z.string()),
      }),
    ),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const fileObjectSchema = lazy(() =>
  shaped<FileObject>()(
    z.looseObject({
      id: idString(),
      bytes: maybe(intLike()),
      filename: maybe(z.string()),
      purpose: maybe(z.string()),
      created_at: maybeTime(),
      object: maybe(z.string()),
    }),
  ),
);
