import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { finalStatesOf, type WaitOptions, waitFor } from "../core/polling.js";
import { readCredentials } from "./credentials.js";
import {
  checkDeployOptions,
  DeployFailedError,
  type DeployOptions,
  deployDone,
  toDeployStatus,
} from "./deploy.js";
import { checkId } from "./input.js";
import { paginate } from "./list.js";
import { toHost } from "./model.js";
import { routes } from "./routes.js";
import { type ConfigEditor, readModifyWrite, saveConfig } from "./save.js";

export type { ConfigEditor };

import { credentialsResponse, deployResponse, hostWire, single, unwrapSingle } from "./schemas.js";
import type {
  ConfigSaveResult,
  ConfigUpdateResult,
  DeployStatus,
  Host,
  HostCredentials,
  ListOptions,
  TurboStackConfig,
  TurboStackId,
} from "./types.js";

/** `hosts.waitForDeploy` options: the usual wait options plus which deployment to follow. */
export interface WaitForDeployOptions extends WaitOptions<DeployStatus> {
  /**
   * Only a final status of this deployment counts. Default: the id `deploy()` of this client last
   * answered for the host. Without any id, a status already final at the first poll is taken as
   * an earlier deployment and skipped (see docs/turbostack.md, Deploys).
   */
  deploymentId?: number | string | undefined;
  /** Throw `DeployFailedError` when the deployment ends failed (default: return it). */
  throwOnFailure?: boolean;
}

/** Managed servers: configuration, deploys, credentials. */
export class HostsResource {
  readonly #http: HttpClient;
  readonly #pageSize: number;
  /**
   * Per host, the deployment `deploy()` of this client last started (its id when the answer had
   * one): what `waitForDeploy` follows by default.
   */
  readonly #started = new Map<number, { id: number | string | undefined }>();

  constructor(http: HttpClient, pageSize: number) {
    this.#http = http;
    this.#pageSize = pageSize;
  }

  /** Every host the token may see (lazy, paginated; items may carry `monitoring`). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Host, number> {
    return paginate(
      {
        http: this.#http,
        route: routes.hosts.list,
        item: hostWire,
        map: toHost,
        defaultSize: this.#pageSize,
      },
      list,
      options,
    );
  }

  /** One host, with its stored configuration parsed (`config`) and raw (`configRaw`). */
  async get(id: TurboStackId, options?: RequestOptions): Promise<Host> {
    const wire = await this.#http.json(routes.hosts.get, {
      params: { id: checkId(id) },
      schema: single(hostWire()),
      options,
    });
    return toHost(unwrapSingle(wire));
  }

  /** Saves the WHOLE configuration document (`POST {"json": config}`). Never retried. */
  saveConfig(
    id: TurboStackId,
    config: TurboStackConfig,
    options?: RequestOptions,
  ): Promise<ConfigSaveResult> {
    return saveConfig(this.#http, routes.hosts.saveConfig, id, config, options);
  }

  /**
   * Read–modify–write: GET the host, hand a copy of its document to `edit`, POST the whole
   * result. Refuses (before writing) when the stored document is not valid JSON.
   */
  async updateConfig(
    id: TurboStackId,
    edit: ConfigEditor,
    options?: RequestOptions,
  ): Promise<ConfigUpdateResult> {
    checkId(id);
    return readModifyWrite(
      `host ${id}`,
      edit,
      () => this.get(id, options),
      (config) => this.saveConfig(id, config, options),
    );
  }

  /**
   * Starts a deployment. `fullResetDeploy` deletes and rebuilds the server and needs
   * `{ confirm: "DELETE" }`. Never retried.
   */
  async deploy(id: TurboStackId, deploy: DeployOptions, options?: RequestOptions): Promise<DeployStatus> {
    const checkedId = checkId(id);
    const type = checkDeployOptions(deploy);
    const body = await this.#http.json(routes.hosts.deploy, {
      params: { id: checkedId },
      json: { type },
      schema: deployResponse(),
      options,
    });
    const started = toDeployStatus(body, Number(checkedId));
    this.#started.set(Number(checkedId), { id: started.id });
    return started;
  }

  /** The host's current (latest) deployment status; status values are open strings. */
  async deployStatus(id: TurboStackId, options?: RequestOptions): Promise<DeployStatus> {
    return this.#deployStatus(checkId(id), options, undefined);
  }

  async #deployStatus(
    checkedId: TurboStackId,
    options: RequestOptions | undefined,
    finalStates: ReadonlySet<string> | undefined,
  ): Promise<DeployStatus> {
    const body = await this.#http.json(routes.hosts.deployStatus, {
      params: { id: checkedId },
      schema: deployResponse(),
      options,
    });
    return toDeployStatus(body, Number(checkedId), finalStates);
  }

  /**
   * Polls the deploy status with backoff until it is final (unknown states count as still
   * running), reporting every status to `onProgress`. Honours `signal` and `timeoutMs`. A
   * deployment that had already finished when the wait began does not end it (`deploymentId`).
   */
  async waitForDeploy(id: TurboStackId, wait?: WaitForDeployOptions | null): Promise<DeployStatus> {
    const checkedId = checkId(id);
    const { deploymentId, throwOnFailure, ...waitOptions } = wait ?? {};
    const started = this.#started.get(Number(checkedId));
    const finalStates = finalStatesOf(waitOptions.finalStates);
    const final = await waitFor<DeployStatus>({
      ...waitOptions,
      what: `deployment of host ${checkedId}`,
      poll: (signal) => this.#deployStatus(checkedId, { signal }, finalStates),
      isDone: deployDone(deploymentId ?? started?.id),
      // Final words are read by toDeployStatus and weighed by deployDone (whose deployment is it?).
      statusOf: null,
    });
    // The deploy this client started is over: a later wait must not take it for a new one.
    this.#started.delete(Number(checkedId));
    if (throwOnFailure && final.outcome === "failed") throw new DeployFailedError(checkedId, final);
    return final;
  }

  /**
   * The host's credentials (and related configuration), as a secret record: redacted when
   * printed, serialised or logged. Never cached: each call asks the API.
   */
  async credentials(id: TurboStackId, options?: RequestOptions): Promise<HostCredentials> {
    const checkedId = checkId(id);
    const body = await this.#http.json(routes.hosts.credentials, {
      params: { id: checkedId },
      schema: credentialsResponse(),
      options,
      sensitive: true,
    });
    return readCredentials(body, Number(checkedId));
  }
}
