import type { Address, Hex, LocalAccount, TypedDataDefinition, WalletClient } from "viem";
import { getAddress } from "viem";
import { InputValidationError } from "../core/errors.js";

/** What the exchange module needs from a wallet: an address and two kinds of signature. */
export interface ExchangeSigner {
  readonly address: Address;
  /** EIP-191 `personal_sign` over a UTF-8 message. */
  signMessage(message: string): Promise<Hex>;
  /** EIP-712 typed data signature. */
  signTypedData(definition: TypedDataDefinition): Promise<Hex>;
}

/** A viem local account (`privateKeyToAccount`…), a `WalletClient` with an account, or an ExchangeSigner. */
export type SignerInput = LocalAccount | WalletClient | ExchangeSigner;

const NORMALIZED = Symbol.for("turbokit.exchange.signer");

/** Normalises the accepted wallet shapes behind one small interface. */
export function toSigner(input: SignerInput | undefined, field = "signer"): ExchangeSigner {
  if (input === undefined || input === null || typeof input !== "object") {
    throw new InputValidationError(
      field,
      "a viem Account (privateKeyToAccount) or a WalletClient is required",
    );
  }
  if ((input as { [NORMALIZED]?: boolean })[NORMALIZED]) return input as ExchangeSigner;
  const candidate = input as Partial<WalletClient> & Partial<LocalAccount>;
  // A WalletClient: signing goes through the client with its account.
  if (
    (input as { type?: string }).type === "walletClient" ||
    (candidate.account && typeof candidate.request === "function")
  ) {
    const client = input as WalletClient;
    const account = client.account;
    if (!account) throw new InputValidationError(field, "the WalletClient has no account (pass { account })");
    return brand({
      address: getAddress(account.address),
      signMessage: (message) => client.signMessage({ account, message }),
      signTypedData: (definition) =>
        client.signTypedData({ account, ...(definition as TypedDataDefinition) } as Parameters<
          WalletClient["signTypedData"]
        >[0]),
    });
  }
  if (
    typeof candidate.address === "string" &&
    typeof candidate.signMessage === "function" &&
    typeof candidate.signTypedData === "function"
  ) {
    const account = input as LocalAccount;
    let address: Address;
    try {
      address = getAddress(account.address);
    } catch {
      throw new InputValidationError(`${field}.address`, "is not a valid address");
    }
    if (account.type === "local") {
      return brand({
        address,
        signMessage: (message) => account.signMessage({ message }),
        signTypedData: (definition) => account.signTypedData(definition),
      });
    }
    // Already an ExchangeSigner-like object.
    const custom = input as ExchangeSigner;
    return brand({
      address,
      signMessage: (message) => custom.signMessage(message),
      signTypedData: (definition) => custom.signTypedData(definition),
    });
  }
  throw new InputValidationError(
    field,
    "expected a viem LocalAccount (privateKeyToAccount) or a WalletClient with an account",
  );
}

function brand(signer: ExchangeSigner): ExchangeSigner {
  Object.defineProperty(signer, NORMALIZED, { value: true, enumerable: false });
  return Object.freeze(signer);
}
