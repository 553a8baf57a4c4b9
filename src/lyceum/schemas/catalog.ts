import * as z from "zod/mini";
import { decimalString } from "../../core/codecs.js";
import { lazy, shaped } from "../../core/schema.js";
import { listOf, maybe } from "./common.js";

/** A machine type runs can ask for. */
export interface MachineType {
  hardware_profile: string;
  /** Decimal string (never a float). */
  price_per_hour?: string | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const machineTypesSchema = lazy(() =>
  shaped<MachineType[]>()(
    listOf(
      z.looseObject({ hardware_profile: z.string(), price_per_hour: maybe(decimalString()) }),
      "machine_types",
    ),
  ),
);

/** `/user/quotas`: the schema is not public, so it is kept as an open record. */
export type Quotas = Record<string, unknown>;
/** @internal The response schema behind the type of the same name (validation only). */
export const quotasSchema = lazy(() => shaped<Quotas>()(z.looseObject({})));

/** @internal The response schema behind the type of the same name (validation only). */
export const availableHardwareSchema = lazy(() =>
  shaped<string[]>()(listOf(z.string(), "available_hardware_profiles")),
);

/** One row of the price book (prices are decimal strings, never floats). */
export interface PriceRow {
  meter_slug: string;
  /** What the price is keyed by (`hardware_profile`, `deployment_id`…); read from `applies_to` or `group_by`. */
  applies_to: Record<string, unknown>;
  /** Per second, decimal string. */
  unit_price?: string | null | undefined;
  /** Per hour, decimal string. */
  unit_price_per_hour?: string | null | undefined;
  resource?: string | null | undefined;
  unit?: string | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const pricingSchema = lazy(() =>
  shaped<PriceRow[]>()(
    listOf(
      z.pipe(
        z.looseObject({
          meter_slug: z.string(),
          applies_to: maybe(z.record(z.string(), z.unknown())),
          group_by: maybe(z.record(z.string(), z.unknown())),
          unit_price: maybe(decimalString()),
          unit_price_per_hour: maybe(decimalString()),
          resource: maybe(z.string()),
          unit: maybe(z.string()),
        }),
        z.transform((row) => ({ ...row, applies_to: row.applies_to ?? row.group_by ?? {} })),
      ),
      "prices",
    ),
  ),
);
