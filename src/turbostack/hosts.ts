import { type APIPromise, apiPromise } from "../core/api-promise.js";
import type { RequestOptions } from "../core/http.js";
import { isPlainObject } from "../core/is-record.js";
import { finalStatesOf, type WaitOptions, waitFor } from "../core/polling.js";
import { internals, type TurboStackCore, type TurboStackInternals } from "./client.js";
import {
  type ConfigEditor,
  type ConfigSaveResult,
  type ConfigUpdateResult,
  ConfigurableResource,
  configurableOf,
  getConfigurable,
  saveConfigOf,
  updateConfigOf,
} from "./config.js";
import { readCredentials } from "./credentials.js";
import { checkDeployOptions, type DeployOptions, deployDone, toDeployStatus } from "./deploy.js";
import { DeployFailedError } from "./errors.js";
import { checkId, listOperation, type TurboStackId, toBool } from "./internal.js";
import { routes } from "./routes.js";
import {
  credentialsResponse,
  type DeployStatus,
  deployResponse,
  type Host,
  type HostCredentials,
  type HostMonitoring,
  type HostWire,
  hostWire,
  type TurboStackConfig,
} from "./schemas.js";

/** A host as the API sent it, its `json` document parsed into `config`. */
export function toHost(value: HostWire): Host {
  const wire = configurableOf(value, "host");
  return {
    ...wire,
    active: toBool(wire.active),
    // PHP sends `[]` for an empty one: only an object is monitoring data.
    monitoring: isPlainObject(wire.monitoring) ? (wire.monitoring as HostMonitoring) : undefined,
  };
}

const endpoints = { what: "host", routes: routes.hosts, item: hostWire, map: toHost } as const;

/** Every host the token may see (lazy, paginated; items may carry `monitoring`). */
export const listHosts = /* @__PURE__ */ listOperation({
  route: routes.hosts.list,
  item: hostWire,
  map: toHost,
});

/** One host, with its stored configuration as sent (`json`) and parsed (`config`). */
export function getHost(core: TurboStackCore, id: TurboStackId, options?: RequestOptions): APIPromise<Host> {
  return getConfigurable(core, endpoints, id, options);
}

/** Saves the WHOLE configuration document (`POST {"json": config}`). Never retried. */
export function saveHostConfig(
  core: TurboStackCore,
  id: TurboStackId,
  config: TurboStackConfig,
  options?: RequestOptions,
): APIPromise<ConfigSaveResult> {
  return saveConfigOf(core, endpoints, id, config, options);
}

/**
 * Read–modify–write: GET the host, hand a copy of its document to `edit`, POST the whole
 * result. Refuses (before writing) when the stored document is not valid JSON.
 */
export function updateHostConfig(
  core: TurboStackCore,
  id: TurboStackId,
  edit: ConfigEditor,
  options?: RequestOptions,
): APIPromise<ConfigUpdateResult> {
  return updateConfigOf(core, endpoints, id, edit, options);
}

/**
 * Starts a deployment. `fullResetDeploy` deletes and rebuilds the server and needs
 * `{ confirm: "DELETE" }`. Never retried.
 */
export function deployHost(
  core: TurboStackCore,
  id: TurboStackId,
  deploy: DeployOptions,
  options?: RequestOptions,
): APIPromise<DeployStatus> {
  return apiPromise(options, async (options) => {
    const inner = internals(core);
    const checkedId = checkId(id);
    const type = checkDeployOptions(deploy);
    const body = await inner.http.json(routes.hosts.deploy, {
      params: { id: checkedId },
      json: { type },
      schema: deployResponse(),
      options,
    });
    const started = toDeployStatus(body, Number(checkedId));
    inner.startedDeploys.set(Number(checkedId), { id: started.id });
    return started;
  });
}

/** The host's current (latest) deployment status; status values are open strings. */
export function getHostDeployStatus(
  core: TurboStackCore,
  id: TurboStackId,
  options?: RequestOptions,
): APIPromise<DeployStatus> {
  return apiPromise(options, (options) => readDeployStatus(internals(core), checkId(id), options, undefined));
}

async function readDeployStatus(
  inner: TurboStackInternals,
  checkedId: TurboStackId,
  options: RequestOptions,
  finalStates: ReadonlySet<string> | undefined,
): Promise<DeployStatus> {
  const body = await inner.http.json(routes.hosts.deployStatus, {
    params: { id: checkedId },
    schema: deployResponse(),
    options,
  });
  return toDeployStatus(body, Number(checkedId), finalStates);
}

/** `waitForHostDeploy` options: the usual wait options plus which deployment to follow. */
export interface WaitForDeployOptions extends WaitOptions<DeployStatus> {
  /**
   * Only a final status of this deployment counts. Default: the id `deployHost` through this
   * client last answered for the host. Without any id, a status already final at the first poll
   * is taken as an earlier deployment and skipped (see docs/turbostack.md, Deploys).
   */
  deploymentId?: number | string | undefined;
  /** Throw `DeployFailedError` when the deployment ends failed (default: return it). */
  throwOnFailure?: boolean;
}

/**
 * Polls the deploy status with backoff until it is final (unknown states count as still
 * running), reporting every status to `onProgress`. Honours `signal` and `timeoutMs`. A
 * deployment that had already finished when the wait began does not end it (`deploymentId`).
 * `.withResponse()` gives the last poll's response.
 */
export function waitForHostDeploy(
  core: TurboStackCore,
  id: TurboStackId,
  wait?: WaitForDeployOptions | null,
): APIPromise<DeployStatus> {
  return apiPromise(undefined, async (options) => {
    const inner = internals(core);
    const checkedId = checkId(id);
    const { deploymentId, throwOnFailure, ...waitOptions } = wait ?? {};
    const started = inner.startedDeploys.get(Number(checkedId));
    const finalStates = finalStatesOf(waitOptions.finalStates);
    const final = await waitFor<DeployStatus>({
      ...waitOptions,
      what: `deployment of host ${checkedId}`,
      poll: (signal) => readDeployStatus(inner, checkedId, { ...options, signal }, finalStates),
      isDone: deployDone(deploymentId ?? started?.id),
      // Final words are read by toDeployStatus and weighed by deployDone (whose deployment is it?).
      statusOf: null,
    });
    // The deploy this client started is over: a later wait must not take it for a new one.
    inner.startedDeploys.delete(Number(checkedId));
    if (throwOnFailure && final.outcome === "failed") throw new DeployFailedError(checkedId, final);
    return final;
  });
}

/**
 * The host's credentials (and related configuration), as a secret record: redacted when
 * printed, serialised or logged. Never cached: each call asks the API.
 */
export function getHostCredentials(
  core: TurboStackCore,
  id: TurboStackId,
  options?: RequestOptions,
): APIPromise<HostCredentials> {
  return apiPromise(options, async (options) => {
    const checkedId = checkId(id);
    const body = await internals(core).http.json(routes.hosts.credentials, {
      params: { id: checkedId },
      schema: credentialsResponse(),
      options,
      sensitive: true,
    });
    return readCredentials(body, Number(checkedId));
  });
}

/** Managed servers: configuration, deploys, credentials. */
export class HostsResource extends ConfigurableResource<Host> {
  constructor(core: TurboStackCore) {
    super(core, {
      list: listHosts,
      get: getHost,
      saveConfig: saveHostConfig,
      updateConfig: updateHostConfig,
    });
  }
  /** Starts a deployment (`deployHost`). Never retried. */
  deploy(id: TurboStackId, deploy: DeployOptions, options?: RequestOptions): APIPromise<DeployStatus> {
    return deployHost(this.core, id, deploy, options);
  }
  /** The host's latest deployment status (`getHostDeployStatus`). */
  deployStatus(id: TurboStackId, options?: RequestOptions): APIPromise<DeployStatus> {
    return getHostDeployStatus(this.core, id, options);
  }
  /** Polls until the deployment is final (`waitForHostDeploy`). */
  waitForDeploy(id: TurboStackId, wait?: WaitForDeployOptions | null): APIPromise<DeployStatus> {
    return waitForHostDeploy(this.core, id, wait);
  }
  /** The host's credentials, as a secret record (`getHostCredentials`). */
  credentials(id: TurboStackId, options?: RequestOptions): APIPromise<HostCredentials> {
    return getHostCredentials(this.core, id, options);
  }
}
