import * as z from "zod/mini";
import { numberLike, timestamp } from "../../core/codecs.js";
import { lazy, type Open, shaped } from "../../core/schema.js";
import { idString, listOf, maybe } from "./common.js";

/** A VM's status (open: unknown statuses keep `waitForReady` polling). */
export type VmStatus = Open<
  "pending" | "provisioning" | "ready" | "running" | "stopped" | "terminated" | "error" | "failed"
>;
/** The GPU a VM runs on (open). */
export type HardwareProfile = Open<"a100" | "b200" | "b300" | "h100" | "h200" | "l40s">;
/** `on-demand` or `spot` (open). */
export type InstanceType = Open<"on-demand" | "spot">;

/** VM statuses that mean it is reachable. */
export const VM_READY_STATUSES: readonly string[] = ["ready", "running"];
/** VM statuses that mean it will never become ready. */
export const VM_FAILED_STATUSES: readonly string[] = ["stopped", "terminated", "error", "failed"];

/** A VM, normalised: the quirky wire fields are kept as sent, with clean fields next to them. */
export interface Vm {
  /** The id as the server sent it (sometimes dashed, sometimes not). */
  vm_id: string;
  /** Canonical id: a UUID in lowercase dashed form when it is one, else `vm_id`. */
  id: string;
  status: VmStatus;
  /** As sent: `host`, `host:port`, or null (even while `ready`). */
  ip_address: string | null;
  /** Host part of `ip_address`, null until known. */
  host: string | null;
  /** SSH port when `ip_address` carried one, else null (meaning the default, 22). */
  port: number | null;
  /**
   * Top-level, or from `instance_specs` when the top level is null (the live answer: then
   * `instance_specs.hardware_profile`, else `instance_specs.gpu_type`).
   */
  hardware_profile: HardwareProfile | null;
  /** The GPU type, read where the server put it: `instance_specs.gpu_type`, else top-level `gpu_type`. */
  gpu_type: string | null;
  gpu_count: number | null;
  instance_type: InstanceType | null;
  instance_specs: Record<string, unknown> | null;
  created_at: Date | null;
  uptime_seconds?: number | null | undefined;
  /** Credits billed so far: a number in the docs (numeric text is read as a number). */
  billed?: number | null | undefined;
  name?: string | null | undefined;
  display_name?: string | null | undefined;
  [key: string]: unknown;
}

/** The answer of `vms.delete` (`alreadyGone` when it was deleted before). */
export interface VmDeleted {
  vm_id: string;
  status: VmStatus;
  message: string | null;
  /** True when this call deleted it. */
  deleted: boolean;
  /** True when the server answered 404: it was deleted before, or never existed. */
  alreadyGone: boolean;
  [key: string]: unknown;
}

/** Which VM hardware can be had now. */
export interface VmAvailability {
  available_hardware_profiles: {
    hardware_profile: string;
    gpu_type?: string | null | undefined;
    price_per_hour?: string | number | null | undefined;
    allowed_gpus_per_instance?: unknown;
    available_gpus_per_instance?: unknown;
    [key: string]: unknown;
  }[];
  available_instance_variants: unknown[];
  [key: string]: unknown;
}

const UNDASHED_UUID = /^[0-9a-f]{32}$/i;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `0f3a…` (32 hex) or dashed → lowercase dashed UUID; anything else unchanged. */
export function canonicalVmId(id: string): string {
  if (DASHED_UUID.test(id)) return id.toLowerCase();
  if (UNDASHED_UUID.test(id)) {
    const h = id.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return id;
}

/** `host`, `host:port`, `[v6]:port`, bare IPv6, or null → host and port. */
export function parseIpAddress(value: string | null | undefined): {
  host: string | null;
  port: number | null;
} {
  const text = value?.trim();
  if (!text) return { host: null, port: null };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? null, port: bracketed[2] ? Number(bracketed[2]) : null };
  const colons = text.split(":").length - 1;
  if (colons === 1) {
    const [host, port] = text.split(":");
    const n = Number(port);
    if (host && Number.isInteger(n) && n > 0 && n < 65536) return { host, port: n };
  }
  return { host: text, port: null };
}

const num = numberLike;

const vm = () =>
  z.pipe(
    z.looseObject({
      vm_id: maybe(idString()),
      id: maybe(idString()),
      status: z._default(
        z.pipe(
          z.nullable(z.string()),
          z.transform((s) => s ?? "unknown"),
        ),
        "unknown",
      ),
      ip_address: maybe(z.string()),
      hardware_profile: maybe(z.string()),
      gpu_count: maybe(num()),
      instance_type: maybe(z.string()),
      instance_specs: maybe(z.record(z.string(), z.unknown())),
      created_at: maybe(timestamp()),
      uptime_seconds: maybe(num()),
      billed: maybe(num()),
      gpu_type: maybe(z.string()),
      name: maybe(z.string()),
      display_name: maybe(z.string()),
    }),
    z.transform((raw, ctx) => {
      const vmId = raw.vm_id ?? raw.id;
      if (!vmId) {
        ctx.issues.push({ code: "custom", message: "expected vm_id", input: raw });
        return z.NEVER;
      }
      const specs = raw.instance_specs ?? null;
      const specGpus = specs?.gpu_count;
      const specGpuType = typeof specs?.gpu_type === "string" ? specs.gpu_type : null;
      const specProfile = typeof specs?.hardware_profile === "string" ? specs.hardware_profile : specGpuType;
      const { host, port } = parseIpAddress(raw.ip_address);
      return {
        ...raw,
        vm_id: vmId,
        id: canonicalVmId(vmId),
        ip_address: raw.ip_address ?? null,
        host,
        port,
        hardware_profile: raw.hardware_profile ?? specProfile,
        gpu_type: specGpuType ?? raw.gpu_type ?? null,
        gpu_count:
          raw.gpu_count ??
          (specGpus === undefined || specGpus === null || Number.isNaN(Number(specGpus))
            ? null
            : Number(specGpus)),
        instance_type:
          raw.instance_type ?? (typeof specs?.instance_type === "string" ? specs.instance_type : null),
        instance_specs: specs,
        created_at: raw.created_at ?? null,
      };
    }),
  );

/** @internal The response schema behind the type of the same name (validation only). */
export const vmSchema = lazy(() => shaped<Vm>()(vm()));
/** @internal The response schema behind the type of the same name (validation only). */
export const vmListSchema = lazy(() => shaped<Vm[]>()(listOf(vm(), "vms")));

/** @internal The response schema behind the type of the same name (validation only). */
export const vmDeletedSchema = lazy(() =>
  shaped<{ vm_id?: string | null; status?: string | null; message?: string | null }>()(
    z.looseObject({
      vm_id: maybe(idString()),
      status: maybe(z.string()),
      message: maybe(z.string()),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const vmAvailabilitySchema = lazy(() =>
  shaped<VmAvailability>()(
    z.looseObject({
      available_hardware_profiles: z._default(
        z.array(
          z.looseObject({
            hardware_profile: z.string(),
            gpu_type: maybe(z.string()),
            price_per_hour: maybe(idString()),
          }),
        ),
        [],
      ),
      available_instance_variants: z._default(z.array(z.unknown()), []),
    }),
  ),
);
