/**
 * `turbokit/lyceum`: Lyceum Cloud (European GPU cloud): runs (Python, Docker, Compose, GPU
 * selection) with live output, logs and GPU metrics, hardware and pricing, storage, environment
 * variables, and VMs.
 */
import { apiKey } from "../auth/api-key.js";
import { missingAuth } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { readEnv } from "../core/env.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import { bindLyceumSession, withOrgSlug } from "./auth.js";
import { MachineTypesResource, PricingResource, QuotasResource } from "./catalog.js";
import { EnvResource } from "./env.js";
import { lyceumRetryable, mapLyceumError } from "./errors.js";
import { LogsResource } from "./logs.js";
import { MetricsResource } from "./metrics.js";
import { RunsResource } from "./runs.js";
import { StorageResource } from "./storage.js";
import { VmsResource } from "./vms.js";

export const LYCEUM_BASE_URL = "https://api.lyceum.technology/api/v2/external";

export interface LyceumOptions extends ClientOptions {
  /**
   * Organisation for session (JWT) requests, sent as `X-Org-Slug` (`[a-z0-9-]+`); default: env
   * `LYCEUM_ORG`, else the account's default org. API keys carry their org: nothing is sent then.
   */
  orgSlug?: string;
}

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
    (envKey ? apiKey(envKey) : missingAuth("pass auth (apiKey or jwtSession) or set LYCEUM_API_KEY"));
  const orgSlug = options.orgSlug ?? readEnv("LYCEUM_ORG");
  const auth = withOrgSlug(base, orgSlug);
  const http = new HttpClient(
    {
      name: "Lyceum",
      defaultBaseUrl: LYCEUM_BASE_URL,
      auth,
      retryable: lyceumRetryable,
      mapError: mapLyceumError,
    },
    options,
  );
  bindLyceumSession(base, http);
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
    http,
  };
}

export { MachineTypesResource, PricingResource, QuotasResource } from "./catalog.js";
export { EnvResource, type EnvVarInput } from "./env.js";
export { CapacityError, isCapacityError, VmFailedError } from "./errors.js";
export { type LogQuery, LogsResource } from "./logs.js";
export { type MetricsQuery, MetricsResource } from "./metrics.js";
export { parseRunEvent, type RunEvent, type StreamOptions } from "./run-stream.js";
export {
  type ComposeRunInput,
  type DockerRunInput,
  type GpuSelectionInput,
  type PythonRunInput,
  type RegistryCredentials,
  RunsResource,
} from "./runs.js";
export type * from "./schemas.js";
export {
  canonicalVmId,
  isTerminalRunStatus,
  LIVE_RUN_STATUSES,
  METRIC_SERIES,
  parseIpAddress,
  TERMINAL_RUN_STATUSES,
} from "./schemas.js";
export { type ListFilesQuery, StorageResource, type UploadOptions } from "./storage.js";
export { type CreateVmInput, type ListVmsQuery, VmsResource, type WaitForReadyOptions } from "./vms.js";
