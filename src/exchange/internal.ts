import { type ClientCore, internalsOf } from "../core/client.js";
import type { ExchangeInternals } from "./client.js";

/** The internals behind a Turbine Exchange core or client (an InputValidationError for anything else). */
export const exchangeInternals = (core: ClientCore): ExchangeInternals =>
  internalsOf<ExchangeInternals>(core, "Turbine Exchange");
