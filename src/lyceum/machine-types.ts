import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { httpOf, onePage } from "./internal.js";
import { routes } from "./routes.js";
import { type MachineType, machineTypesSchema } from "./schemas/catalog.js";

/** The machine types runs can ask for (`cpu`, `gpu.h100`…). */
export function listMachineTypes(core: ClientCore, options?: RequestOptions): Paginator<MachineType, number> {
  return onePage(options, () =>
    httpOf(core).json(routes.machineTypes.list, { schema: machineTypesSchema(), options }),
  );
}

/** The hardware catalogue (`GET /machine-types`). */
export class MachineTypesResource extends Resource<ClientCore> {
  /** {@inheritDoc listMachineTypes} */
  list(options?: RequestOptions) {
    return listMachineTypes(this.core, options);
  }
}
