/**
 * `turbokit/lyceum`: Lyceum Cloud (European GPU cloud): runs (Python, Docker, Compose, GPU
 * selection) with live output, logs and GPU metrics, hardware and pricing, storage, environment
 * variables, VMs, organisations (members, keys, invites), API keys, MFA, billing, dedicated
 * deployments, streaming inference and the OpenAI-compatible Batch API.
 */
import { changedOptions, defineClient } from "../core/client.js";
import { ApiKeysResource } from "./api-keys.js";
import { AuthResource } from "./auth.js";
import { BatchesResource } from "./batches.js";
import { BillingResource } from "./billing.js";
import { ChatResource } from "./chat.js";
import { createLyceumCore, type LyceumCore, type LyceumOptions } from "./client.js";
import { DeploymentsResource } from "./deployments.js";
import { EnvResource } from "./env.js";
import { FilesResource } from "./files.js";
import { HealthResource } from "./health.js";
import { InferenceResource } from "./inference.js";
import { LogsResource } from "./logs.js";
import { MachineTypesResource } from "./machine-types.js";
import { MetricsResource } from "./metrics.js";
import { MfaResource } from "./mfa.js";
import { OrgsResource } from "./orgs.js";
import { PricingResource } from "./pricing.js";
import { QuotasResource } from "./quotas.js";
import { RunsResource } from "./runs.js";
import { StorageResource } from "./storage.js";
import { VmsResource } from "./vms.js";

/** The resources of a Lyceum client, one property each (see `createLyceum`). */
export interface LyceumResources {
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
}

/** A Lyceum Cloud client: the core's members (`baseUrl`, `lastRateLimit`) and one property per resource. */
export interface LyceumClient extends LyceumCore, LyceumResources {
  /** A new client with some options changed (the others, auth and org included, kept). */
  withOptions(options: LyceumOptions): LyceumClient;
}

/**
 * A Lyceum client. Auth: `apiKey("lk_…")` (default: env `LYCEUM_API_KEY`) or
 * `jwtSession({ credentials: { email, password } })` (logs in and refreshes against Lyceum).
 */
export function createLyceum(options: LyceumOptions = {}): LyceumClient {
  const core = createLyceumCore(options);
  const resources: LyceumResources & Pick<LyceumClient, "withOptions"> = {
    runs: new RunsResource(core),
    logs: new LogsResource(core),
    metrics: new MetricsResource(core),
    machineTypes: new MachineTypesResource(core),
    quotas: new QuotasResource(core),
    pricing: new PricingResource(core),
    storage: new StorageResource(core),
    env: new EnvResource(core),
    vms: new VmsResource(core),
    orgs: new OrgsResource(core),
    apiKeys: new ApiKeysResource(core),
    mfa: new MfaResource(core),
    auth: new AuthResource(core),
    billing: new BillingResource(core),
    deployments: new DeploymentsResource(core),
    inference: new InferenceResource(core),
    chat: new ChatResource(core),
    health: new HealthResource(core),
    files: new FilesResource(core),
    batches: new BatchesResource(core),
    withOptions: (changes) => createLyceum(changedOptions(options, changes, ["baseUrl", "mfaCode"])),
  };
  return defineClient(core, resources);
}

export type { APIPromise, WithResponse } from "../core/api-promise.js";
export type { ClientCore } from "../core/client.js";
export { StreamIdleError } from "../core/sse.js";
export {
  ApiKeysResource,
  type CreateApiKeyInput,
  createApiKey,
  deleteApiKey,
  listApiKeys,
  toggleApiKey,
  validateApiKey,
} from "./api-keys.js";
export {
  AuthResource,
  login,
} from "./auth.js";
export {
  BatchesResource,
  type BatchOutputLine,
  type CreateBatchInput,
  cancelBatch,
  createBatch,
  getBatch,
  type ListBatchesQuery,
  listBatches,
  readBatchErrors,
  readBatchOutput,
  waitForBatch,
} from "./batches.js";
export {
  type BillingPageQuery,
  BillingResource,
  type CheckoutInput,
  createCheckout,
  getCreditDetails,
  getCredits,
  listBillingActivities,
  listBillingHistory,
  listInvoices,
  validateVoucher,
} from "./billing.js";
export {
  type ChatInput,
  ChatResource,
  createChatCompletion,
  listChatModels,
  streamChatCompletion,
} from "./chat.js";
export { createLyceumCore, LYCEUM_BASE_URL, type LyceumCore, type LyceumOptions } from "./client.js";
export {
  type CreateDeploymentInput,
  createDeployment,
  DeploymentsResource,
  getDeployment,
  listDeployments,
  stopDeployment,
  waitForDeploymentReady,
} from "./deployments.js";
export {
  deleteAllEnvVars,
  deleteEnvVar,
  EnvResource,
  type EnvVarInput,
  listEnvVars,
  setEnvVars,
} from "./env.js";
export {
  CapacityError,
  DeploymentNotReadyError,
  isCapacityError,
  MfaRequiredError,
  VmFailedError,
} from "./errors.js";
export {
  FilesResource,
  type FileUploadOptions,
  getFileContent,
  readFileLines,
  uploadFile,
} from "./files.js";
export {
  getHealthVersion,
  HealthResource,
  pingHealth,
} from "./health.js";
export {
  type InferenceEvent,
  InferenceResource,
  parseInferenceEvent,
  streamInference,
} from "./inference.js";
export {
  acceptInvite,
  type CreateInviteInput,
  createInvite,
  InvitesResource,
  listInvites,
  listMyInvites,
  viewInvite,
} from "./invites.js";
export { type JsonlLine, readJsonl, toJsonl } from "./jsonl.js";
export {
  getRunLogs,
  getUserLogs,
  type LogQuery,
  LogsResource,
} from "./logs.js";
export { listMachineTypes, MachineTypesResource } from "./machine-types.js";
export {
  getRunMetrics,
  type MetricsQuery,
  MetricsResource,
} from "./metrics.js";
export {
  disableMfa,
  enrollMfa,
  getMfaStatus,
  MfaResource,
  regenerateMfaBackupCodes,
  verifyMfa,
  verifyMfaEnrollment,
} from "./mfa.js";
export {
  type CreateOrgKeyInput,
  createOrgApiKey,
  deleteOrgApiKey,
  listOrgApiKeys,
  OrgApiKeysResource,
} from "./org-api-keys.js";
export {
  type CreateOrgInput,
  createOrg,
  getOrg,
  getOrgBalance,
  listOrgMembers,
  listOrgs,
  listOrgTransactions,
  OrgsResource,
  type PageQuery,
  type UpdateOrgInput,
  updateOrg,
} from "./orgs.js";
export { listPricing, PricingResource } from "./pricing.js";
export { getAvailableHardware, getQuotas, getUserStatus, QuotasResource } from "./quotas.js";
export type {
  ComposeRunInput,
  DockerRunInput,
  ExtraBody,
  GpuSelectionInput,
  MachineCheck,
  PythonCode,
  PythonRunInput,
  RegistryCredentials,
} from "./run-bodies.js";
export {
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  parseRunEvent,
  type RunEvent,
  type StreamOptions,
} from "./run-stream.js";
export {
  abortImageRun,
  abortRun,
  abortWorkload,
  completeRun,
  deleteRun,
  getRun,
  getRunStatus,
  getRunTiming,
  launchNotebook,
  listRuns,
  type NotebookInput,
  type NotebookSession,
  RunsResource,
  startComposeRun,
  startDockerRun,
  startGpuSelectionRun,
  startPythonRun,
  streamRun,
  type WorkloadAbort,
  waitForRun,
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
export type { MfaCodeProvider } from "./session.js";
export {
  type BulkUploadFile,
  deleteStorageFile,
  deleteStorageFolder,
  downloadStorageFile,
  getStorageCredentials,
  type ListFilesQuery,
  listStorageFiles,
  StorageResource,
  type UploadOptions,
  uploadStorageFile,
  uploadStorageFiles,
} from "./storage.js";
export {
  type CreateVmInput,
  createVm,
  deleteVm,
  getVmAvailability,
  getVmStatus,
  type ListVmsQuery,
  listVms,
  VmsResource,
  type WaitForReadyOptions,
  waitForVmReady,
} from "./vms.js";
