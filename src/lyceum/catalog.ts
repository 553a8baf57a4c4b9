import type { HttpClient, RequestOptions } from "../core/http.js";
import { Paginator } from "../core/pagination.js";
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

/** The hardware catalogue (`GET /machine-types`). */
export class MachineTypesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The machine types runs can ask for (`cpu`, `gpu.h100`…). */
  list(options?: RequestOptions): Paginator<MachineType, number> {
    return onePage(options, () =>
      this.#http.json(routes.machineTypes, { schema: machineTypesSchema(), options }),
    );
  }
}

/** What your account may use. */
export class QuotasResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** `/user/quotas` (schema not public: an open record). */
  async get(options?: RequestOptions): Promise<Quotas> {
    return this.#http.json(routes.quotas, { schema: quotasSchema(), options });
  }

  /** `/user/status`: your account's state (schema not public: an open record). */
  async userStatus(options?: RequestOptions): Promise<Quotas> {
    return this.#http.json(routes.userStatus, { schema: quotasSchema(), options });
  }

  /** Hardware profiles your account can use (e.g. `["cpu", "gpu.a100"]`). */
  async availableHardware(options?: RequestOptions): Promise<string[]> {
    return this.#http.json(routes.availableHardware, { schema: availableHardwareSchema(), options });
  }
}

/** The price book across all meters. Prices stay decimal strings. */
export class PricingResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The price book: one row per meter and hardware profile (prices are decimal strings). */
  list(options?: RequestOptions): Paginator<PriceRow, number> {
    return onePage(options, () => this.#http.json(routes.pricing, { schema: pricingSchema(), options }));
  }
}

/** A paginator over an endpoint that returns everything at once (still lazy: nothing is sent until read). */
export function onePage<T>(
  options: RequestOptions | undefined,
  fetch: () => Promise<T[]>,
): Paginator<T, number> {
  return new Paginator<T, number>({
    first: 0,
    signal: options?.signal,
    fetchPage: async () => ({ items: await fetch(), next: undefined }),
  });
}
