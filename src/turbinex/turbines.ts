import { ConflictError, InputValidationError, PermissionDeniedError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import {
  DemoTurbineReadOnlyError,
  retype,
  TurbineNameConflictError,
  VerificationRequiredError,
} from "./errors.js";
import { checkId, checkNumber, checkRecord, checkString, type ListOptions, paginate } from "./internal.js";
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

function turbineBody(input: TurbineInput, partial: boolean): Record<string, unknown> {
  if (typeof input !== "object" || input === null) throw new InputValidationError("input", "is required");
  const body: Record<string, unknown> = {};
  if (!partial || input.name !== undefined) body.name = checkString(input.name, "name", 200);
  for (const key of ["rated_power_kw", "rotor_diameter_m", "hub_height_m"] as const) {
    if (input[key] !== undefined) body[key] = checkNumber(input[key], key);
  }
  if (input.config !== undefined) body.config = checkRecord(input.config, "config");
  if (partial && Object.keys(body).length === 0)
    throw new InputValidationError("input", "has nothing to update");
  return body;
}

function nameConflict(error: unknown): unknown {
  return error instanceof ConflictError
    ? retype(error, TurbineNameConflictError, "turbine names are unique within an org")
    : error;
}

/** Turbine configurations (`tx.turbines`). */
export class TurbinesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Demo and custom turbine configurations visible to the org (lazy). */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Turbine, number> {
    return paginate(this.#http, routes.listTurbines, turbineSchema, {
      list,
      maxPageSize: MAX_PAGE_SIZE.turbines,
      options,
    });
  }

  /** One turbine. */
  async get(id: string, options?: RequestOptions): Promise<Turbine> {
    return this.#http.json(routes.getTurbine, {
      params: { id: checkId(id, "id") },
      schema: turbineSchema(),
      options,
    });
  }

  /** A custom turbine (verified accounts only). A name already used in the org → `TurbineNameConflictError`. */
  async create(input: TurbineInput, options?: RequestOptions): Promise<Turbine> {
    const json = turbineBody(input, false);
    try {
      return await this.#http.json(routes.createTurbine, { json, schema: turbineSchema(), options });
    } catch (error) {
      if (error instanceof PermissionDeniedError) {
        throw retype(error, VerificationRequiredError, "custom-turbine create needs a verified account");
      }
      throw nameConflict(error);
    }
  }

  /** Replace fields of a custom turbine. Demo-derived rows → `DemoTurbineReadOnlyError` (clone first). */
  async update(id: string, input: Partial<TurbineInput>, options?: RequestOptions): Promise<Turbine> {
    const params = { id: checkId(id, "id") };
    const json = turbineBody(input as TurbineInput, true);
    try {
      return await this.#http.json(routes.updateTurbine, { params, json, schema: turbineSchema(), options });
    } catch (error) {
      throw demoReadOnly(nameConflict(error), id);
    }
  }

  /** Delete a custom turbine. Demo-derived rows → `DemoTurbineReadOnlyError` (clone first). */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    const params = { id: checkId(id, "id") };
    try {
      await this.#http.void(routes.deleteTurbine, { params, options });
    } catch (error) {
      throw demoReadOnly(error, id);
    }
  }

  /** Copy a turbine (demo or custom) into an editable custom one named `name`. */
  async clone(id: string, input: { name: string }, options?: RequestOptions): Promise<Turbine> {
    const params = { id: checkId(id, "id") };
    const name = checkString(input?.name, "name", 200);
    try {
      return await this.#http.json(routes.cloneTurbine, {
        params,
        json: { name },
        schema: turbineSchema(),
        options,
      });
    } catch (error) {
      throw nameConflict(error);
    }
  }
}

function demoReadOnly(error: unknown, id: string): unknown {
  return error instanceof PermissionDeniedError
    ? retype(error, DemoTurbineReadOnlyError, `clone it first: turbines.clone("${id}", { name })`)
    : error;
}
