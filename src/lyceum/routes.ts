import { route } from "../core/routes.js";

/**
 * Every Lyceum path the SDK calls, relative to the base URL. Whether a request may be replayed is
 * decided here: GET/PUT/DELETE are idempotent; POSTs are not, unless marked `{ query: true }`.
 */
export const routes = {
  // Auth (session endpoints: called with `auth: false`)
  login: route("POST", "/auth/login"),
  refresh: route("POST", "/auth/refresh"),

  // Runs
  startPython: route("POST", "/execution/streaming/start"),
  startDocker: route("POST", "/execution/image/start"),
  startCompose: route("POST", "/execution/compose/start"),
  startGpuSelection: route("POST", "/execution/gpu_selection/start"),
  runStatus: route("GET", "/execution/streaming/{id}/status"),
  runAbort: route("POST", "/execution/streaming/abort/{id}"),
  // "Mark complete" (api-reference introduction, older generation).
  runComplete: route("POST", "/execution/streaming/complete/{id}"),
  // Docker-run abort: listed in an older endpoint inventory, not on today's reference pages.
  imageAbort: route("POST", "/execution/image/abort/{id}"),
  workloadAbort: route("POST", "/workloads/abort/{id}"),
  workloads: route("GET", "/workloads/list"),
  runGet: route("GET", "/execution/{id}"),
  runDelete: route("DELETE", "/execution/{id}"),
  runTiming: route("GET", "/execution/{id}/timing"),

  // Observability
  runLogs: route("GET", "/logs/execution/{id}"),
  userLogs: route("GET", "/logs/user"),
  runMetrics: route("GET", "/execution/{id}/metrics"),

  // Hardware, quotas, pricing
  machineTypes: route("GET", "/machine-types"),
  quotas: route("GET", "/user/quotas"),
  userStatus: route("GET", "/user/status"),
  availableHardware: route("GET", "/user/quotas/available-hardware"),
  pricing: route("GET", "/pricing"),

  // Storage
  storageList: route("GET", "/storage/list-files"),
  storageUpload: route("POST", "/storage/upload"),
  storageUploadBulk: route("POST", "/storage/upload-bulk"),
  storageDownload: route("GET", "/storage/download/{key+}"),
  storageDelete: route("DELETE", "/storage/delete/{key+}"),
  // The folder without a trailing slash (the official CLI's form): the server reads it as a folder.
  storageDeleteFolder: route("DELETE", "/storage/delete-folder/{prefix+}"),
  storageCredentials: route("POST", "/storage/credentials"),

  // Environment variables
  envList: route("GET", "/environment-variables/"),
  envSet: route("POST", "/environment-variables/"),
  envDelete: route("DELETE", "/environment-variables/{id}"),
  envDeleteAll: route("DELETE", "/environment-variables/"),

  // VMs
  vmCreate: route("POST", "/vms/create"),
  vmList: route("GET", "/vms/list"),
  vmAvailability: route("GET", "/vms/availability"),
  vmStatus: route("GET", "/vms/{id}/status"),
  vmDelete: route("DELETE", "/vms/{id}"),

  // Organisations, members, balance, transactions (seed names; shapes inferred)
  orgList: route("GET", "/orgs"),
  orgCreate: route("POST", "/orgs"),
  orgGet: route("GET", "/orgs/{slug}"),
  orgUpdate: route("PATCH", "/orgs/{slug}"),
  orgMembers: route("GET", "/orgs/{slug}/members"),
  orgBalance: route("GET", "/orgs/{slug}/balance"),
  orgTransactions: route("GET", "/orgs/{slug}/transactions"),

  // Org API keys (the key carries the org). List and delete are contract values: not public.
  orgKeyList: route("GET", "/orgs/{slug}/api-keys"),
  orgKeyCreate: route("POST", "/orgs/{slug}/api-keys"),
  orgKeyDelete: route("DELETE", "/orgs/{slug}/api-keys/{id}"),

  // Org invites. `/invites/mine` is declared before `/invites/{token}` (servers match in order).
  inviteList: route("GET", "/orgs/{slug}/invites"),
  inviteCreate: route("POST", "/orgs/{slug}/invites"),
  invitesMine: route("GET", "/invites/mine"),
  inviteView: route("GET", "/invites/{token}"),
  inviteAccept: route("POST", "/invites/{token}"),

  // User-level API keys. Validation only reads: replayable.
  apiKeyList: route("GET", "/auth/api-keys/"),
  apiKeyCreate: route("POST", "/auth/api-keys/"),
  apiKeyDelete: route("DELETE", "/auth/api-keys/{id}"),
  apiKeyToggle: route("PATCH", "/auth/api-keys/{id}/toggle"),
  apiKeyValidate: route("POST", "/auth/api-keys/validate", { query: true }),

  // MFA (TOTP). How login signals "MFA required" is not public: see auth.ts (`MfaRequiredError`).
  mfaStatus: route("GET", "/mfa/status"),
  mfaEnroll: route("POST", "/mfa/enroll"),
  mfaVerifyEnrollment: route("POST", "/mfa/verify-enrollment"),
  mfaVerify: route("POST", "/mfa/verify"),
  mfaDisable: route("POST", "/mfa/disable"),
  mfaRegenerateBackupCodes: route("POST", "/mfa/regenerate-backup-codes"),

  // Billing. Checkout creates a payment session: never replayed. Voucher validation only reads.
  credits: route("GET", "/billing/credits"),
  creditDetails: route("GET", "/billing/credits/details"),
  checkout: route("POST", "/billing/checkout"),
  billingHistory: route("GET", "/billing/history"),
  billingActivities: route("GET", "/billing/activities"),
  invoices: route("GET", "/billing/invoices"),
  voucherValidate: route("POST", "/voucher/validate", { query: true }),

  // Dedicated deployments. Only create is public; list/get/stop are CONTRACT values (not public:
  // change them here if the real paths differ).
  deploymentCreate: route("POST", "/inference/create"),
  deploymentList: route("GET", "/inference/deployments"),
  deploymentGet: route("GET", "/inference/{id}"),
  deploymentStop: route("POST", "/inference/{id}/stop"),

  // OpenAI-compatible chat (dedicated deployments: model = deployment_id; serverless router:
  // model = lyceum/router …). The docs' routing page points the OpenAI SDK at the API base, so
  // these sit under it; the exact paths are not on a reference page: change them here if needed.
  chatCompletions: route("POST", "/chat/completions"),
  models: route("GET", "/models"),

  // Health (from the OpenAPI endpoint inventory)
  healthPing: route("GET", "/health/ping"),
  healthVersion: route("GET", "/health/version"),

  // Streaming inference (SSE)
  inferenceStream: route("GET", "/inference/streaming/stream/{id}"),

  // Batch API (OpenAI-compatible)
  fileUpload: route("POST", "/files"),
  fileContent: route("GET", "/files/{id}/content"),
  batchCreate: route("POST", "/batches"),
  batchList: route("GET", "/batches"),
  batchGet: route("GET", "/batches/{id}"),
  batchCancel: route("POST", "/batches/{id}/cancel"),
} as const;

export type LyceumRoutes = typeof routes;

/**
 * A run's public port-forward URL, as the official CLI builds it for `notebook launch`
 * (`https://{execution_id}-{port}.port.lyceum.technology`). Not in the API reference.
 */
export function portUrl(executionId: string, port: number): string {
  return `https://${encodeURIComponent(executionId)}-${port}.port.lyceum.technology`;
}
