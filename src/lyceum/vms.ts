import type { APIPromise } from "../core/api-promise.js";
import { optionalBool, optionalString, requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { InputValidationError, NotFoundError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { type WaitOptions, waitFor } from "../core/polling.js";
import { VmFailedError } from "./errors.js";
import { httpOf, onePage, operation, requireLyceumId, waitOperation } from "./internal.js";
import { routes } from "./routes.js";
import {
  type HardwareProfile,
  type InstanceType,
  VM_FAILED_STATUSES,
  VM_READY_STATUSES,
  type Vm,
  type VmAvailability,
  type VmDeleted,
  vmAvailabilitySchema,
  vmDeletedSchema,
  vmListSchema,
  vmSchema,
} from "./schemas/vms.js";

/** What `vms.create` sends: your SSH public key, hardware, GPU count and instance type. */
export interface CreateVmInput {
  /** Your SSH public key (`ssh-ed25519 AAAA… you@host`). */
  publicKey: string;
  /** `a100`, `b200`, `b300`, `h100`, `h200`, `l40s`… (see `vms.availability()`). */
  hardware: HardwareProfile;
  gpus: 1 | 2 | 4 | 8;
  instanceType: InstanceType;
  displayName?: string;
}

/** Filters of `vms.list`. */
export interface ListVmsQuery {
  /** Default true on the server. */
  includeTerminated?: boolean;
  includeFailed?: boolean;
}

export interface WaitForReadyOptions extends WaitOptions<Vm> {
  /** Keep polling while the VM is `ready` but has no IP yet (default true). */
  requireIp?: boolean;
}

const SSH_KEY =
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+=*( [^\r\n]*)?$/;
const PROFILE = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Provision a VM. Never retried. When there is no capacity the server answers 500 "could not
 * be provisioned", thrown as `CapacityError`.
 */
export function createVm(core: ClientCore, input: CreateVmInput, options?: RequestOptions): APIPromise<Vm> {
  return operation(core, options, (http, options) => {
    requireObject(input, "input");
    const publicKey = requireString(input.publicKey, "publicKey").trim();
    if (!SSH_KEY.test(publicKey))
      throw new InputValidationError("publicKey", "must be an OpenSSH public key line");
    if (typeof input.hardware !== "string" || !PROFILE.test(input.hardware))
      throw new InputValidationError("hardware", "must be a hardware profile such as h100 or a100");
    if (![1, 2, 4, 8].includes(input.gpus as number))
      throw new InputValidationError("gpus", "must be 1, 2, 4 or 8");
    if (input.instanceType !== "on-demand" && input.instanceType !== "spot")
      throw new InputValidationError("instanceType", 'must be "on-demand" or "spot"');
    const body: Record<string, unknown> = {
      user_public_key: publicKey,
      hardware_profile: input.hardware,
      instance_specs: { gpu_count: input.gpus },
      instance_type: input.instanceType,
    };
    const name = optionalString(input.displayName, "displayName");
    if (name !== undefined) body.display_name = name;
    return http.json(routes.vms.create, { json: body, schema: vmSchema(), options });
  });
}

/** Your VMs. */
export function listVms(
  core: ClientCore,
  query: ListVmsQuery = {},
  options?: RequestOptions,
): Paginator<Vm, number> {
  requireObject(query, "query");
  const includeTerminated = optionalBool(query.includeTerminated, "includeTerminated");
  const includeFailed = optionalBool(query.includeFailed, "includeFailed");
  return onePage(options, () =>
    httpOf(core).json(routes.vms.list, {
      query: { include_terminated: includeTerminated, include_failed: includeFailed },
      schema: vmListSchema(),
      options,
    }),
  );
}

/** Hardware profiles, GPU counts and prices available now. */
export function getVmAvailability(core: ClientCore, options?: RequestOptions): APIPromise<VmAvailability> {
  return operation(core, options, (http, options) =>
    http.json(routes.vms.availability, { schema: vmAvailabilitySchema(), options }),
  );
}

/** Status of one VM (id dashed or not). */
export function getVmStatus(core: ClientCore, id: string, options?: RequestOptions): APIPromise<Vm> {
  return operation(core, options, (http, options) =>
    http.json(routes.vms.status, { params: { id: requireLyceumId(id) }, schema: vmSchema(), options }),
  );
}

/** Terminate a VM (billing stops). A 404 means it is already gone: reported, not thrown. */
export function deleteVm(core: ClientCore, id: string, options?: RequestOptions): APIPromise<VmDeleted> {
  return operation(core, options, async (http, options) => {
    const vmId = requireLyceumId(id);
    try {
      const body = await http.json(routes.vms.delete, {
        params: { id: vmId },
        schema: vmDeletedSchema(),
        options,
      });
      return {
        ...body,
        vm_id: body.vm_id ?? vmId,
        status: body.status ?? "terminated",
        message: body.message ?? null,
        deleted: true,
        alreadyGone: false,
      };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const detail = (error.body as { detail?: unknown } | undefined)?.detail;
      return {
        vm_id: vmId,
        status: "terminated",
        message: typeof detail === "string" ? detail : "VM not found",
        deleted: false,
        alreadyGone: true,
      };
    }
  });
}

/**
 * Poll until the VM is `ready`/`running` (and, by default, has an IP). Throws `VmFailedError`
 * when it ends in `error`/`failed`/`terminated`/`stopped`; `WaitTimeoutError` on timeout.
 */
export function waitForVmReady(
  core: ClientCore,
  id: string,
  options: WaitForReadyOptions = {},
): APIPromise<Vm> {
  return waitOperation(async (pollOptions) => {
    const vmId = requireLyceumId(id);
    const { requireIp = true, ...wait } = options ?? {};
    const vm = await waitFor({
      intervalMs: 5_000,
      ...wait,
      what: `VM ${vmId}`,
      poll: (signal) => getVmStatus(core, vmId, pollOptions(signal)),
      isDone: (vm) => {
        const status = vm.status.toLowerCase();
        if (VM_FAILED_STATUSES.includes(status)) return true;
        return VM_READY_STATUSES.includes(status) && (!requireIp || vm.host !== null);
      },
    });
    if (VM_FAILED_STATUSES.includes(vm.status.toLowerCase())) throw new VmFailedError(vm);
    return vm;
  });
}

/** GPU virtual machines. They bill until deleted (no stop, no server TTL). */
export class VmsResource extends Resource<ClientCore> {
  /** {@inheritDoc createVm} */
  create(input: CreateVmInput, options?: RequestOptions) {
    return createVm(this.core, input, options);
  }
  /** {@inheritDoc listVms} */
  list(query?: ListVmsQuery, options?: RequestOptions) {
    return listVms(this.core, query, options);
  }
  /** {@inheritDoc getVmAvailability} */
  availability(options?: RequestOptions) {
    return getVmAvailability(this.core, options);
  }
  /** {@inheritDoc getVmStatus} */
  status(id: string, options?: RequestOptions) {
    return getVmStatus(this.core, id, options);
  }
  /** {@inheritDoc deleteVm} */
  delete(id: string, options?: RequestOptions) {
    return deleteVm(this.core, id, options);
  }
  /** {@inheritDoc waitForVmReady} */
  waitForReady(id: string, options?: WaitForReadyOptions) {
    return waitForVmReady(this.core, id, options);
  }
}
