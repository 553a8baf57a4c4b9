import type { SimEnv } from "./state.js";

/** The hardware catalogue: machine types for runs, VM hardware, and the price list built from both. */

/** Machine types for runs; `gpu.b300` exists in the catalogue but no account may use it. */
export const MACHINE_TYPES = [
  { hardware_profile: "cpu", price_per_hour: "0.35", vcpus: 4, memory_gb: 16, gpu_type: null, gpu_count: 0 },
  {
    hardware_profile: "gpu.a100",
    price_per_hour: "1.89",
    vcpus: 12,
    memory_gb: 85,
    gpu_type: "A100 80GB",
    gpu_count: 1,
  },
  {
    hardware_profile: "gpu.h100",
    price_per_hour: "2.99",
    vcpus: 26,
    memory_gb: 200,
    gpu_type: "H100 80GB",
    gpu_count: 1,
  },
  {
    hardware_profile: "gpu.l40s",
    price_per_hour: "1.29",
    vcpus: 8,
    memory_gb: 62,
    gpu_type: "L40S 48GB",
    gpu_count: 1,
  },
  {
    hardware_profile: "gpu.b300",
    price_per_hour: "6.49",
    vcpus: 32,
    memory_gb: 288,
    gpu_type: "B300",
    gpu_count: 1,
  },
];

export const AVAILABLE_HARDWARE = ["cpu", "gpu.a100", "gpu.h100", "gpu.l40s"];

/** VM hardware: hourly price per GPU, and whether there is capacity at all. */
export const VM_HARDWARE: Record<string, { gpuType: string; pricePerGpuHour: string }> = {
  a100: { gpuType: "NVIDIA A100 80GB", pricePerGpuHour: "1.79" },
  b200: { gpuType: "NVIDIA B200 180GB", pricePerGpuHour: "4.49" },
  b300: { gpuType: "NVIDIA B300 288GB", pricePerGpuHour: "5.99" },
  h100: { gpuType: "NVIDIA H100 80GB", pricePerGpuHour: "2.49" },
  h200: { gpuType: "NVIDIA H200 141GB", pricePerGpuHour: "3.19" },
  l40s: { gpuType: "NVIDIA L40S 48GB", pricePerGpuHour: "0.99" },
};

function perSecond(perHour: string): string {
  return (Number(perHour) / 3600).toFixed(8);
}

/** The price rows (`GET /pricing`), keyed by `applies_to` or `group_by` as `pricingKey` says. */
export function priceRows(env: SimEnv) {
  const rows: Record<string, unknown>[] = [];
  for (const m of MACHINE_TYPES) {
    rows.push({
      meter_slug: "execution_runtime",
      key: { hardware_profile: m.hardware_profile },
      unit_price: perSecond(m.price_per_hour),
      unit_price_per_hour: m.price_per_hour,
      resource: "execution",
      unit: "second",
    });
  }
  for (const [profile, hw] of Object.entries(VM_HARDWARE)) {
    for (const gpus of [1, 8]) {
      const hourly = (Number(hw.pricePerGpuHour) * gpus).toFixed(2);
      rows.push({
        meter_slug: "vm_running",
        key: { hardware_profile: `on-demand.${profile}.${gpus}x` },
        unit_price: perSecond(hourly),
        unit_price_per_hour: hourly,
        resource: "vm",
        unit: "second",
      });
    }
  }
  rows.push(
    {
      meter_slug: "serverless_inference_input_tokens",
      key: { deployment_id: "dep_llama3_8b" },
      unit_price: "0.00000020",
      unit_price_per_hour: "0",
      unit: "token",
    },
    {
      meter_slug: "serverless_inference_output_tokens",
      key: { deployment_id: "dep_llama3_8b" },
      unit_price: "0.00000060",
      unit_price_per_hour: "0",
      unit: "token",
    },
  );
  const mode = env.state.options.pricingKey;
  return rows.map(({ key, ...row }, i) => {
    const name = mode === "mixed" ? (i % 5 === 4 ? "group_by" : "applies_to") : mode;
    return { ...row, [name]: key };
  });
}
