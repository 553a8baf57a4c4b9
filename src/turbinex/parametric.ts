import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { multipartBlob } from "../core/multipart.js";
import type { UploadBody } from "../core/upload.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { fileNameOf, zipPart } from "./jobs.js";
import { routes } from "./routes.js";
import { type ParametricSweep, parametricSchema } from "./schemas.js";

/** One value a sweep parameter takes. */
export type ParameterValue = string | number | boolean;

/** A parameter of a sweep and the values it takes. */
export interface SweepParameter {
  /** The input being varied. */
  name: string;
  /** Its values; one job runs per combination across all parameters. */
  values: ParameterValue[];
}

/** What `parametric.submit` sends: the base ZIP and the parameters to sweep. */
export interface ParametricInput {
  /** The base ZIP every combination starts from. */
  file: UploadBody;
  parameters: SweepParameter[];
  filename?: string;
}

/** Client-side cap on combinations, so a typo cannot queue (and bill) a huge sweep. */
export const MAX_SWEEP_COMBINATIONS = 1000;

export function checkParameters(parameters: unknown): SweepParameter[] {
  if (!Array.isArray(parameters) || parameters.length === 0) {
    throw new InputValidationError("parameters", "must be a non-empty array of {name, values}");
  }
  const names = new Set<string>();
  let combinations = 1;
  parameters.forEach((p: unknown, i) => {
    const field = `parameters.${i}`;
    const { name, values } = requireObject(p, field);
    requireString(name, `${field}.name`, 200);
    if (names.has(name as string)) throw new InputValidationError(`${field}.name`, "is repeated");
    names.add(name as string);
    if (!Array.isArray(values) || values.length === 0) {
      throw new InputValidationError(`${field}.values`, "must be a non-empty array");
    }
    values.forEach((v: unknown, j) => {
      const ok =
        typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
      if (!ok)
        throw new InputValidationError(`${field}.values.${j}`, "must be a string, finite number or boolean");
    });
    combinations *= values.length;
  });
  if (combinations > MAX_SWEEP_COMBINATIONS) {
    throw new InputValidationError(
      "parameters",
      `would run ${combinations} jobs (more than ${MAX_SWEEP_COMBINATIONS}); split the sweep`,
    );
  }
  return parameters as SweepParameter[];
}

/**
 * A parametric sweep: one job per combination. Verified accounts only: an unverified one gets
 * `VerificationRequiredError` (a 403). Never retried.
 */
export function submitParametric(
  core: TurbineXCore,
  input: ParametricInput,
  options?: RequestOptions,
): APIPromise<ParametricSweep> {
  return apiPromise(options, async (o) => {
    const http = httpOf(core);
    requireObject(input, "input");
    const parameters = checkParameters(input.parameters);
    const filename = fileNameOf(input.file, input.filename);
    const blob = await zipPart(input.file);
    const upload = multipartBlob([
      { name: "file", filename, blob },
      {
        name: "parameters",
        value: JSON.stringify(parameters.map((p) => ({ name: p.name, values: p.values }))),
      },
    ]);
    return http.json(routes.parametric.submit, {
      body: upload.body,
      headers: upload.headers,
      schema: parametricSchema(),
      options: o,
    });
  });
}

/** Parametric sweeps (`tx.parametric`): one job per combination, at most 1000. */
export class ParametricResource extends Resource<TurbineXCore> {
  /** A sweep: one job per combination (verified accounts only; never retried). */
  submit(input: ParametricInput, options?: RequestOptions): APIPromise<ParametricSweep> {
    return submitParametric(this.core, input, options);
  }
}
