import type { APIPromise } from "../core/api-promise.js";
import type { ClientCore } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, onePage, operation } from "./internal.js";
import { routes } from "./routes.js";
import {
  availableHardwareSchema,
  type MachineType,
  machineTypesSchema,
  type PriceRow,
  pricingSchema,
  type Quotas,
  quotasSchema,
} from "./schemas/catalog.js";

/** The machine types runs can ask for (`cpu`, `gpu.h100`…). */
export function listMachineTypes(core: ClientCore, options?: RequestOptions): Paginator<MachineType, number> {
  return onePage(options, () =>
    httpOf(core).json(routes.machineTypes.list, { schema: machineTypesSchema(), options }),
  );
}

/** `/user/quotas` (schema not public: an open record). */
export function getQuotas(core: ClientCore, options?: RequestOptions): APIPromise<Quotas> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.get, { schema: quotasSchema(), options }),
  );
}

/** `/user/status`: your account's state (schema not public: an open record). */
export function getUserStatus(core: ClientCore, options?: RequestOptions): APIPromise<Quotas> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.userStatus, { schema: quotasSchema(), options }),
  );
}

/** Hardware profiles your account can use (e.g. `["cpu", "gpu.a100"]`). */
export function getAvailableHardware(core: ClientCore, options?: RequestOptions): APIPromise<string[]> {
  return operation(core, options, (http, options) =>
    http.json(routes.quotas.availableHardware, { schema: availableHardwareSchema(), options }),
  );
}

/** The price book: one row per meter and hardware profile (prices are decimal strings). */
export function listPricing(core: ClientCore, options?: RequestOptions): Paginator<PriceRow, number> {
  return onePage(options, () => httpOf(core).json(routes.pricing.list, { schema: pricingSchema(), options }));
}

/** The hardware catalogue (`GET /machine-types`). */
export class MachineTypesResource {
  readonly #core: ClientCore;
  constructor(core: ClientCore) {
    this.#core = core;
  }
  list(options?: RequestOptions) {
    return listMachineTypes(this.#core, options);
  }
}

/** What your account may use. */
export class QuotasResource {
  readonly #core: ClientCore;
  constructor(core: ClientCore) {
    this.#core = core;
  }
  get(options?: RequestOptions) {
    return getQuotas(this.#core, options);
  }
  userStatus(options?: RequestOptions) {
    return getUserStatus(this.#core, options);
  }
  availableHardware(options?: RequestOptions) {
    return getAvailableHardware(this.#core, options);
  }
}

/** The price book across all meters. Prices stay decimal strings. */
export class PricingResource {
  readonly #core: ClientCore;
  constructor(core: ClientCore) {
    this.#core = core;
  }
  list(options?: RequestOptions) {
    return listPricing(this.#core, options);
  }
}
