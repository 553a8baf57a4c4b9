import { type Address, type Hex, keccak256, toBytes } from "viem";
import { DEFAULT_PINS, type ExchangePins } from "../../exchange/config.js";
import { withDefaults } from "../kit/index.js";

export interface SimToken {
  address: string;
  symbol: string;
  decimals: number;
  /** A simple USD price for the $30 minimum and fills. */
  priceUsd: number;
  /** `/config` class: "Regular", "Stable" or "Meme" (official `TurbineTokenClass`); default Regular. */
  class?: string;
}

/** The tokens the simulated `/config` lists (WETH, USDC, WBTC, DAI), with their USD prices. */
export const DEFAULT_SIM_TOKENS: SimToken[] = [
  {
    address: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
    symbol: "WETH",
    decimals: 18,
    priceUsd: 2194.675,
    class: "Regular",
  },
  {
    address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    symbol: "USDC",
    decimals: 6,
    priceUsd: 1,
    class: "Stable",
  },
  {
    address: "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599",
    symbol: "WBTC",
    decimals: 8,
    priceUsd: 60_000,
    class: "Regular",
  },
  {
    address: "0x6B175474E89094C44Da98b954EedeAC495271d0F",
    symbol: "DAI",
    decimals: 18,
    priceUsd: 1,
    class: "Stable",
  },
];

/** Options of the exchange simulator (`createSimulator({ providers: { exchange } })`). */
export interface ExchangeSimOptions {
  /** Contract addresses `/config` reports (default: the production pins). */
  pins?: Partial<ExchangePins>;
  tokens?: SimToken[];
  /** The minimum order size in USD (default 30). */
  minTradeSizeUsd?: number;
  /** Active orders allowed per owner (default 80). */
  maxActiveOrders?: number;
  /** An order fills once its curve's delta reaches this (default 0 bps: mid price). */
  fillThresholdBps?: number;
  /** Time from a cancel request to Canceled (default 2 s of simulated time). */
  cancelDelayMs?: number;
  /** Time from a liquidity intent to Executed (default 5 s). */
  liquidityDelayMs?: number;
  /** Platform fee, bps of the fair buy amount (default 5). */
  feeBps?: number;
  /** `maxSignatureLifetimeS` in /config (default 60). */
  maxSignatureLifetimeS?: number;
  /** Session lifetime (default 24 h). */
  sessionTtlMs?: number;
  chainId?: number;
  /** Report this in /config instead of the real base (to test the siweUri pin). */
  siweUriOverride?: string;
  /** Report a different eip712Domain salt (to test the salt pin). */
  saltOverride?: Hex;
  /**
   * Also echo the order's `owner`, `salt` and `minBuyAmount` in `/orders` `orderDetails` (default
   * false: the official client's `OrderDetails` has none of them, so clients must match orders by
   * the fields it does have).
   */
  echoSalt?: boolean;
  /**
   * Accept clients that sign times from their own wall clock while the simulated clock runs ahead
   * (`npm run sim` at x30): each order, deadline and permit is then read in its signer's frame
   * (see `clientLagS`). Off by default, so a test whose client signs from the wall clock instead of
   * the simulated one still fails.
   */
  wallClockClients?: boolean;
}

export interface SimSession {
  id: string;
  nonce: string | undefined;
  address: Address | undefined;
  expiresAt: number;
}

/** A time knot: unix seconds and delta bps. */
export interface Knot {
  t: number;
  d: number;
}

export interface SimExecution {
  txHash: Hex;
  blockNumber: number;
  soldAmount: bigint;
  boughtAmount: bigint;
  surplusBuyAmount: bigint;
}

/** What an order says, as received and as stored. */
export interface OrderTerms {
  owner: Address;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  minBuyAmount: bigint;
  startTime: number;
  endTime: number;
  /** The curve's knots at absolute seconds, start and end included. */
  knots: Knot[];
  salt: Hex;
  /** The curve as received (interior knots at absolute seconds), echoed in `orderDetails`. */
  curve: { startDeltaBps: number; endDeltaBps: number; points: Knot[] };
}

export interface SimOrder extends OrderTerms {
  hash: Hex;
  permitNonce: bigint | undefined;
  /** Annotations sent with the order, echoed in `orderDetails.annotations`. */
  annotations: Record<string, unknown> | undefined;
  createdAt: number;
  /** Seconds the submitting client's clock lags the simulated one (see `clientLagS`). */
  lagS: number;
  status: "Active" | "PendingCancellation" | "Canceled" | "Filled" | "Expired";
  cancelRequestedAt?: number;
  execution: SimExecution[];
}

export interface SimLiquidityIntent {
  hash: Hex;
  owner: Address;
  kind: "add" | "remove";
  createdAt: number;
  deadline: number;
  status: "Pending" | "Executed" | "Expired" | "Canceled";
  body: unknown;
}

type SettledOptions = Required<Omit<ExchangeSimOptions, "pins" | "siweUriOverride" | "saltOverride">>;

/** What each option left out is. */
const DEFAULT_OPTIONS: SettledOptions = {
  tokens: DEFAULT_SIM_TOKENS,
  minTradeSizeUsd: 30,
  maxActiveOrders: 80,
  fillThresholdBps: 0,
  cancelDelayMs: 2_000,
  liquidityDelayMs: 5_000,
  feeBps: 5,
  maxSignatureLifetimeS: 60,
  sessionTtlMs: 24 * 3_600_000,
  chainId: 1,
  echoSalt: false,
  wallClockClients: false,
};

export interface ExchangeSimState {
  readonly options: SettledOptions & { siweUriOverride: string | undefined; saltOverride: Hex | undefined };
  readonly pins: ExchangePins;
  readonly sessions: Map<string, SimSession>;
  readonly orders: Map<Hex, SimOrder>;
  readonly liquidity: Map<Hex, SimLiquidityIntent>;
  /** `${signer}:${nonce}` of every EIP-712 envelope accepted. */
  readonly envelopeNonces: Set<string>;
  /** `${owner}:${nonce}` of every SignatureTransfer nonce used. */
  readonly transferNonces: Set<string>;
  /** Drop every session (the next authenticated call gets 401). */
  expireSessions(): void;
  token(address: string): SimToken | undefined;
}

export function createState(options: ExchangeSimOptions): ExchangeSimState {
  const settled = withDefaults(options, DEFAULT_OPTIONS);
  const byAddress = new Map(settled.tokens.map((t) => [t.address.toLowerCase(), t]));
  const sessions = new Map<string, SimSession>();
  return {
    options: {
      ...settled,
      siweUriOverride: options.siweUriOverride,
      saltOverride: options.saltOverride,
    },
    pins: { ...DEFAULT_PINS, ...options.pins },
    sessions,
    orders: new Map(),
    liquidity: new Map(),
    envelopeNonces: new Set(),
    transferNonces: new Set(),
    expireSessions() {
      sessions.clear();
    },
    token: (address) => byAddress.get(address.toLowerCase()),
  };
}

/** A record's id: the keccak of its identifying fields (bigints as hex). */
export function hashOf(value: unknown): Hex {
  return keccak256(
    toBytes(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v))),
  );
}

/**
 * How far a client's clock lags the simulated one, in seconds. The simulator's clock may run fast
 * (`npm run sim` runs at x30): a client signing times from its own wall clock, as the README's code
 * does, would otherwise see its orders expire once the simulator has been up a minute. A client's
 * `claimedNowS` (an order's start, a deadline minus its lifetime) tells which clock it reads: the
 * simulated one (tests, `x-sim-now` readers: no lag) or the wall clock (lag = simulated - wall).
 * An order then lives in its client's frame, moving at the simulated speed.
 */
export function clientLagS(state: ExchangeSimState, simNowMs: number, claimedNowS: number): number {
  if (!state.options.wallClockClients) return 0;
  const simS = Math.floor(simNowMs / 1000);
  const wallS = Math.floor(Date.now() / 1000);
  return simS > wallS && Math.abs(claimedNowS - wallS) < Math.abs(claimedNowS - simS) ? simS - wallS : 0;
}
