import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId, requireNumber, requireObject, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type Turbine, turbineSchema } from "./schemas.js";

/** What `turbines.create` / `turbines.update` send. */
export interface TurbineInput {
  name: string;
  rated_power_kw?: number;
  rotor_diameter_m?: number;
  hub_height_m?: number;
  config?: Record<string, unknown>;
}

function turbineBody(input: Partial<TurbineInput>, partial: boolean): Record<string, unknown> {
  requireObject(input, "input");
  const body: Record<string, unknown> = {};
  if (!partial || input.name !== undefined) body.name = requireString(input.name, "name", 200);
  for (const key of ["rated_power_kw", "rotor_diameter_m", "hub_height_m"] as const) {
    if (input[key] !== undefined) body[key] = requireNumber(input[key], key, { min: 0 });
  }
  if (input.config !== undefined) body.config = requireObject(input.config, "config");
  if (partial && Object.keys(body).length === 0)
    throw new InputValidationError("input", "has nothing to update");
  return body;
}

/** Demo and custom turbine configurations visible to the org (lazy). */
export function listTurbines(
  core: TurbineXCore,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Turbine, number> {
  return paginate(httpOf(core), routes.turbines.list, turbineSchema, {
    list,
    maxPageSize: MAX_PAGE_SIZE.turbines,
    options,
  });
}

/** One turbine. */
export function getTurbine(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<Turbine> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.turbines.get, {
      params: { id: requireId(id, "id") },
      schema: turbineSchema(),
      options: o,
    }),
  );
}

/**
 * A custom turbine (verified accounts only, else `VerificationRequiredError`). A name already
 * used in the org → `TurbineNameConflictError`.
 */
export function createTurbine(
  core: TurbineXCore,
  input: TurbineInput,
  options?: RequestOptions,
): APIPromise<Turbine> {
  return apiPromise(options, (o) =>
    httpOf(core).json(routes.turbines.create, {
      json: turbineBody(input, false),
      schema: turbineSchema(),
      options: o,
    }),
  );
}

/** Replace fields of a custom turbine. Demo-derived rows → `DemoTurbineReadOnlyError` (clone first). */
export function updateTurbine(
  core: TurbineXCore,
  id: string,
  input: Partial<TurbineInput>,
  options?: RequestOptions,
): APIPromise<Turbine> {
  return apiPromise(options, (o) => {
    const params = { id: requireId(id, "id") };
    const json = turbineBody(input, true);
    return httpOf(core).json(routes.turbines.update, { params, json, schema: turbineSchema(), options: o });
  });
}

/** Delete a custom turbine. Demo-derived rows → `DemoTurbineReadOnlyError` (clone first). */
export function deleteTurbine(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, (o) =>
    httpOf(core).void(routes.turbines.delete, { params: { id: requireId(id, "id") }, options: o }),
  );
}

/** Copy a turbine (demo or custom) into an editable custom one named `name`. */
export function cloneTurbine(
  core: TurbineXCore,
  id: string,
  input: { name: string },
  options?: RequestOptions,
): APIPromise<Turbine> {
  return apiPromise(options, (o) => {
    const params = { id: requireId(id, "id") };
    const name = requireString(input?.name, "name", 200);
    return httpOf(core).json(routes.turbines.clone, {
      params,
      json: { name },
      schema: turbineSchema(),
      options: o,
    });
  });
}

/** Turbine configurations (`tx.turbines`). */
export class TurbinesResource extends Resource<TurbineXCore> {
  /** Demo and custom turbine configurations visible to the org (lazy). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Turbine, number> {
    return listTurbines(this.core, list, options);
  }
  /** One turbine. */
  get(id: string, options?: RequestOptions): APIPromise<Turbine> {
    return getTurbine(this.core, id, options);
  }
  /** A custom turbine (verified accounts only); a name used in the org → `TurbineNameConflictError`. */
  create(input: TurbineInput, options?: RequestOptions): APIPromise<Turbine> {
    return createTurbine(this.core, input, options);
  }
  /** Replace fields of a custom turbine (a demo-derived one → `DemoTurbineReadOnlyError`). */
  update(id: string, input: Partial<TurbineInput>, options?: RequestOptions): APIPromise<Turbine> {
    return updateTurbine(this.core, id, input, options);
  }
  /** Delete a custom turbine (a demo-derived one → `DemoTurbineReadOnlyError`). */
  delete(id: string, options?: RequestOptions): APIPromise<void> {
    return deleteTurbine(this.core, id, options);
  }
  /** Copy a turbine into an editable custom one named `name`. */
  clone(id: string, input: { name: string }, options?: RequestOptions): APIPromise<Turbine> {
    return cloneTurbine(this.core, id, input, options);
  }
}
