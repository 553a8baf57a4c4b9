import { TurbokitError } from "../core/errors.js";
import type { DeployStatus } from "./schemas.js";

/**
 * TurboStack's own error. The API's refusals need no re-typing (Laravel's `{message}` bodies and
 * statuses map onto the core's `ApiError` subclasses as they are), so there is no `mapError`.
 */

/** `waitForDeploy(..., { throwOnFailure: true })` saw the deployment fail. */
export class DeployFailedError extends TurbokitError {
  static override readonly brandName: string = "DeployFailedError";
  readonly deployment: DeployStatus;
  constructor(hostId: number | string, deployment: DeployStatus) {
    super(
      `deployment of host ${hostId} ended as "${deployment.status}"${deployment.message ? `: ${deployment.message}` : ""}`,
    );
    this.deployment = deployment;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.deployment.status, deploymentId: this.deployment.id };
  }
}
