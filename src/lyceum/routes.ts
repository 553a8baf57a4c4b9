import { route } from "../core/routes.js";

/**
 * Every Lyceum path the SDK calls, relative to the base URL, as `routes.<resource>.<verb>`.
 * Whether a request may be replayed is decided here: GET/PUT/DELETE are idempotent; POSTs are
 * not, unless marked `{ query: true }`.
 */
export const routes = {
  // Session endpoints: called with `auth: false`.
  auth: {
    login: route("POST", "/auth/login"),
    refresh: route("POST", "/auth/refresh"),
  },

  runs: {
    startPython: route("POST", "/execution/streaming/start"),
    startDocker: route("POST", "/execution/image/start"),
    startCompose: route("POST", "/execution/compose/start"),
    startGpuSelection: route("POST", "/execution/gpu_selection/start"),
    status: route("GET", "/execution/streaming/{id}/status"),
    abort: route("POST", "/execution/streaming/abort/{id}"),
    // "Mark complete" (api-reference introduction, older generation).
    complete: route("POST", "/execution/streaming/complete/{id}"),
    // Docker-run abort: listed in an older endpoint inventory, not on today's reference pages.
    abortImage: route("POST", "/execution/image/abort/{id}"),
    abortWorkload: route("POST", "/workloads/abort/{id}"),
    list: route("GET", "/workloads/list"),
    get: route("GET", "/execution/{id}"),
    delete: route("DELETE", "/execution/{id}"),
    timing: route("GET", "/execution/{id}/timing"),
  },

  logs: {
    forRun: route("GET", "/logs/execution/{id}"),
    forUser: route("GET", "/logs/user"),
  },
  metrics: {
    forRun: route("GET", "/execution/{id}/metrics"),
  },

  machineTypes: { list: route("GET", "/machine-types") },
  quotas: {
    get: route("GET", "/user/quotas"),
    userStatus: route("GET", "/user/status"),
    availableHardware: route("GET", "/user/quotas/available-hardware"),
  },
  pricing: { list: route("GET", "/pricing") },

  storage: {
    list: route("GET", "/storage/list-files"),
    upload: route("POST", "/storage/upload"),
    uploadBulk: route("POST", "/storage/upload-bulk"),
    download: route("GET", "/storage/download/{key+}"),
    delete: route("DELETE", "/storage/delete/{key+}"),
    // The folder without a trailing slash (the official CLI's form): the server reads it as a folder.
    deleteFolder: route("DELETE", "/storage/delete-folder/{prefix+}"),
    credentials: route("POST", "/storage/credentials"),
  },

  env: {
    list: route("GET", "/environment-variables/"),
    set: route("POST", "/environment-variables/"),
    delete: route("DELETE", "/environment-variables/{id}"),
    deleteAll: route("DELETE", "/environment-variables/"),
  },

  vms: {
    create: route("POST", "/vms/create"),
    list: route("GET", "/vms/list"),
    availability: route("GET", "/vms/availability"),
    status: route("GET", "/vms/{id}/status"),
    delete: route("DELETE", "/vms/{id}"),
  },

  // Organisations, members, balance, transactions (seed names; shapes inferred)
  orgs: {
    list: route("GET", "/orgs"),
    create: route("POST", "/orgs"),
    get: route("GET", "/orgs/{slug}"),
    update: route("PATCH", "/orgs/{slug}"),
    members: route("GET", "/orgs/{slug}/members"),
    balance: route("GET", "/orgs/{slug}/balance"),
    transactions: route("GET", "/orgs/{slug}/transactions"),
  },
  // Org API keys (the key carries the org). List and delete are contract values: not public.
  orgApiKeys: {
    list: route("GET", "/orgs/{slug}/api-keys"),
    create: route("POST", "/orgs/{slug}/api-keys"),
    delete: route("DELETE", "/orgs/{slug}/api-keys/{id}"),
  },
  // Org invites. `/invites/mine` is declared before `/invites/{token}` (servers match in order).
  invites: {
    list: route("GET", "/orgs/{slug}/invites"),
    create: route("POST", "/orgs/{slug}/invites"),
    mine: route("GET", "/invites/mine"),
    view: route("GET", "/invites/{token}"),
    accept: route("POST", "/invites/{token}"),
  },

  // User-level API keys. Validation only reads: replayable.
  apiKeys: {
    list: route("GET", "/auth/api-keys/"),
    create: route("POST", "/auth/api-keys/"),
    delete: route("DELETE", "/auth/api-keys/{id}"),
    toggle: route("PATCH", "/auth/api-keys/{id}/toggle"),
    validate: route("POST", "/auth/api-keys/validate", { query: true }),
  },

  // MFA (TOTP). How login signals "MFA required" is not public: see session.ts (`MfaRequiredError`).
  mfa: {
    status: route("GET", "/mfa/status"),
    enroll: route("POST", "/mfa/enroll"),
    verifyEnrollment: route("POST", "/mfa/verify-enrollment"),
    verify: route("POST", "/mfa/verify"),
    disable: route("POST", "/mfa/disable"),
    regenerateBackupCodes: route("POST", "/mfa/regenerate-backup-codes"),
  },

  // Billing. Checkout creates a payment session: never replayed. Voucher validation only reads.
  billing: {
    credits: route("GET", "/billing/credits"),
    creditDetails: route("GET", "/billing/credits/details"),
    checkout: route("POST", "/billing/checkout"),
    history: route("GET", "/billing/history"),
    activities: route("GET", "/billing/activities"),
    invoices: route("GET", "/billing/invoices"),
    validateVoucher: route("POST", "/voucher/validate", { query: true }),
  },

  // Dedicated deployments. Only create is public; list/get/stop are CONTRACT values (not public:
  // change them here if the real paths differ).
  deployments: {
    create: route("POST", "/inference/create"),
    list: route("GET", "/inference/deployments"),
    get: route("GET", "/inference/{id}"),
    stop: route("POST", "/inference/{id}/stop"),
  },

  // OpenAI-compatible chat (dedicated deployments: model = deployment_id; serverless router:
  // model = lyceum/router …). The docs' routing page points the OpenAI SDK at the API base, so
  // these sit under it; the exact paths are not on a reference page: change them here if needed.
  chat: {
    create: route("POST", "/chat/completions"),
    models: route("GET", "/models"),
  },

  // Health (from the OpenAPI endpoint inventory)
  health: {
    ping: route("GET", "/health/ping"),
    version: route("GET", "/health/version"),
  },

  // Streaming inference (SSE)
  inference: { stream: route("GET", "/inference/streaming/stream/{id}") },

  // Batch API (OpenAI-compatible)
  files: {
    upload: route("POST", "/files"),
    content: route("GET", "/files/{id}/content"),
  },
  batches: {
    create: route("POST", "/batches"),
    list: route("GET", "/batches"),
    get: route("GET", "/batches/{id}"),
    cancel: route("POST", "/batches/{id}/cancel"),
  },
} as const;

export type LyceumRoutes = typeof routes;

/**
 * A run's public port-forward URL, as the official CLI builds it for `notebook launch`
 * (`https://{execution_id}-{port}.port.lyceum.technology`). Not in the API reference.
 */
export function portUrl(executionId: string, port: number): string {
  return `https://${encodeURIComponent(executionId)}-${port}.port.lyceum.technology`;
}
