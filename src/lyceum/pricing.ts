import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, onePage } from "./internal.js";
import { routes } from "./routes.js";
import { type PriceRow, pricingSchema } from "./schemas/catalog.js";

/** The price book: one row per meter and hardware profile (prices are decimal strings). */
export function listPricing(core: ClientCore, options?: RequestOptions): Paginator<PriceRow, number> {
  return onePage(options, () => httpOf(core).json(routes.pricing.list, { schema: pricingSchema(), options }));
}

/** The price book across all meters. Prices stay decimal strings. */
export class PricingResource extends Resource<ClientCore> {
  /** {@inheritDoc listPricing} */
  list(options?: RequestOptions) {
    return listPricing(this.core, options);
  }
}
