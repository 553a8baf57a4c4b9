/**
 * `turbokit/turbostack`: clients, hosts, groups, configuration saves, deploys and credentials
 * of the TurboStack managed-hosting platform.
 */
import { bearer } from "../auth/bearer.js";
import { missingAuth } from "../auth/none.js";
import { envVariableHint, readEnv, withEnvDefaults } from "../core/env.js";
import { InputValidationError } from "../core/errors.js";
import { type ClientOptions, HttpClient } from "../core/http.js";
import { ClientsResource } from "./clients.js";
import { GroupsResource } from "./groups.js";
import { HostsResource } from "./hosts.js";

/** The production API origin (override with `baseUrl`, e.g. for the simulator). */
export const TURBOSTACK_BASE_URL = "https://my.turbostack.app";
/** The environment variable read for a personal access token when no `auth` is passed. */
export const TURBOSTACK_TOKEN_ENV = "TURBOSTACK_TOKEN";

export interface TurboStackOptions extends ClientOptions {
  /** Items per page for every list (default 15, the API's default). */
  pageSize?: number;
}

/** What `createTurboStack` returns: one property per resource. */
export interface TurboStackClient {
  readonly clients: ClientsResource;
  readonly hosts: HostsResource;
  readonly groups: GroupsResource;
  /** The underlying HTTP client (base URL, last rate-limit headers). */
  readonly http: HttpClient;
}

/**
 * Creates a TurboStack client. Auth: `bearer(personalAccessToken)`, or the `TURBOSTACK_TOKEN`
 * environment variable where the runtime has one. Redirects are never followed (a login
 * redirect would carry the token); they and HTML pages become `ApiError`s with the raw body.
 */
export function createTurboStack(given?: TurboStackOptions | null): TurboStackClient {
  const options = given ?? {};
  const pageSize = options.pageSize ?? 15;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new InputValidationError("pageSize", "must be an integer from 1 to 1000");
  }
  const envToken = options.auth ? undefined : readEnv(TURBOSTACK_TOKEN_ENV);
  const auth =
    options.auth ??
    (envToken
      ? bearer(envToken)
      : missingAuth(
          `pass auth: bearer(token) or ${envVariableHint(TURBOSTACK_TOKEN_ENV)} (a personal access token)`,
        ));
  const http = new HttpClient(
    {
      name: "TurboStack",
      defaultBaseUrl: TURBOSTACK_BASE_URL,
      auth,
      defaultHeaders: { Accept: "application/json" },
      redirects: "error",
    },
    withEnvDefaults(options, "TURBOSTACK_BASE_URL"),
  );
  return {
    clients: new ClientsResource(http, pageSize),
    hosts: new HostsResource(http, pageSize),
    groups: new GroupsResource(http, pageSize),
    http,
  };
}

export type { ClientsResource } from "./clients.js";
export {
  DEPLOY_TYPES,
  DeployFailedError,
  type DeployOptions,
  RESET_CONFIRMATION,
} from "./deploy.js";
export type { GroupsResource } from "./groups.js";
export type { ConfigEditor, HostsResource, WaitForDeployOptions } from "./hosts.js";
export { readConfig } from "./model.js";
export type * from "./types.js";
