import { type ApiError, type ApiErrorInit, InternalServerError, TurbokitError } from "../core/errors.js";
import type { Deployment } from "./schemas/deployments.js";
import type { Vm } from "./schemas/vms.js";

/**
 * Lyceum had no capacity for the requested VM: an HTTP 500 whose detail says the instance
 * "could not be provisioned". It is not transient, so it is never retried; try another hardware
 * profile, GPU count or instance type, or later.
 */
export class CapacityError extends InternalServerError {
  static override readonly brandName: string = "CapacityError";
  constructor(init: ApiErrorInit) {
    // The body names no code of its own for this; give it one callers can switch on.
    super({ ...init, code: init.code ?? "capacity_exhausted" });
  }
}

/** A VM being waited for ended in a failed state (`error`, `failed`, `terminated`, `stopped`). */
export class VmFailedError extends TurbokitError {
  static override readonly brandName: string = "VmFailedError";
  readonly vm: Vm;
  constructor(vm: Vm) {
    super(`VM ${vm.vm_id} ended in status "${vm.status}" instead of becoming ready`);
    this.vm = vm;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), vmId: this.vm.vm_id, status: this.vm.status };
  }
}

const CAPACITY = /could not be provisioned/i;

/** The capacity 500 (read from the detail text, wherever the server put it). */
export function isCapacityError(error: ApiError): boolean {
  return error.status >= 500 && error.status < 600 && CAPACITY.test(error.rawBody || error.message);
}

/** The provider's `mapError`: the capacity 500 becomes a `CapacityError`. */
export function mapError(error: ApiError): TurbokitError | undefined {
  if (!isCapacityError(error) || error instanceof CapacityError) return undefined;
  return CapacityError.from(error);
}

/**
 * `POST /auth/login` answered that the account has MFA enabled. Complete the login with
 * `lyceum.mfa.verify({ mfaToken: error.mfaToken, code })` (a TOTP or a backup code), or give
 * `createLyceum({ mfaCode })` so `jwtSession` completes it by itself. The token is not
 * enumerable and is left out of `toJSON`.
 */
export class MfaRequiredError extends TurbokitError {
  static override readonly brandName: string = "MfaRequiredError";
  /** Short-lived token tying the second factor to this login attempt. */
  declare readonly mfaToken: string;
  /** Accepted second factors, when the server says (e.g. `["totp", "backup_code"]`). */
  readonly methods: string[];
  constructor(mfaToken: string, methods: string[] = []) {
    super("Lyceum login needs a second factor (MFA): complete it with mfa.verify({ mfaToken, code })");
    // Not registered as a secret (it is single-use and useless without the second factor, and
    // registering it would scrub it from the very error body it is read from). Not enumerable:
    // printing the error (inspect, spread) does not show it.
    Object.defineProperty(this, "mfaToken", { value: mfaToken, enumerable: false });
    this.methods = methods;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), methods: this.methods };
  }
}

/** A deployment being waited for ended somewhere other than ready (paused, stopped, failed). */
export class DeploymentNotReadyError extends TurbokitError {
  static override readonly brandName: string = "DeploymentNotReadyError";
  readonly deployment: Deployment;
  constructor(deployment: Deployment) {
    super(`deployment ${deployment.deployment_id} is "${deployment.status}", not ready`);
    this.deployment = deployment;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), deploymentId: this.deployment.deployment_id, status: this.deployment.status };
  }
}
