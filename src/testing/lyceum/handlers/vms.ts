import { http } from "msw";
import { BodyCheck, detail, isRecord, json } from "../../kit/fastapi.js";
import type { Caller } from "../auth.js";
import { VM_HARDWARE } from "../catalog.js";
import type { SimEnv, SimVm } from "../state.js";
import { dashed, isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const SSH_KEY =
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-[a-z0-9-]+@openssh\.com) [A-Za-z0-9+/]+=*( .*)?$/;
const PROFILES = Object.keys(VM_HARDWARE);

function vmStatus(env: SimEnv, vm: SimVm, now = env.now()): string {
  if (vm.terminatedAt !== undefined && vm.terminatedAt <= now) return "terminated";
  const age = now - vm.createdAt;
  if (age < 5_000) return "pending";
  if (age < env.state.options.vmProvisionMs) return "provisioning";
  return "ready";
}

/** `host` or `host:port` (alternating by VM), null while provisioning and for a while after ready. */
function ipOf(env: SimEnv, vm: SimVm, now: number): string | null {
  if (vmStatus(env, vm, now) !== "ready") return null;
  if (now - vm.createdAt < env.state.options.vmProvisionMs + env.state.options.vmIpDelayMs) return null;
  return vm.seq % 2 === 1 ? `${vm.host}:${vm.port}` : vm.host;
}

function view(env: SimEnv, vm: SimVm, form: "z" | "offset" | "naive", idStyle: "dashed" | "undashed") {
  const now = env.now();
  const status = vmStatus(env, vm, now);
  const readyAt = vm.createdAt + env.state.options.vmProvisionMs;
  const billedUntil = vm.terminatedAt ?? now;
  const billedSeconds = Math.max(0, (billedUntil - vm.createdAt) / 1000);
  const hourly = Number(VM_HARDWARE[vm.hardware]?.pricePerGpuHour ?? "0") * vm.gpus;
  const d = env.ctx.dialect;
  // The live answer (skypilot-lyceum's observations, C-notes): top-level hardware_profile and
  // gpu_count null, the GPU in instance_specs.{gpu_type, gpu_count}; `billed` a number (docs). The
  // variant fills the top level, sends `billed` as text and adds fields the docs list elsewhere.
  return {
    vm_id: idStyle === "dashed" ? vm.id : vm.id.replaceAll("-", ""),
    status,
    instance_specs: d.pick<Record<string, unknown>>(
      { gpu_count: vm.gpus, gpu_type: vm.hardware },
      { gpu_count: vm.gpus, gpu_type: vm.hardware, cpu: 8 * vm.gpus, memory: 64 * vm.gpus, disk: 500 },
    ),
    created_at: isoTime(vm.createdAt, form),
    ip_address: ipOf(env, vm, now),
    uptime_seconds: status === "ready" ? Math.floor((now - readyAt) / 1000) : 0,
    billed: d.pick<number | string>(
      Number(((billedSeconds * hourly) / 3600).toFixed(4)),
      ((billedSeconds * hourly) / 3600).toFixed(4),
    ),
    hardware_profile: d.pick<string | null>(null, vm.hardware),
    gpu_count: d.pick<number | null>(null, vm.gpus),
    instance_type: vm.instanceType,
    name: d.pick<string | null>(`lyceum-${vm.id.slice(0, 8)}`, null),
    display_name: vm.displayName,
    ...(d.variant ? { croesus_billed: null, org_id: vm.org } : {}),
  };
}

function findVm(caller: Caller, id: unknown): SimVm | undefined {
  if (typeof id !== "string") return undefined;
  const hex = id.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return caller.data.vms.get(dashed(hex));
}

/** VMs: create (with the capacity 500 for exhausted profiles), list, availability, status, delete. */
export function vmHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  return [
    http.post(
      `${base}/vms/create`,
      authedBody(async (check, _args, caller) => {
        const key = check.string("user_public_key", { required: true });
        if (key !== undefined && !SSH_KEY.test(key.trim()))
          check.issues.push({
            loc: ["body", "user_public_key"],
            msg: "Value error, invalid SSH public key",
            type: "value_error",
          });
        const hardware = check.oneOf("hardware_profile", PROFILES, { required: true }) as string | undefined;
        // Required by the docs: user_public_key and hardware_profile only. instance_specs.gpu_count
        // defaults to 1, instance_type to on-demand.
        const specs = check.body.instance_specs;
        const gpus = isRecord(specs)
          ? ((new BodyCheck(specs).oneOf("gpu_count", [1, 2, 4, 8]) as number | undefined) ?? 1)
          : 1;
        if (specs !== undefined && specs !== null && !isRecord(specs))
          check.issues.push({
            loc: ["body", "instance_specs"],
            msg: "Input should be an object",
            type: "dict_type",
          });
        if (
          isRecord(specs) &&
          specs.gpu_count !== undefined &&
          ![1, 2, 4, 8].includes(specs.gpu_count as number)
        )
          check.issues.push({
            loc: ["body", "instance_specs", "gpu_count"],
            msg: "Input should be 1, 2, 4 or 8",
            type: "literal_error",
          });
        const instanceType =
          (check.oneOf("instance_type", ["on-demand", "spot"]) as string | undefined) ?? "on-demand";
        const displayName = check.string("display_name") ?? null;
        if (check.failed) return check.failed;
        if (env.state.options.exhaustedProfiles.includes(hardware as string))
          return detail(
            500,
            `Instance could not be provisioned: no ${hardware} capacity with ${gpus} GPU(s) available in any region. Try another hardware profile.`,
          );
        const seq = ++env.state.counters.vm;
        const vm: SimVm = {
          id: dashed(env.id(16)),
          seq,
          org: caller.org,
          hardware: hardware as string,
          gpus,
          instanceType,
          displayName,
          publicKey: (key as string).trim(),
          createdAt: env.now(),
          host: `185.216.${20 + (seq % 200)}.${10 + (seq % 240)}`,
          port: 22_000 + seq,
        };
        caller.data.vms.set(vm.id, vm);
        // Create answers undashed (the status answers dashed), with its polling hints.
        return json({
          ...view(env, vm, "z", "undashed"),
          status_check_url: `/api/v2/external/vms/${vm.id}/status`,
          polling_message: "VM is being provisioned; poll the status URL",
        });
      }),
    ),
    http.get(
      `${base}/vms/list`,
      authed(({ request }, caller) => {
        const url = new URL(request.url);
        const includeTerminated = url.searchParams.get("include_terminated") !== "false";
        const includeFailed = url.searchParams.get("include_failed") !== "false";
        const vms = [...caller.data.vms.values()]
          .map((vm) => view(env, vm, "naive", vm.seq % 2 === 0 ? "dashed" : "undashed"))
          .filter((vm) => includeTerminated || vm.status !== "terminated")
          .filter((vm) => includeFailed || (vm.status !== "failed" && vm.status !== "error"));
        return json({ vms, total: vms.length });
      }),
    ),
    http.get(
      `${base}/vms/availability`,
      authed(() =>
        json({
          available_hardware_profiles: Object.entries(VM_HARDWARE).map(([profile, hw]) => ({
            hardware_profile: profile,
            gpu_type: hw.gpuType,
            price_per_hour: hw.pricePerGpuHour,
            allowed_gpus_per_instance: [1, 2, 4, 8],
            available_gpus_per_instance: env.state.options.exhaustedProfiles.includes(profile)
              ? []
              : [1, 2, 4, 8],
          })),
          // Documented: one row per profile and instance type (L40S has no spot variant).
          available_instance_variants: Object.entries(VM_HARDWARE).flatMap(([profile, hw]) =>
            (profile === "l40s" ? ["on-demand"] : ["on-demand", "spot"]).map((instanceType) => ({
              hardware_profile: profile,
              instance_type: instanceType,
              price_per_hour: env.ctx.dialect.pick<string | number>(
                instanceType === "spot" ? (Number(hw.pricePerGpuHour) * 0.45).toFixed(2) : hw.pricePerGpuHour,
                Number(
                  instanceType === "spot"
                    ? (Number(hw.pricePerGpuHour) * 0.45).toFixed(2)
                    : hw.pricePerGpuHour,
                ),
              ),
              allowed_gpus_per_instance: [1, 2, 4, 8],
              available_gpus_per_instance: env.state.options.exhaustedProfiles.includes(profile)
                ? []
                : [1, 2, 4, 8],
            })),
          ),
        }),
      ),
    ),
    http.get(
      `${base}/vms/:id/status`,
      authed(({ params }, caller) => {
        const vm = findVm(caller, params.id);
        return vm ? json(view(env, vm, "offset", "dashed")) : detail(404, "VM not found");
      }),
    ),
    http.delete(
      `${base}/vms/:id`,
      authed(({ params }, caller) => {
        const vm = findVm(caller, params.id);
        if (!vm || vm.terminatedAt !== undefined) return detail(404, "VM not found");
        vm.terminatedAt = env.now();
        return json({ vm_id: vm.id, status: "terminated", message: "VM terminated; billing stopped" });
      }),
    ),
  ];
}
