import * as z from "zod/mini";
import { numberLike } from "../../core/codecs.js";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { idString, listOf, maybe, maybeTime } from "./common.js";

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
  /** As the server answered (usually `pending`); absent when it sent none. */
  status?: RunStatus | null | undefined;
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

/** One active run of `/workloads/list` (finished runs are not listed). */
export interface Workload {
  execution_id: string;
  status: RunStatus;
  created_at?: Date | null | undefined;
  file_name?: string | null | undefined;
  /** The machine type it runs on. */
  hardware_profile?: string | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const runSubmittedSchema = lazy(() =>
  shaped<RunSubmitted>()(
    z.looseObject({
      // The id is what everything after a submit needs; the rest is read if present.
      execution_id: idString(),
      status: maybe(z.string()),
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
      execution_id: maybe(idString()),
      errors: z.optional(z.unknown()),
      streaming_url: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const runRecordSchema = lazy(() =>
  shaped<RunRecord>()(
    z.looseObject({
      execution_id: maybe(idString()),
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
      duration: maybe(numberLike()),
    }),
  ),
);

const workload = () =>
  z.looseObject({
    execution_id: idString(),
    status: z._default(z.string(), "unknown"),
    created_at: maybeTime(),
    file_name: maybe(z.string()),
    hardware_profile: maybe(z.string()),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const workloadsSchema = lazy(() =>
  shaped<Workload[]>()(listOf(workload(), "workloads", "executions", "items")),
);

/** Fields of one SSE `data:` payload, any shape (parsed leniently, never validated strictly). */
export const sseDataSchema = lazy(() => z.looseObject({}));
