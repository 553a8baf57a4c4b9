import * as z from "zod/mini";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { listOf, maybe, maybeTime } from "./common.js";

/** Run states; open (unknown values pass through). */
export type RunStatus = Open<
  | "pending"
  | "queued"
  | "starting"
  | "running"
  | "completed"
  | "failed"
  | "failed_user"
  | "failed_system"
  | "system_failure"
  | "timeout"
  | "cancelled"
  | "aborted"
>;

/** Run statuses that mean it has not finished. */
export const LIVE_RUN_STATUSES: readonly string[] = ["pending", "queued", "starting", "running"];
/** Run statuses after which nothing changes. */
export const TERMINAL_RUN_STATUSES: readonly string[] = [
  "completed",
  "failed",
  "failed_user",
  "failed_system",
  "system_failure",
  "timeout",
  "cancelled",
  "aborted",
];

/** True for the known final states; unknown states count as not finished (polling goes on). */
export function isTerminalRunStatus(status: string | null | undefined): boolean {
  return status != null && TERMINAL_RUN_STATUSES.includes(status.toLowerCase());
}

/** What a submit returns. */
export interface RunSubmitted {
  execution_id: string;
  status: RunStatus;
  /** SSE endpoint with the run's live output (absent for GPU-selection fan-outs). */
  streaming_url?: string | null | undefined;
  message?: string | null | undefined;
  [key: string]: unknown;
}

/** A run's status (`runs.status`, `runs.waitFor`). */
export interface RunStatusInfo {
  status: RunStatus;
  execution_id?: string | null | undefined;
  errors?: unknown;
  streaming_url?: string | null | undefined;
  [key: string]: unknown;
}

/** The full execution record (schema not public: every field beyond `status` is optional). */
export interface RunRecord {
  execution_id?: string | null | undefined;
  status?: RunStatus | null | undefined;
  stdout?: string | null | undefined;
  stderr?: string | null | undefined;
  result?: unknown;
  created_at?: Date | null | undefined;
  [key: string]: unknown;
}

/** How long a run queued and ran. */
export interface RunTiming {
  start?: Date | null | undefined;
  end?: Date | null | undefined;
  /** Seconds. */
  duration?: number | null | undefined;
  [key: string]: unknown;
}

/** One of your runs as `runs.list` returns it. */
export interface Workload {
  execution_id: string;
  status: RunStatus;
  created_at?: Date | null | undefined;
  file_name?: string | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const runSubmittedSchema = lazy(() =>
  shaped<RunSubmitted>()(
    z.looseObject({
      execution_id: z.string(),
      status: z.string(),
      streaming_url: maybe(z.string()),
      message: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const runStatusSchema = lazy(() =>
  shaped<RunStatusInfo>()(
    z.looseObject({
      status: z.string(),
      execution_id: maybe(z.string()),
      errors: z.optional(z.unknown()),
      streaming_url: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const runRecordSchema = lazy(() =>
  shaped<RunRecord>()(
    z.looseObject({
      execution_id: maybe(z.string()),
      status: maybe(z.string()),
      stdout: maybe(z.string()),
      stderr: maybe(z.string()),
      created_at: maybeTime(),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const runTimingSchema = lazy(() =>
  shaped<RunTiming>()(
    z.looseObject({
      start: maybeTime(),
      end: maybeTime(),
      duration: maybe(z.number()),
    }),
  ),
);

const workload = () =>
  z.looseObject({
    execution_id: z.string(),
    status: z.string(),
    created_at: maybeTime(),
    file_name: maybe(z.string()),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const workloadsSchema = lazy(() =>
  shaped<Workload[]>()(listOf(workload(), "workloads", "executions", "items")),
);

/** Fields of one SSE `data:` payload, any shape (parsed leniently, never validated strictly). */
export const sseDataSchema = lazy(() => z.looseObject({}));
