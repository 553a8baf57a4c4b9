/**
 * `turbokit/lyceum`: Lyceum Cloud (European GPU cloud): runs (Python, Docker, Compose, GPU
 * selection) with live output, logs and GPU metrics, hardware and pricing, storage, environment
 * variables, VMs, organisations (members, keys, invites), API keys, MFA, billing, dedicated
 * deployments, streaming inference and the OpenAI-compatible Batch API.
 */
import { apiKey } from "../auth/api-key.js";
import { missingAuth } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import { ApiKeysResource } from "./api-keys.js";
import { bindLyceumSession, type MfaCodeProvider, withOrgSlug } from "./auth.js";
import { BatchesResource } from "./batches.js";
import { BillingResource } from "./billing.js";
import { MachineTypesResource, PricingResource, QuotasResource } from "./catalog.js";
import { ChatResource } from "./chat.js";
import { DeploymentsResource } from "./deployments.js";
import { EnvResource } from "./env.js";
import { lyceumRetryable, mapLyceumError } from "./errors.js";
import { FilesResource } from "./files.js";
import { HealthResource } from "./health.js";
import { InferenceResource } from "./inference.js";
import { LogsResource } from "./logs.js";
import { MetricsResource } from "./metrics.js";
import { AuthResource, MfaResource } from "./mfa.js";
import { OrgsResource } from "./orgs.js";
import { RunsResource } from "./runs.js";
import { StorageResource } from "./storage.js";
import { VmsResource } from "./vms.js";

/** The production API base URL (the default `baseUrl`). */
export const LYCEUM_BASE_URL = "https://api.lyceum.technology/api/v2/external";

export interface LyceumOptions extends ClientOptions {
  /**
   * Organisation sent as `X-Org-Slug` (`[a-z0-9-]+`) on every request, whatever the auth; default:
   * env `LYCEUM_ORG`, else none (the server uses the key's org, else the account's default org).
   * An org API key's own org comes first on the server, whatever this says.
   */
  orgSlug?: string;
  /**
   * Second factor for `jwtSession({ credentials })` logins on accounts with MFA: called with the
   * challenge, returns a current TOTP (or a backup code). Without it such a login throws
   * `MfaRequiredError` (complete it with `mfa.verify({ mfaToken, code })`).
   */
  mfaCode?: MfaCodeProvider;
}

/** A Lyceum Cloud client: one property per resource (see `createLyceum`). */
export interface LyceumClient {
  readonly runs: RunsResource;
  readonly logs: LogsResource;
  readonly metrics: MetricsResource;
  readonly machineTypes: MachineTypesResource;
  readonly quotas: QuotasResource;
  readonly pricing: PricingResource;
  readonly storage: StorageResource;
  readonly env: EnvResource;
  readonly vms: VmsResource;
  readonly orgs: OrgsResource;
  /** Personal (user-level) API keys; org keys are `orgs.apiKeys`. */
  readonly apiKeys: ApiKeysResource;
  readonly mfa: MfaResource;
  /** Explicit login (tokens back), for callers managing tokens themselves. */
  readonly auth: AuthResource;
  readonly billing: BillingResource;
  readonly deployments: DeploymentsResource;
  readonly inference: InferenceResource;
  /** OpenAI-compatible chat completions (dedicated deployments and the serverless router). */
  readonly chat: ChatResource;
  /** `/health/ping`, `/health/version`. */
  readonly health: HealthResource;
  readonly files: FilesResource;
  readonly batches: BatchesResource;
  /** The underlying HTTP client (base URL, last rate-limit headers). */
  readonly http: HttpClient;
}

/**
 * A Lyceum client. Auth: `apiKey("lk_…")` (default: env `LYCEUM_API_KEY`) or
 * `jwtSession({ credentials: { email, password } })` (logs in and refreshes against Lyceum).
 */
export function createLyceum(options: LyceumOptions = {}): LyceumClient {
  const envKey = readEnv("LYCEUM_API_KEY");
  const base: AuthStrategy =
    options.auth ??
    (envKey
      ? apiKey(envKey)
      : missingAuth(`pass auth (apiKey or jwtSession) or ${envVariableHint("LYCEUM_API_KEY")}`));
  const envOrg = readEnv("LYCEUM_ORG") || undefined;
  const auth =
    options.orgSlug !== undefined
      ? withOrgSlug(base, options.orgSlug)
      : withOrgSlug(base, envOrg, { override: false });
  const http = new HttpClient(
    {
      name: "Lyceum",
      defaultBaseUrl: LYCEUM_BASE_URL,
      auth,
      retryable: lyceumRetryable,
      mapError: mapLyceumError,
    },
    withEnvDefaults(options, "LYCEUM_BASE_URL"),
  );
  bindLyceumSession(base, http, options.mfaCode);
  const files = new FilesResource(http);
  return {
    runs: new RunsResource(http),
    logs: new LogsResource(http),
    metrics: new MetricsResource(http),
    machineTypes: new MachineTypesResource(http),
    quotas: new QuotasResource(http),
    pricing: new PricingResource(http),
    storage: new StorageResource(http),
    env: new EnvResource(http),
    vms: new VmsResource(http),
    orgs: new OrgsResource(http),
    apiKeys: new ApiKeysResource(http),
    mfa: new MfaResource(http),
    auth: new AuthResource(http),
    billing: new BillingResource(http),
    deployments: new DeploymentsResource(http),
    inference: new InferenceResource(http),
    chat: new ChatResource(http),
    health: new HealthResource(http),
    files,
    batches: new BatchesResource(http, files),
    http,
  };
}

export { StreamIdleError } from "../core/sse.js";
export { ApiKeysResource, type CreateApiKeyInput } from "./api-keys.js";
export type { MfaCodeProvider } from "./auth.js";
export {
  BatchesResource,
  type BatchOutputLine,
  type CreateBatchInput,
  type ListBatchesQuery,
} from "./batches.js";
export { type BillingPageQuery, BillingResource, type CheckoutInput } from "./billing.js";
export { MachineTypesResource, PricingResource, QuotasResource } from "./catalog.js";
export { type ChatInput, ChatResource } from "./chat.js";
export { type CreateDeploymentInput, DeploymentsResource } from "./deployments.js";
export { EnvResource, type EnvVarInput } from "./env.js";
export {
  CapacityError,
  DeploymentNotReadyError,
  isCapacityError,
  MfaRequiredError,
  VmFailedError,
} from "./errors.js";
export { FilesResource, type FileUploadOptions } from "./files.js";
export { HealthResource } from "./health.js";
export { type InferenceEvent, InferenceResource, parseInferenceEvent } from "./inference.js";
export { type JsonlLine, readJsonl, toJsonl } from "./jsonl.js";
export { type LogQuery, LogsResource } from "./logs.js";
export { type MetricsQuery, MetricsResource } from "./metrics.js";
export { AuthResource, MfaResource } from "./mfa.js";
export {
  type CreateInviteInput,
  type CreateOrgInput,
  type CreateOrgKeyInput,
  InvitesResource,
  OrgApiKeysResource,
  OrgsResource,
  type PageQuery,
  type UpdateOrgInput,
} from "./orgs.js";
export {
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  parseRunEvent,
  type RunEvent,
  type StreamOptions,
} from "./run-stream.js";
export {
  type ComposeRunInput,
  type DockerRunInput,
  type GpuSelectionInput,
  type MachineCheck,
  type NotebookInput,
  type NotebookSession,
  type PythonCode,
  type PythonRunInput,
  type RegistryCredentials,
  RunsResource,
  type WorkloadAbort,
} from "./runs.js";
export type * from "./schemas.js";
export {
  canonicalVmId,
  DEPLOYMENT_END_STATUSES,
  DEPLOYMENT_READY_STATUSES,
  isTerminalBatchStatus,
  isTerminalRunStatus,
  LIVE_RUN_STATUSES,
  METRIC_SERIES,
  parseIpAddress,
  TERMINAL_BATCH_STATUSES,
  TERMINAL_RUN_STATUSES,
} from "./schemas.js";
export {
  type BulkUploadFile,
  type ListFilesQuery,
  StorageResource,
  type UploadOptions,
} from "./storage.js";
export { type CreateVmInput, type ListVmsQuery, VmsResource, type WaitForReadyOptions } from "./vms.js";
