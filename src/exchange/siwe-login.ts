import { createSiweMessage } from "viem/siwe";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { parseJson } from "../core/json.js";
import { parseResponse } from "../core/schema.js";
import type { SessionCookieJar } from "./cookie.js";
import { verifySignatureForm } from "./permit2.js";
import { routes } from "./routes.js";
import { type ExchangeConfig, stringSchema } from "./schemas.js";
import type { ExchangeSigner } from "./signer.js";

/** The statement line of the SIWE (EIP-4361) message the wallet signs to log in. */
export const SIWE_STATEMENT = "Sign in to Turbine with your Ethereum wallet";

/** What a SIWE login needs from its client. */
export interface SiweLoginDeps {
  http: HttpClient;
  config(options?: RequestOptions): Promise<ExchangeConfig>;
  chainId: number;
  /** Epoch milliseconds (the message's `issuedAt`). */
  now(): number;
}

/**
 * One SIWE login: `/nonce` → EIP-4361 message → personal_sign → `/verify`, the cookies of both
 * answers captured into `jar`. `options` are the request options of the call that started it.
 */
export async function siweLogin(
  deps: SiweLoginDeps,
  who: ExchangeSigner,
  jar: SessionCookieJar,
  options: RequestOptions,
): Promise<void> {
  const { http } = deps;
  const cfg = await deps.config(options);
  const nonceUrl = `${http.baseUrl}${routes.session.nonce.path}`;
  const nonceResponse = await http.stream(routes.session.nonce, { auth: false, options });
  jar.capture(nonceResponse, nonceUrl);
  const nonceText = await http.readText(nonceResponse, "Turbine Exchange POST /nonce");
  let nonceValue: unknown;
  try {
    nonceValue = parseJson(nonceText);
  } catch {
    nonceValue = nonceText;
  }
  const nonce = parseResponse(stringSchema(), nonceValue, "Turbine Exchange POST /nonce");
  const message = createSiweMessage({
    domain: cfg.siweDomain,
    address: who.address,
    statement: SIWE_STATEMENT,
    uri: cfg.siweUri,
    version: "1",
    chainId: deps.chainId,
    nonce,
    issuedAt: new Date(deps.now()),
  });
  const signature = verifySignatureForm(await who.signMessage(message));
  const verifyUrl = `${http.baseUrl}${routes.session.verify.path}`;
  const cookie = jar.header(verifyUrl);
  const verified = await http.stream(routes.session.verify, {
    auth: false,
    json: { message, signature },
    headers: cookie ? { Cookie: cookie } : undefined,
    options,
  });
  jar.capture(verified, verifyUrl);
  await verified.body?.cancel();
}
