import { type ApiError, BadRequestError, type TurbokitError } from "../core/errors.js";

/**
 * The order is worth less than the exchange's minimum (`config.minTradeSizeUsdc`, $30 in the
 * seed). `message` keeps the server's text; `worthUsd`/`minimumUsd` are read from it when present.
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

  constructor(source: ApiError, serverMessage: string) {
    super({
      status: source.status,
      headers: source.headers,
      body: source.body,
      rawBody: source.rawBody,
      message: source.message,
      code: source.code,
      method: source.method,
      url: source.url,
      rateLimit: source.rateLimit,
    });
    this.serverMessage = serverMessage;
    const match = /worth ~?\$([\d.]+)[^$]*less than \$([\d.]+)/i.exec(serverMessage);
    this.worthUsd = match?.[1];
    this.minimumUsd = match?.[2] ?? /less than \$([\d.]+)/i.exec(serverMessage)?.[1];
    this.minTradeSizeUsdc = undefined;
  }
}

const MINIMUM = /less than \$\d/i;

/** ProviderConfig.mapError: the `$30` minimum becomes a MinimumOrderSizeError. */
export function mapExchangeError(error: ApiError): TurbokitError | undefined {
  const body = error.body;
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
      return new MinimumOrderSizeError(error, candidate.message);
    }
  }
  return undefined;
}
