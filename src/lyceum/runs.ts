import type { APIPromise } from "../core/api-promise.js";
import { optionalInt, optionalString, requireObject } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError, NotFoundError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { registerSecret } from "../core/redact.js";
import type { Route } from "../core/routes.js";
import { httpOf, onePage, operation, optionalMachine, requireLyceumId, waitOperation } from "./internal.js";
import { portUrl, routes } from "./routes.js";
import {
  type ComposeRunInput,
  composeBody,
  type DockerRunInput,
  dockerBody,
  type GpuSelectionInput,
  type MachineCheck,
  type PythonRunInput,
  pythonBody,
} from "./run-bodies.js";
import { type RunEvent, readRunStream, type StreamOptions } from "./run-stream.js";
import { availableHardwareSchema } from "./schemas/catalog.js";
import {
  isTerminalRunStatus,
  type RunRecord,
  type RunStatusInfo,
  type RunSubmitted,
  type RunTiming,
  runRecordSchema,
  runStatusSchema,
  runSubmittedSchema,
  runTimingSchema,
  type Workload,
  workloadsSchema,
} from "./schemas/runs.js";

/** 24 random bytes as URL-safe text (WebCrypto: every runtime). */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** What `runs.notebook` launches (the official CLI's `notebook launch` options). */
export interface NotebookInput extends MachineCheck {
  /** Machine type (default `cpu`). */
  machine?: string;
  /** Session length, seconds, 1–600 (default 600). */
  timeout?: number;
  /** Jupyter image (default `jupyter/base-notebook:latest`). */
  image?: string;
  /** Jupyter token (default: a random one). Redacted from logs and errors. */
  token?: string;
  /** Port Jupyter listens on (default 8888). */
  port?: number;
}

/** A launched notebook session: the run, its port URL and the URL with the token. */
export type NotebookSession = RunSubmitted & {
  /** `https://{execution_id}-{port}.port.lyceum.technology`. */
  url: string;
  /** `url` with `/?token=…`: open it in a browser. */
  notebookUrl: string;
  token: string;
};

export type { RunEvent, StreamOptions };

/** What `runs.abortWorkload` found: `aborted: false` when the run was unknown or already stopped. */
export interface WorkloadAbort {
  execution_id: string;
  aborted: boolean;
  message: string | null;
}

/** Submit a Python run. Never retried (a replay would start a second run). */
export function startPythonRun(
  core: ClientCore,
  input: PythonRunInput,
  options?: RequestOptions,
): APIPromise<RunSubmitted> {
  return operation(core, options, async (http, options) => {
    const body = pythonBody(input, "input");
    const machine = optionalMachine(input.machine);
    if (machine !== undefined) body.execution_type = machine;
    await checkMachine(http, input, machine ?? "cpu", options);
    return submit(http, routes.runs.startPython, body, options);
  });
}

/** Run a Docker image. Never retried. */
export function startDockerRun(
  core: ClientCore,
  input: DockerRunInput,
  options?: RequestOptions,
): APIPromise<RunSubmitted> {
  return operation(core, options, async (http, options) => {
    const body = dockerBody(input);
    await checkMachine(http, input, body.execution_type ?? "cpu", options);
    return submit(http, routes.runs.startDocker, body, options);
  });
}

/** Run a Docker Compose stack. Never retried. */
export function startComposeRun(
  core: ClientCore,
  input: ComposeRunInput,
  options?: RequestOptions,
): APIPromise<RunSubmitted> {
  return operation(core, options, async (http, options) => {
    const body = composeBody(input);
    await checkMachine(http, input, body.execution_type ?? "cpu", options);
    return submit(http, routes.runs.startCompose, body, options);
  });
}

/**
 * Fan a Python run out across GPU types (the platform picks; no `machine`). The documented body
 * has no callback URLs (the server would drop them silently): `callbackUrls` is refused.
 */
export function startGpuSelectionRun(
  core: ClientCore,
  input: GpuSelectionInput,
  options?: RequestOptions,
): APIPromise<RunSubmitted> {
  return operation(core, options, (http, options) => {
    if (input && typeof input === "object" && (input as { machine?: unknown }).machine !== undefined)
      throw new InputValidationError("machine", "is not accepted: GPU selection picks the hardware");
    if (
      input &&
      typeof input === "object" &&
      (input as { callbackUrls?: unknown }).callbackUrls !== undefined
    )
      throw new InputValidationError(
        "callbackUrls",
        "is not accepted by GPU selection (callbacks apply to Python, Docker and Compose runs)",
      );
    return submit(http, routes.runs.startGpuSelection, pythonBody(input, "input"), options);
  });
}

/** A run's current status (open string; see `isTerminalRunStatus`). */
export function getRunStatus(
  core: ClientCore,
  id: string,
  options?: RequestOptions,
): APIPromise<RunStatusInfo> {
  return operation(core, options, (http, options) =>
    http.json(routes.runs.status, {
      params: { id: requireLyceumId(id) },
      schema: runStatusSchema(),
      options,
    }),
  );
}

/** The full execution record (status, stdout, stderr, result). */
export function getRun(core: ClientCore, id: string, options?: RequestOptions): APIPromise<RunRecord> {
  return operation(core, options, (http, options) =>
    http.json(routes.runs.get, { params: { id: requireLyceumId(id) }, schema: runRecordSchema(), options }),
  );
}

/** A run's start, end and duration. */
export function getRunTiming(core: ClientCore, id: string, options?: RequestOptions): APIPromise<RunTiming> {
  return operation(core, options, (http, options) =>
    http.json(routes.runs.timing, {
      params: { id: requireLyceumId(id) },
      schema: runTimingSchema(),
      options,
    }),
  );
}

/** Hard-stop a run. */
export function abortRun(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.runs.abort, { params: { id: requireLyceumId(id) }, options }),
  );
}

/** Mark a streaming run complete (`POST /execution/streaming/complete/{id}`, "Mark complete"). */
export function completeRun(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.runs.complete, { params: { id: requireLyceumId(id) }, options }),
  );
}

/** Abort a Docker run through its own endpoint (`POST /execution/image/abort/{id}`). */
export function abortImageRun(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.runs.abortImage, { params: { id: requireLyceumId(id) }, options }),
  );
}

/**
 * Launch a Jupyter notebook session as the official CLI does: a Docker run of
 * `jupyter/base-notebook` started with `start-notebook.sh`, reachable at the run's port URL
 * (`https://{execution_id}-{port}.port.lyceum.technology/?token=…`). Without `token` a random
 * one is made (the CLI's fixed default would let anyone with the URL in). Stop it with
 * `runs.abortWorkload(id)`. Never retried.
 */
export function launchNotebook(
  core: ClientCore,
  input: NotebookInput = {},
  options?: RequestOptions,
): APIPromise<NotebookSession> {
  return operation(core, options, async (http, options) => {
    requireObject(input, "input");
    const port = optionalInt(input.port, "port", 1, 65_535) ?? 8888;
    const token = optionalString(input.token, "token") ?? randomToken();
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(token))
      throw new InputValidationError("token", "must be 8–128 letters, digits, '-' or '_'");
    registerSecret(token);
    const body: Record<string, unknown> = {
      docker_image_ref: optionalString(input.image, "image") ?? "jupyter/base-notebook:latest",
      docker_run_cmd: [
        "start-notebook.sh",
        `--NotebookApp.token=${token}`,
        `--port=${port}`,
        "--ip=0.0.0.0",
        "--no-browser",
      ],
      timeout: optionalInt(input.timeout, "timeout", 1, 600) ?? 600,
      execution_type: optionalMachine(input.machine) ?? "cpu",
    };
    await checkMachine(http, input, body.execution_type as string, options);
    const run = await submit(http, routes.runs.startDocker, body, options);
    const url = portUrl(run.execution_id, port);
    return { ...run, url, notebookUrl: `${url}/?token=${token}`, token };
  });
}

/**
 * Abort through Workload Management (`POST /workloads/abort/{id}`). The server answers 404
 * for "not found or already stopped": that is reported (`aborted: false`), not thrown.
 */
export function abortWorkload(
  core: ClientCore,
  id: string,
  options?: RequestOptions,
): APIPromise<WorkloadAbort> {
  return operation(core, options, async (http, options) => {
    const runId = requireLyceumId(id);
    try {
      await http.void(routes.runs.abortWorkload, { params: { id: runId }, options });
      return { execution_id: runId, aborted: true, message: null };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const detail = (error.body as { detail?: unknown } | undefined)?.detail;
      return {
        execution_id: runId,
        aborted: false,
        message: typeof detail === "string" ? detail : "not found or already stopped",
      };
    }
  });
}

/** Delete the execution record. */
export function deleteRun(core: ClientCore, id: string, options?: RequestOptions): APIPromise<void> {
  return operation(core, options, (http, options) =>
    http.void(routes.runs.delete, { params: { id: requireLyceumId(id) }, options }),
  );
}

/** Your runs (`/workloads/list`, one page). */
export function listRuns(core: ClientCore, options?: RequestOptions): Paginator<Workload, number> {
  return onePage(options, () => httpOf(core).json(routes.runs.list, { schema: workloadsSchema(), options }));
}

/** Poll a run's status until it is final (unknown statuses keep polling). Resolves with the last status. */
export function waitForRun(
  core: ClientCore,
  id: string,
  options: WaitOptions<RunStatusInfo> = {},
): APIPromise<RunStatusInfo> {
  return waitOperation(async (pollOptions) => {
    const runId = requireLyceumId(id);
    return waitFor({
      ...options,
      what: `run ${runId}`,
      poll: (signal) => getRunStatus(core, runId, pollOptions(signal)),
      isDone: (s) => isTerminalRunStatus(s.status),
    });
  });
}

/**
 * A run's live output as typed events, read from its `streaming_url` (SSE). Ends with exactly one
 * `finished` event: from the stream, or synthesised by polling the status when the stream ends
 * early or fails.
 */
export function streamRun(
  core: ClientCore,
  run: string | Pick<RunSubmitted, "execution_id" | "streaming_url">,
  options: StreamOptions = {},
): AsyncGenerator<RunEvent, void, undefined> {
  const reader = {
    status: (id: string, o?: RequestOptions) => getRunStatus(core, id, o),
    get: (id: string, o?: RequestOptions) => getRun(core, id, o),
  };
  return readRunStream(httpOf(core), reader, run, options);
}

/**
 * With `checkMachine: true`, refuse a machine type the account cannot use before submitting
 * (as the official CLI does with `-m`): `GET /user/quotas/available-hardware`.
 */
async function checkMachine(
  http: HttpClient,
  input: { checkMachine?: unknown },
  machine: unknown,
  options: RequestOptions,
): Promise<void> {
  if (input.checkMachine === undefined || input.checkMachine === false) return;
  if (input.checkMachine !== true) throw new InputValidationError("checkMachine", "must be a boolean");
  if (typeof machine !== "string") return;
  const available = await http.json(routes.quotas.availableHardware, {
    schema: availableHardwareSchema(),
    options,
  });
  if (!available.includes(machine))
    throw new InputValidationError(
      "machine",
      `"${machine}" is not available to this account (available: ${available.slice(0, 20).join(", ") || "none"})`,
    );
}

function submit(
  http: HttpClient,
  route: Route,
  body: Record<string, unknown>,
  options: RequestOptions,
): Promise<RunSubmitted> {
  return http.json(route, { json: body, schema: runSubmittedSchema(), options });
}

/** Runs (`lyceum.runs`): Python, Docker and Compose workloads, their status, live output and timing. */
export class RunsResource extends Resource<ClientCore> {
  /** {@inheritDoc startPythonRun} */
  python(input: PythonRunInput, options?: RequestOptions) {
    return startPythonRun(this.core, input, options);
  }
  /** {@inheritDoc startDockerRun} */
  docker(input: DockerRunInput, options?: RequestOptions) {
    return startDockerRun(this.core, input, options);
  }
  /** {@inheritDoc startComposeRun} */
  compose(input: ComposeRunInput, options?: RequestOptions) {
    return startComposeRun(this.core, input, options);
  }
  /** {@inheritDoc startGpuSelectionRun} */
  gpuSelection(input: GpuSelectionInput, options?: RequestOptions) {
    return startGpuSelectionRun(this.core, input, options);
  }
  /** {@inheritDoc getRunStatus} */
  status(id: string, options?: RequestOptions) {
    return getRunStatus(this.core, id, options);
  }
  /** {@inheritDoc getRun} */
  get(id: string, options?: RequestOptions) {
    return getRun(this.core, id, options);
  }
  /** {@inheritDoc getRunTiming} */
  timing(id: string, options?: RequestOptions) {
    return getRunTiming(this.core, id, options);
  }
  /** {@inheritDoc abortRun} */
  abort(id: string, options?: RequestOptions) {
    return abortRun(this.core, id, options);
  }
  /** {@inheritDoc completeRun} */
  complete(id: string, options?: RequestOptions) {
    return completeRun(this.core, id, options);
  }
  /** {@inheritDoc abortImageRun} */
  abortImage(id: string, options?: RequestOptions) {
    return abortImageRun(this.core, id, options);
  }
  /** {@inheritDoc launchNotebook} */
  notebook(input?: NotebookInput, options?: RequestOptions) {
    return launchNotebook(this.core, input, options);
  }
  /** {@inheritDoc abortWorkload} */
  abortWorkload(id: string, options?: RequestOptions) {
    return abortWorkload(this.core, id, options);
  }
  /** {@inheritDoc deleteRun} */
  delete(id: string, options?: RequestOptions) {
    return deleteRun(this.core, id, options);
  }
  /** {@inheritDoc listRuns} */
  list(options?: RequestOptions) {
    return listRuns(this.core, options);
  }
  /** {@inheritDoc waitForRun} */
  waitFor(id: string, options?: WaitOptions<RunStatusInfo>) {
    return waitForRun(this.core, id, options);
  }
  /** {@inheritDoc streamRun} */
  stream(run: string | Pick<RunSubmitted, "execution_id" | "streaming_url">, options?: StreamOptions) {
    return streamRun(this.core, run, options);
  }
}
