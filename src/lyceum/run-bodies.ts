import {
  optionalBool,
  optionalInt,
  optionalString,
  requireObject,
  requireString,
  requireStringArray,
} from "../core/args.js";
import { InputValidationError } from "../core/errors.js";
import { registerSecret } from "../core/redact.js";
import { envEntries, optionalCallbackUrls, optionalFiles, optionalMachine } from "./internal.js";

// What the run start endpoints take, and the request bodies built from it (checked first).

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
  /** Name shown for the run (`file_name`; the official CLI always sends one). */
  fileName?: string;
  callbackUrls?: string[];
  /** Body fields the API reference does not list yet, sent as given (see `ExtraBody`). */
  extraBody?: ExtraBody;
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
  /** Seconds given to services to stop gracefully (`graceful_timeout`, server default 150). */
  gracefulTimeout?: number;
  /** Name shown for the run (`file_name`; the official CLI always sends one). */
  fileName?: string;
  callbackUrls?: string[];
  /** Body fields the API reference does not list yet, sent as given (see `ExtraBody`). */
  extraBody?: ExtraBody;
}

/** What `runs.gpuSelection` sends: the code to profile across GPU types. */
export type GpuSelectionInput = PythonCode;

/**
 * Fields to add to a Docker or Compose start body that the API reference does not list yet
 * (a FastAPI server silently drops a field it does not know, so the SDK only names documented
 * ones). Merged last, sent as given; a field the SDK has an option for is refused.
 */
export type ExtraBody = Record<string, unknown>;

/** Registry credentials and the run options both start pages list (docs and the official CLI). */
const SHARED_FIELDS = [
  "docker_registry_credential_type",
  "docker_username",
  "docker_password",
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "timeout",
  "execution_type",
  "file_name",
  "enable_s3_mount",
  "user_callback_urls",
];

/**
 * The Docker start body's fields (docs: api-reference/docker-execution/start-docker-execution;
 * `docker_username`/`docker_password` are what the official CLI sends for basic auth).
 */
const DOCKER_FIELDS = ["docker_image_ref", "docker_run_cmd", "docker_run_env", "region", ...SHARED_FIELDS];

/** The Compose start body's fields (docs: the Compose start page). */
const COMPOSE_FIELDS = ["compose_file_code", "aws_region", "graceful_timeout", ...SHARED_FIELDS];

export function dockerBody(input: DockerRunInput): Record<string, unknown> {
  requireObject(input, "input");
  const body: Record<string, unknown> = {
    docker_image_ref: requireString(input.image, "image"),
    docker_run_cmd: requireStringArray(input.command, "command", { nonEmpty: true }),
  };
  if (input.env !== undefined)
    body.docker_run_env = envEntries(input.env, "env")
      .map(([k, val]) => `${k}=${val}`)
      .join("\n");
  // The Docker body names the ECR region `region` (the Compose body: `aws_region`).
  Object.assign(body, registryFields(input.registry, "region"), containerFields(input));
  return withExtraBody(body, input.extraBody, DOCKER_FIELDS);
}

export function composeBody(input: ComposeRunInput): Record<string, unknown> {
  requireObject(input, "input");
  const body: Record<string, unknown> = {
    compose_file_code: requireString(input.composeFile, "composeFile", Number.POSITIVE_INFINITY),
  };
  Object.assign(body, registryFields(input.registry, "aws_region"), containerFields(input));
  const graceful = optionalInt(input.gracefulTimeout, "gracefulTimeout", 0, 3600);
  if (graceful !== undefined) body.graceful_timeout = graceful;
  return withExtraBody(body, input.extraBody, COMPOSE_FIELDS);
}

/** `extra` merged last into `body`; a field the SDK has an option for is refused, not overwritten. */
function withExtraBody(
  body: Record<string, unknown>,
  extra: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (extra === undefined) return body;
  const fields = requireObject(extra, "extraBody");
  if (Object.getPrototypeOf(fields) !== Object.prototype && Object.getPrototypeOf(fields) !== null)
    throw new InputValidationError("extraBody", "must be a plain object");
  for (const [key, value] of Object.entries(fields)) {
    if (known.includes(key) || key in body)
      throw new InputValidationError(`extraBody.${key}`, "is a field the SDK sets: use its option instead");
    if (value === undefined) continue;
    body[key] = value;
  }
  return body;
}

export function pythonBody(input: PythonCode, field: string): Record<string, unknown> {
  requireObject(input, field);
  const body: Record<string, unknown> = {
    code: requireString(input.code, "code", Number.POSITIVE_INFINITY),
    nbcode: 0,
  };
  if (input.requirements !== undefined) {
    body.requirements_content = Array.isArray(input.requirements)
      ? requireStringArray(input.requirements, "requirements").join("\n")
      : requireString(input.requirements, "requirements", Number.POSITIVE_INFINITY);
  }
  const files = optionalFiles(input.files);
  if (files !== undefined) body.import_files = JSON.stringify(files);
  if (input.priorImports !== undefined)
    body.prior_imports = requireStringArray(input.priorImports, "priorImports");
  return Object.assign(body, runFields(input));
}

/** What every run body may carry: its file name, timeout and completion callbacks. */
function runFields(input: { timeout?: unknown; callbackUrls?: unknown; fileName?: unknown }) {
  const out: Record<string, unknown> = {};
  const fileName = optionalString(input.fileName, "fileName");
  if (fileName !== undefined) out.file_name = fileName;
  const timeout = optionalInt(input.timeout, "timeout", 1, 600);
  if (timeout !== undefined) out.timeout = timeout;
  const urls = optionalCallbackUrls(input.callbackUrls);
  if (urls !== undefined) out.user_callback_urls = urls;
  return out;
}

/** A container run's (Docker, Compose) fields besides: its machine and the S3 mount. */
function containerFields(input: {
  machine?: unknown;
  timeout?: unknown;
  callbackUrls?: unknown;
  fileName?: unknown;
  enableS3Mount?: unknown;
}) {
  const out = runFields(input);
  const machine = optionalMachine(input.machine);
  if (machine !== undefined) out.execution_type = machine;
  const s3 = optionalBool(input.enableS3Mount, "enableS3Mount");
  if (s3 !== undefined) out.enable_s3_mount = s3;
  return out;
}

function registryFields(
  registry: RegistryCredentials | undefined,
  regionField: "region" | "aws_region",
): Record<string, unknown> {
  if (registry === undefined) return {};
  requireObject(registry, "registry");
  if (registry.type === "basic") {
    const username = requireString(registry.username, "registry.username");
    const password = requireString(registry.password, "registry.password");
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
      aws_access_key_id: requireString(registry.accessKeyId, "registry.accessKeyId"),
      aws_secret_access_key: requireString(registry.secretAccessKey, "registry.secretAccessKey"),
    };
    registerSecret(registry.secretAccessKey);
    const token = optionalString(registry.sessionToken, "registry.sessionToken");
    if (token !== undefined) {
      registerSecret(token);
      out.aws_session_token = token;
    }
    const region = optionalString(registry.region, "registry.region");
    if (region !== undefined) out[regionField] = region;
    return out;
  }
  throw new InputValidationError("registry.type", 'must be "basic" or "aws"');
}
