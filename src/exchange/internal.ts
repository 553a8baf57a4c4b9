import { type ClientCore, internalsOf } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import type { ExchangeInternals } from "./client.js";

/** The internals behind a Turbine Exchange core or client (an InputValidationError for anything else). */
export const exchangeInternals = (core: ClientCore): ExchangeInternals =>
  internalsOf<ExchangeInternals>(core);

/**
 * `into` carrying the response sink of `from` (a symbol-keyed entry `apiPromise` adds), for a call
 * that builds fresh options for its requests but must still report the response it read.
 */
export function withSinkOf(from: RequestOptions, into: RequestOptions): RequestOptions {
  const out = { ...into } as Record<PropertyKey, unknown>;
  for (const key of Object.getOwnPropertySymbols(from))
    out[key] = (from as Record<PropertyKey, unknown>)[key];
  return out as RequestOptions;
}
