import { type HttpHandler, HttpResponse } from "msw";
import { getAddress, type Hex, verifyMessage } from "viem";
import { parseSiweMessage } from "viem/siwe";
import { json } from "../../kit/index.js";
import { randomHex } from "../../random.js";
import { refusal } from "../errors.js";
import { serialize } from "../signatures.js";
import { deserError, type Obj, readBody } from "../wire.js";
import type { ExchangeRoutes } from "./context.js";

/** The SIWE session: `/nonce` opens it, `/verify` signs it in (a new id), `/me`, `/logout`. */
export function sessionHandlers(routes: ExchangeRoutes): HttpHandler[] {
  const { state, sessions, signedIn } = routes;

  async function verify(request: Request): Promise<Response> {
    const { raw, body } = await readBody(request);
    const b = body as Obj;
    if (typeof b?.message !== "string") throw deserError(raw, "message", b?.message, "a string");
    const sig = b.signature as Obj;
    if (typeof sig !== "object" || sig === null) throw deserError(raw, "signature", sig, "a map");
    for (const k of ["r", "s", "yParity", "v"]) {
      if (typeof sig[k] !== "string") throw deserError(raw, `signature.${k}`, sig[k], "a string");
    }
    const s = sessions.current(request);
    if (!s) throw refusal(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
    if (s.address) throw refusal(400, "ALREADY_AUTHENTICATED", "Session is already authenticated");
    if (!s.nonce) throw refusal(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
    const expectedNonce = s.nonce;
    s.nonce = undefined; // single use, whatever happens next
    const fields = parseSiweMessage(b.message);
    const yParity = sig.yParity === "0x1" ? 1 : sig.yParity === "0x0" ? 0 : -1;
    const failed = (why: string) => refusal(401, "VERIFICATION_FAILED", `SIWE verification failed: ${why}`);
    if (yParity < 0) throw failed("yParity must be 0x0 or 0x1");
    if (sig.v !== (yParity ? "0x1c" : "0x1b")) throw failed("v does not match yParity");
    if (fields.nonce !== expectedNonce) throw failed("nonce mismatch");
    if (fields.domain !== "app.turbine.exchange") throw failed("domain mismatch");
    if (fields.uri !== routes.publicBase(request)) throw failed("uri mismatch");
    if (fields.chainId !== state.options.chainId) throw failed("chain id mismatch");
    if (fields.version !== "1" || !fields.address || !fields.issuedAt) throw failed("malformed message");
    const ok = await verifyMessage({
      address: fields.address,
      message: b.message,
      signature: serialize({ r: sig.r as Hex, s: sig.s as Hex, yParity: yParity === 1 }),
    }).catch(() => false);
    if (!ok) throw failed("signature does not match the address");
    // Rotate the session id on login.
    state.sessions.delete(s.id);
    const next = sessions.open();
    next.address = getAddress(fields.address);
    return new HttpResponse(null, { status: 200, headers: { "Set-Cookie": sessions.cookie(next.id) } });
  }

  return [
    routes.post("/nonce", () => {
      const s = sessions.open();
      s.nonce = randomHex(routes.random, 16);
      return json(s.nonce, 200, { "Set-Cookie": sessions.cookie(s.id) });
    }),
    routes.post("/verify", ({ request }) => verify(request)),
    routes.get(
      "/me",
      // Variant: an extra field (the official client needs `authenticated` and `address`).
      signedIn((_, address) =>
        json(
          routes.dialect.pick<Obj>(
            { authenticated: true, address },
            { authenticated: true, address, chainId: 1 },
          ),
        ),
      ),
    ),
    routes.post(
      "/logout",
      signedIn(({ request }) => {
        sessions.close(request);
        return new HttpResponse(null, { status: 200, headers: { "Set-Cookie": "id=; Path=/; Max-Age=0" } });
      }),
    ),
  ];
}
