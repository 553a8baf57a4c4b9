// The EIP-712 type tables against the type strings of the spec (providers/exchange.md) and the
// published Permit2 typehashes. The simulator verifies signatures with the SDK's own tables, so a
// reordered or retyped field would pass every round trip: only a fixed text catches it.
import { keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { EIP712_TYPES } from "../../src/exchange/eip712-types.js";
import {
  PERMIT_BATCH_TRANSFER_TYPES,
  PERMIT_SINGLE_TYPES,
  PERMIT_TRANSFER_TYPES,
} from "../../src/exchange/permit2.js";

type Table = Record<string, readonly { name: string; type: string }[]>;
/** `Name(type name,…)` of one struct: the form EIP-712 hashes. */
const typeString = (types: Table, name: string) =>
  `${name}(${(types[name] ?? []).map((f) => `${f.type} ${f.name}`).join(",")})`;

describe("EIP-712 type strings", () => {
  it("the Turbine envelopes read exactly as the spec writes them", () => {
    expect(typeString(EIP712_TYPES.AddOrder, "AddOrder")).toBe(
      "AddOrder(OrderIntent order,uint64 nonce,uint64 deadline)",
    );
    expect(typeString(EIP712_TYPES.CancelOrder, "CancelOrder")).toBe(
      "CancelOrder(bytes32 orderHash,uint64 nonce,uint64 deadline)",
    );
    expect(typeString(EIP712_TYPES.QueryOrders, "QueryOrders")).toBe(
      "QueryOrders(bytes32[] hashes,string[] statuses,string cursor,uint64 limit,uint64 nonce,uint64 deadline)",
    );
    // The signed order: the request's fields, with the curve as absolute-time points.
    expect(typeString(EIP712_TYPES.AddOrder, "SpreadPoint")).toBe(
      "SpreadPoint(uint64 timeSecs,int32 deltaBps)",
    );
    expect(EIP712_TYPES.AddOrder.OrderIntent.map((f) => f.name)).toEqual([
      "owner",
      "sellToken",
      "buyToken",
      "sellAmount",
      "minBuyAmount",
      "startDeltaBps",
      "endDeltaBps",
      "points",
      "startTime",
      "endTime",
      "partialFill",
      "callData",
      "callDataTarget",
      "salt",
    ]);
  });

  it("Permit2's structs match the spec and the contract's published typehashes", () => {
    const single = `${typeString(PERMIT_SINGLE_TYPES, "PermitSingle")}${typeString(PERMIT_SINGLE_TYPES, "PermitDetails")}`;
    expect(single).toBe(
      "PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)",
    );
    // PermitHash.sol: _PERMIT_SINGLE_TYPEHASH.
    expect(keccak256(toBytes(single))).toBe(
      "0xf3841cd1ff0085026a6327b620b67997ce40f282c88a8e905a7a5626e310f3d0",
    );

    const batch = `${typeString(PERMIT_BATCH_TRANSFER_TYPES, "PermitBatchTransferFrom")}${typeString(PERMIT_BATCH_TRANSFER_TYPES, "TokenPermissions")}`;
    expect(batch).toBe(
      "PermitBatchTransferFrom(TokenPermissions[] permitted,address spender,uint256 nonce,uint256 deadline)TokenPermissions(address token,uint256 amount)",
    );
    // PermitHash.sol: _PERMIT_BATCH_TRANSFER_FROM_TYPEHASH.
    expect(keccak256(toBytes(batch))).toBe(
      "0xfcf35f5ac6a2c28868dc44c302166470266239195f02b0ee408334829333b766",
    );

    const transfer = `${typeString(PERMIT_TRANSFER_TYPES, "PermitTransferFrom")}${typeString(PERMIT_TRANSFER_TYPES, "TokenPermissions")}`;
    // PermitHash.sol: _PERMIT_TRANSFER_FROM_TYPEHASH.
    expect(keccak256(toBytes(transfer))).toBe(
      "0x939c21a48a8dbe3a9a2404a1d46691e4d39f6583d6ec6b35714604c986d80106",
    );
  });
});
