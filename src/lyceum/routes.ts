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
  availableHardware: route("GET", "/user/quotas/available-hardware"),
  pricing: route("GET", "/pricing"),

  // Storage
  storageList: route("GET", "/storage/list-files"),
  storageUpload: route("POST", "/storage/upload"),
  storageDownload: route("GET", "/storage/download/{key+}"),
  storageDelete: route("DELETE", "/storage/delete/{key+}"),
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
} as const;

export type LyceumRoutes = typeof routes;
