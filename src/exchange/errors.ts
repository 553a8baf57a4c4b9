import { type ApiError, type ApiErrorInit, BadRequestError, type TurbokitError } from "../core/errors.js";

const MINIMUM = /less than \$\d/i;

/**
 * The server's "worth less than $30" message in an error body: at the top, or among the `inner`
 * issues of a `VALIDATION_ERRORS` answer. `undefined` when the body says something else.
 */
function minimumOrderMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { code, message, inner } = body as { code?: unknown; message?: unknown; inner?: unknown };
  const candidates: { code?: unknown; message?: unknown }[] = [{ code, message }];
  if (Array.isArray(inner)) candidates.push(...inner.filter((i) => typeof i === "object" && i !== null));
  for (const candidate of candidates) {
    if (
      candidate.code === "INPUT_VALIDATION_ERROR" &&
      typeof candidate.message === "string" &&
      MINIMUM.test(candidate.message)
    ) {
      return candidate.message;
    }
  }
  return undefined;
}

/**
 * The order is worth less than the exchange's minimum (`config.minTradeSizeUsdc`, $30 in the
 * seed). `serverMessage` keeps the server's text; `worthUsd`/`minimumUsd` are read from it when present.
 */
export class MinimumOrderSizeError extends BadRequestError {
  static override readonly brandName: string = "MinimumOrderSizeError";
  /** What the server valued the order at, in USD (decimal text), when it said. */
  readonly worthUsd: string | undefined;
  /** The minimum, in USD (decimal text), when the server said. */
  readonly minimumUsd: string | undefined;
  /** The server's own message. */
  readonly serverMessage: string;
  /** `config.minTradeSizeUsdc` (USDC atomic units, decimal text) when the server publishes it. */
  minTradeSizeUsdc: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.serverMessage = minimumOrderMessage(this.body) ?? this.message;
    const match = /worth ~?\$([\d.]+)[^$]*less than \$([\d.]+)/i.exec(this.serverMessage);
    this.worthUsd = match?.[1];
    this.minimumUsd = match?.[2] ?? /less than \$([\d.]+)/i.exec(this.serverMessage)?.[1];
    this.minTradeSizeUsdc = undefined;
  }
}

/** The exchange's `mapError`: the `$30` minimum becomes a MinimumOrderSizeError. */
export function mapError(error: ApiError): TurbokitError | undefined {
  return minimumOrderMessage(error.body) === undefined ? undefined : MinimumOrderSizeError.from(error);
}
