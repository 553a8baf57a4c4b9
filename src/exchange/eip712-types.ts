/**
 * EIP-712 types of the stateless `/eip712/*` API. Domain: `{name: "Turbine", version: "1", chainId,
 * verifyingContract: settler, salt: keccak256(utf8(apiBaseUrl))}` from `config.eip712Domain`.
 */
const ENVELOPE = [
  { name: "nonce", type: "uint64" },
  { name: "deadline", type: "uint64" },
] as const;

const ORDER = {
  SpreadPoint: [
    { name: "timeSecs", type: "uint64" },
    { name: "deltaBps", type: "int32" },
  ],
  OrderIntent: [
    { name: "owner", type: "address" },
    { name: "sellToken", type: "address" },
    { name: "buyToken", type: "address" },
    { name: "sellAmount", type: "uint256" },
    { name: "minBuyAmount", type: "uint256" },
    { name: "startDeltaBps", type: "int32" },
    { name: "endDeltaBps", type: "int32" },
    { name: "points", type: "SpreadPoint[]" },
    { name: "startTime", type: "uint64" },
    { name: "endTime", type: "uint64" },
    { name: "partialFill", type: "bool" },
    { name: "callData", type: "bytes" },
    { name: "callDataTarget", type: "address" },
    { name: "salt", type: "bytes32" },
  ],
} as const;

export const EIP712_TYPES = {
  AddOrder: { ...ORDER, AddOrder: [{ name: "order", type: "OrderIntent" }, ...ENVELOPE] },
  AddOrders: { ...ORDER, AddOrders: [{ name: "orders", type: "OrderIntent[]" }, ...ENVELOPE] },
  CancelOrder: { CancelOrder: [{ name: "orderHash", type: "bytes32" }, ...ENVELOPE] },
  QueryOrders: {
    QueryOrders: [
      { name: "hashes", type: "bytes32[]" },
      { name: "statuses", type: "string[]" },
      { name: "cursor", type: "string" },
      { name: "limit", type: "uint64" },
      ...ENVELOPE,
    ],
  },
  QueryLiquidityIntents: {
    QueryLiquidityIntents: [{ name: "hashes", type: "bytes32[]" }, ...ENVELOPE],
  },
  AddLiquidity: {
    AddLiquidity: [
      { name: "owner", type: "address" },
      { name: "token0", type: "address" },
      { name: "token1", type: "address" },
      { name: "amount0", type: "uint256" },
      { name: "amount1", type: "uint256" },
      { name: "permitNonce", type: "uint256" },
      { name: "permitDeadline", type: "uint256" },
      ...ENVELOPE,
    ],
  },
  RemoveLiquidity: {
    RemoveLiquidity: [
      { name: "owner", type: "address" },
      { name: "lpToken", type: "address" },
      { name: "liquidity", type: "uint256" },
      { name: "permitNonce", type: "uint256" },
      { name: "permitDeadline", type: "uint256" },
      ...ENVELOPE,
    ],
  },
} as const;

export type Eip712PrimaryType = keyof typeof EIP712_TYPES;
