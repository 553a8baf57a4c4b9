/**
 * `turbokit/turbostack`: clients, hosts, groups, configuration saves, deploys and credentials
 * of the TurboStack managed-hosting platform.
 */
import { defineClient } from "../core/client.js";
import { createTurboStackCore, internals, type TurboStackCore, type TurboStackOptions } from "./client.js";
import { ClientsResource } from "./clients.js";
import { GroupsResource } from "./groups.js";
import { HostsResource } from "./hosts.js";

/** What `createTurboStack` returns: the core's members and one property per resource. */
export interface TurboStackClient extends TurboStackCore {
  readonly clients: ClientsResource;
  readonly hosts: HostsResource;
  readonly groups: GroupsResource;
  /** A new client with these options changed (the others, auth included, kept). */
  withOptions(options: TurboStackOptions): TurboStackClient;
}

/**
 * Creates a TurboStack client. Auth: `bearer(personalAccessToken)`, or the `TURBOSTACK_TOKEN`
 * environment variable where the runtime has one. Redirects are never followed (a login
 * redirect would carry the token); they and HTML pages become `ApiError`s with the raw body.
 */
export function createTurboStack(options?: TurboStackOptions | null): TurboStackClient {
  const core = createTurboStackCore(options);
  return defineClient(core, {
    clients: new ClientsResource(core),
    hosts: new HostsResource(core),
    groups: new GroupsResource(core),
    withOptions: (changed: TurboStackOptions) => createTurboStack({ ...internals(core).options, ...changed }),
  });
}

export {
  createTurboStackCore,
  TURBOSTACK_BASE_URL,
  TURBOSTACK_TOKEN_ENV,
  type TurboStackCore,
  type TurboStackOptions,
} from "./client.js";
export {
  ClientsResource,
  getClient,
  listClientGroups,
  listClientHosts,
  listClients,
} from "./clients.js";
export {
  type ConfigEditor,
  type ConfigSaveResult,
  type ConfigUpdateResult,
  type ConfigurableOperations,
  ConfigurableResource,
  readConfig,
} from "./config.js";
export { DEPLOY_TYPES, type DeployOptions, RESET_CONFIRMATION } from "./deploy.js";
export { DeployFailedError } from "./errors.js";
export { GroupsResource, getGroup, listGroups, saveGroupConfig, updateGroupConfig } from "./groups.js";
export {
  deployHost,
  getHost,
  getHostCredentials,
  getHostDeployStatus,
  HostsResource,
  listHosts,
  saveHostConfig,
  updateHostConfig,
  type WaitForDeployOptions,
  waitForHostDeploy,
} from "./hosts.js";
export type { ListOptions, TurboStackId } from "./internal.js";
export type {
  Client,
  ConfigView,
  DeployState,
  DeployStatus,
  DeployType,
  Group,
  Host,
  HostCredentialFields,
  HostCredentials,
  HostLogin,
  HostMonitoring,
  ParsedConfig,
  TurboStackConfig,
} from "./schemas.js";
