import { InputValidationError, NotFoundError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { registerSecret } from "../core/redact.js";
import type { Route } from "../core/routes.js";
import { onePage } from "./catalog.js";
import { portUrl, routes } from "./routes.js";
import { type RunEvent, type StreamOptions, streamRun } from "./run-stream.js";
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
import * as v from "./validate.js";

/** 24 random bytes as URL-safe text (WebCrypto: every runtime). */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fields shared by Python runs and GPU-selection fan-outs. */
export interface PythonCode {
  /** The Python source to run. */
  code: string;
  /** Seconds, 1–600 (server default 60). */
  timeout?: number;
  /** requirements.txt content (lines or one text). */
  requirements?: string | string[];
  /** Extra modules: relative path → source (sent as the `import_files` JSON text). */
  files?: Record<string, string>;
  /** Name shown for the run. */
  fileName?: string;
  /** Import statements executed before the code. */
  priorImports?: string[];
  /**
   * URLs the platform POSTs completion info to (unsigned). Python, Docker and Compose runs only:
   * the GPU-selection body has no such field (`gpuSelection` refuses it).
   */
  callbackUrls?: string[];
}

/** Opt-in check of the machine type against the hardware the account may use. */
export interface MachineCheck {
  /**
   * First read `/user/quotas/available-hardware` and refuse (`InputValidationError` on
   * `machine`) a machine type not in it, before submitting — as the official CLI does. Default off.
   */
  checkMachine?: boolean;
}

/** What `runs.python` sends: the code and a machine type. */
export interface PythonRunInput extends PythonCode, MachineCheck {
  /** Machine type: `cpu` (default), `gpu.a100`, `gpu.h100`… (pattern `^[a-zA-Z0-9_.]+$`). */
  machine?: string;
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

/** Credentials for a private image registry: basic auth, or AWS (ECR). */
export type RegistryCredentials =
  | { type: "basic"; username: string; password: string }
  | {
      type: "aws";
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      /** ECR region (server default `us-east-1`); sent as `region` (Docker) or `aws_region` (Compose). */
      region?: string;
    };

/** What `runs.docker` sends: an image, its command and a machine type. */
export interface DockerRunInput extends MachineCheck {
  /** Image reference, e.g. `python:3.12-slim` or `ghcr.io/acme/train:1`. */
  image: string;
  /** The command and its arguments. */
  command: string[];
  /** Environment for the container (names `[A-Za-z_][A-Za-z0-9_]*`). */
  env?: Record<string, string>;
  registry?: RegistryCredentials;
  machine?: string;
  timeout?: number;
  /** Mount the account's bucket (default true on the server). */
  enableS3Mount?: boolean;
  /** Where the bucket is mounted in the container (`s3_mount_path`; the platform's default `/mnt/s3`). */
  s3MountPath?: string;
  /** User the container runs as (`run_as_user`, e.g. `"1000"` or `"1000:1000"`). */
  runAsUser?: string;
  /** Kind of job (`job_type`, an open string the platform records with the run). */
  jobType?: string;
  /** Seconds given to the container to stop gracefully (`graceful_timeout`). */
  gracefulTimeout?: number;
  /** Name shown for the run (`file_name`; the official CLI always sends one). */
  fileName?: string;
  callbackUrls?: string[];
}

/** What `runs.compose` sends: a Compose file and a machine type. */
export interface ComposeRunInput extends MachineCheck {
  /** docker-compose YAML text. */
  composeFile: string;
  registry?: RegistryCredentials;
  machine?: string;
  timeout?: number;
  /** Default false on the server. */
  enableS3Mount?: boolean;
  /** Seconds given to services to stop gracefully. */
  gracefulTimeout?: number;
  /** Name shown for the run (`file_name`; the official CLI always sends one). */
  fileName?: string;
  callbackUrls?: string[];
}

/** What `runs.gpuSelection` sends: the code to profile across GPU types. */
export type GpuSelectionInput = PythonCode;

export type { RunEvent, StreamOptions };

/** What `runs.abortWorkload` found: `aborted: false` when the run was unknown or already stopped. */
export interface WorkloadAbort {
  execution_id: string;
  aborted: boolean;
  message: string | null;
}

/** Runs (`lyceum.runs`): Python, Docker and Compose workloads, their status, live output and timing. */
export class RunsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Submit a Python run. Never retried (a replay would start a second run). */
  async python(input: PythonRunInput, options?: RequestOptions): Promise<RunSubmitted> {
    const body = pythonBody(input, "input");
    const machine = v.machine(input.machine);
    if (machine !== undefined) body.execution_type = machine;
    await this.#checkMachine(input, machine ?? "cpu", options);
    return this.#submit(routes.startPython, body, options);
  }

  /** Run a Docker image. */
  async docker(input: DockerRunInput, options?: RequestOptions): Promise<RunSubmitted> {
    v.requireObject(input, "input");
    const body: Record<string, unknown> = {
      docker_image_ref: v.requireString(input.image, "image"),
      docker_run_cmd: v.stringArray(input.command, "command", { nonEmpty: true }),
    };
    if (input.env !== undefined)
      body.docker_run_env = v
        .envRecord(input.env, "env")
        .map(([k, val]) => `${k}=${val}`)
        .join("\n");
    // The Docker body names the ECR region `region` (the Compose body: `aws_region`).
    Object.assign(body, registryFields(input.registry, "region"), common(input));
    const s3 = v.optionalBool(input.enableS3Mount, "enableS3Mount");
    if (s3 !== undefined) body.enable_s3_mount = s3;
    const mountPath = v.optionalString(input.s3MountPath, "s3MountPath");
    if (mountPath !== undefined) {
      if (!mountPath.startsWith("/"))
        throw new InputValidationError("s3MountPath", "must be an absolute path");
      body.s3_mount_path = mountPath;
    }
    const user = v.optionalString(input.runAsUser, "runAsUser");
    if (user !== undefined) body.run_as_user = user;
    const jobType = v.optionalString(input.jobType, "jobType");
    if (jobType !== undefined) body.job_type = jobType;
    const graceful = v.optionalInt(input.gracefulTimeout, "gracefulTimeout", 0, 3600);
    if (graceful !== undefined) body.graceful_timeout = graceful;
    await this.#checkMachine(input, body.execution_type ?? "cpu", options);
    return this.#submit(routes.startDocker, body, options);
  }

  /** Run a Docker Compose stack. */
  async compose(input: ComposeRunInput, options?: RequestOptions): Promise<RunSubmitted> {
    v.requireObject(input, "input");
    const body: Record<string, unknown> = {
      compose_file_code: v.requireString(input.composeFile, "composeFile"),
    };
    Object.assign(body, registryFields(input.registry, "aws_region"), common(input));
    const s3 = v.optionalBool(input.enableS3Mount, "enableS3Mount");
    if (s3 !== undefined) body.enable_s3_mount = s3;
    const graceful = v.optionalInt(input.gracefulTimeout, "gracefulTimeout", 0, 3600);
    if (graceful !== undefined) body.graceful_timeout = graceful;
    await this.#checkMachine(input, body.execution_type ?? "cpu", options);
    return this.#submit(routes.startCompose, body, options);
  }

  /**
   * Fan a Python run out across GPU types (the platform picks; no `machine`). The documented body
   * has no callback URLs (the server would drop them silently): `callbackUrls` is refused.
   */
  async gpuSelection(input: GpuSelectionInput, options?: RequestOptions): Promise<RunSubmitted> {
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
    return this.#submit(routes.startGpuSelection, pythonBody(input, "input"), options);
  }

  /** Current status (open string; see `isTerminalRunStatus`). */
  async status(id: string, options?: RequestOptions): Promise<RunStatusInfo> {
    return this.#http.json(routes.runStatus, {
      params: { id: v.id(id) },
      schema: runStatusSchema(),
      options,
    });
  }

  /** The full execution record (status, stdout, stderr, result). */
  async get(id: string, options?: RequestOptions): Promise<RunRecord> {
    return this.#http.json(routes.runGet, { params: { id: v.id(id) }, schema: runRecordSchema(), options });
  }

  /** Start, end and duration. */
  async timing(id: string, options?: RequestOptions): Promise<RunTiming> {
    return this.#http.json(routes.runTiming, {
      params: { id: v.id(id) },
      schema: runTimingSchema(),
      options,
    });
  }

  /** Hard-stop a run. */
  async abort(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.runAbort, { params: { id: v.id(id) }, options });
  }

  /** Mark a streaming run complete (`POST /execution/streaming/complete/{id}`, "Mark complete"). */
  async complete(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.runComplete, { params: { id: v.id(id) }, options });
  }

  /** Abort a Docker run through its own endpoint (`POST /execution/image/abort/{id}`). */
  async abortImage(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.imageAbort, { params: { id: v.id(id) }, options });
  }

  /**
   * Launch a Jupyter notebook session as the official CLI does: a Docker run of
   * `jupyter/base-notebook` started with `start-notebook.sh`, reachable at the run's port URL
   * (`https://{execution_id}-{port}.port.lyceum.technology/?token=…`). Without `token` a random
   * one is made (the CLI's fixed default would let anyone with the URL in). Stop it with
   * `runs.abortWorkload(id)`. Never retried.
   */
  async notebook(input: NotebookInput = {}, options?: RequestOptions): Promise<NotebookSession> {
    v.requireObject(input, "input");
    const port = v.optionalInt(input.port, "port", 1, 65_535) ?? 8888;
    const token = v.optionalString(input.token, "token") ?? randomToken();
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(token))
      throw new InputValidationError("token", "must be 8–128 letters, digits, '-' or '_'");
    registerSecret(token);
    const body: Record<string, unknown> = {
      docker_image_ref: v.optionalString(input.image, "image") ?? "jupyter/base-notebook:latest",
      docker_run_cmd: [
        "start-notebook.sh",
        `--NotebookApp.token=${token}`,
        `--port=${port}`,
        "--ip=0.0.0.0",
        "--no-browser",
      ],
      timeout: v.optionalInt(input.timeout, "timeout", 1, 600) ?? 600,
      execution_type: v.machine(input.machine) ?? "cpu",
    };
    await this.#checkMachine(input, body.execution_type as string, options);
    const run = await this.#submit(routes.startDocker, body, options);
    const url = portUrl(run.execution_id, port);
    return { ...run, url, notebookUrl: `${url}/?token=${token}`, token };
  }

  /**
   * With `checkMachine: true`, refuse a machine type the account cannot use before submitting
   * (as the official CLI does with `-m`): `GET /user/quotas/available-hardware`.
   */
  async #checkMachine(input: { checkMachine?: unknown }, machine: unknown, options?: RequestOptions) {
    if (input.checkMachine === undefined || input.checkMachine === false) return;
    if (input.checkMachine !== true) throw new InputValidationError("checkMachine", "must be a boolean");
    if (typeof machine !== "string") return;
    const available = await this.#http.json(routes.availableHardware, {
      schema: availableHardwareSchema(),
      options,
    });
    if (!available.includes(machine))
      throw new InputValidationError(
        "machine",
        `"${machine}" is not available to this account (available: ${available.slice(0, 20).join(", ") || "none"})`,
      );
  }

  /**
   * Abort through Workload Management (`POST /workloads/abort/{id}`). The server answers 404
   * for "not found or already stopped": that is reported (`aborted: false`), not thrown.
   */
  async abortWorkload(id: string, options?: RequestOptions): Promise<WorkloadAbort> {
    const runId = v.id(id);
    try {
      await this.#http.void(routes.workloadAbort, { params: { id: runId }, options });
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
  }

  /** Delete the execution record. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.#http.void(routes.runDelete, { params: { id: v.id(id) }, options });
  }

  /** Your runs (`/workloads/list`, one page). */
  list(options?: RequestOptions): Paginator<Workload, number> {
    return onePage(options, () => this.#http.json(routes.workloads, { schema: workloadsSchema(), options }));
  }

  /** Poll the status until it is final (unknown statuses keep polling). Resolves with the last status. */
  async waitFor(id: string, options: WaitOptions<RunStatusInfo> = {}): Promise<RunStatusInfo> {
    const runId = v.id(id);
    return waitFor({
      ...options,
      what: `run ${runId}`,
      poll: (signal) => this.status(runId, signal ? { signal } : undefined),
      isDone: (s) => isTerminalRunStatus(s.status),
    });
  }

  /**
   * Live output as typed events, read from the run's `streaming_url` (SSE). Ends with exactly one
   * `finished` event: from the stream, or synthesised by polling the status when the stream ends
   * early or fails.
   */
  stream(run: string | Pick<RunSubmitted, "execution_id" | "streaming_url">, options: StreamOptions = {}) {
    return streamRun(this.#http, this, run, options);
  }

  #submit(route: Route, body: Record<string, unknown>, options?: RequestOptions): Promise<RunSubmitted> {
    return this.#http.json(route, { json: body, schema: runSubmittedSchema(), options });
  }
}

function pythonBody(input: PythonCode, field: string): Record<string, unknown> {
  v.requireObject(input, field);
  const body: Record<string, unknown> = { code: v.requireString(input.code, "code"), nbcode: 0 };
  if (input.requirements !== undefined) {
    body.requirements_content = Array.isArray(input.requirements)
      ? v.stringArray(input.requirements, "requirements").join("\n")
      : v.requireString(input.requirements, "requirements");
  }
  const files = v.filesRecord(input.files);
  if (files !== undefined) body.import_files = JSON.stringify(files);
  const fileName = v.optionalString(input.fileName, "fileName");
  if (fileName !== undefined) body.file_name = fileName;
  if (input.priorImports !== undefined)
    body.prior_imports = v.stringArray(input.priorImports, "priorImports");
  const timeout = v.optionalInt(input.timeout, "timeout", 1, 600);
  if (timeout !== undefined) body.timeout = timeout;
  const urls = v.callbackUrls(input.callbackUrls);
  if (urls !== undefined) body.user_callback_urls = urls;
  return body;
}

function common(input: { machine?: unknown; timeout?: unknown; callbackUrls?: unknown; fileName?: unknown }) {
  const out: Record<string, unknown> = {};
  const fileName = v.optionalString(input.fileName, "fileName");
  if (fileName !== undefined) out.file_name = fileName;
  const machine = v.machine(input.machine);
  if (machine !== undefined) out.execution_type = machine;
  const timeout = v.optionalInt(input.timeout, "timeout", 1, 600);
  if (timeout !== undefined) out.timeout = timeout;
  const urls = v.callbackUrls(input.callbackUrls);
  if (urls !== undefined) out.user_callback_urls = urls;
  return out;
}

function registryFields(
  registry: RegistryCredentials | undefined,
  regionField: "region" | "aws_region",
): Record<string, unknown> {
  if (registry === undefined) return {};
  v.requireObject(registry, "registry");
  if (registry.type === "basic") {
    const username = v.requireString(registry.username, "registry.username");
    const password = v.requireString(registry.password, "registry.password");
    registerSecret(password);
    return {
      docker_registry_credential_type: "basic",
      docker_username: username,
      docker_password: password,
    };
  }
  if (registry.type === "aws") {
    const out: Record<string, unknown> = {
      docker_registry_credential_type: "aws",
      aws_access_key_id: v.requireString(registry.accessKeyId, "registry.accessKeyId"),
      aws_secret_access_key: v.requireString(registry.secretAccessKey, "registry.secretAccessKey"),
    };
    registerSecret(registry.secretAccessKey);
    const token = v.optionalString(registry.sessionToken, "registry.sessionToken");
    if (token !== undefined) {
      registerSecret(token);
      out.aws_session_token = token;
    }
    const region = v.optionalString(registry.region, "registry.region");
    if (region !== undefined) out[regionField] = region;
    return out;
  }
  throw new InputValidationError("registry.type", 'must be "basic" or "aws"');
}
