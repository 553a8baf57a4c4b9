import { type HttpHandler, HttpResponse, http } from "msw";
import { type Address, getAddress, type Hex, recoverTypedDataAddress, verifyMessage } from "viem";
import { parseSiweMessage } from "viem/siwe";
import { domainSalt } from "../../exchange/config.js";
import { EIP712_TYPES, type Eip712PrimaryType } from "../../exchange/eip712-types.js";
import type { SimClock } from "../clock.js";
import type { SimDialect } from "../dialect.js";
import { randomHex } from "../random.js";
import {
  acceptLiquidity,
  acceptOrder,
  clientLagS,
  deserError,
  feeFor,
  orderDetailsJson,
  type ParsedOrder,
  type ParsedPermit,
  parseLiquidity,
  parsePermitSingle,
  parseRestOrder,
  readBoolSig,
  refresh,
  refreshLiquidity,
  requestCancel,
  serialize,
  stateJson,
} from "./engine.js";
import { type ExchangeSimState, SimError, type SimOrder, type SimSession, SimTextError } from "./state.js";

type Obj = Record<string, unknown>;
const MAX_ORDERS_IN_PAYLOAD = 50;
const MAX_HASHES = 30;

export function exchangeHandlers(
  state: ExchangeSimState,
  ctx: { clock: SimClock; random: () => number; dialect: SimDialect },
  baseUrl: string,
): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, "");
  const url = (path: string) => `${base}${path}`;
  const baseAt = new URL(base);
  const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

  /**
   * The base URL as this request reached it. Served on loopback, the simulator answers under
   * `localhost` as well as `127.0.0.1` (a page on either can log in): `siweUri`, the EIP-712 domain
   * salt and the SIWE URI check follow the name the client used.
   */
  function publicBase(request: Request): string {
    const host = request.headers.get("host");
    if (!host || !LOOPBACK_HOST.test(baseAt.host) || !LOOPBACK_HOST.test(host)) return base;
    if (new URL(`${baseAt.protocol}//${host}`).port !== baseAt.port) return base;
    return `${baseAt.protocol}//${host}${baseAt.pathname.replace(/\/$/, "")}`;
  }
  const settler = getAddress(state.pins.settler);

  const error = (status: number, code: string, message: string) =>
    HttpResponse.json({ code, message }, { status });

  function wrap(path: string, fn: (request: Request) => Promise<Response>) {
    return async ({ request }: { request: Request }) => {
      state.calls.set(path, (state.calls.get(path) ?? 0) + 1);
      try {
        return await fn(request);
      } catch (e) {
        if (e instanceof SimTextError) {
          return new HttpResponse(e.text, {
            status: e.status,
            headers: { "content-type": "text/plain; charset=utf-8" },
          });
        }
        if (e instanceof SimError) return error(e.status, e.code, e.message);
        throw e;
      }
    };
  }

  async function readBody(request: Request): Promise<{ raw: string; body: unknown }> {
    const raw = await request.text();
    try {
      return { raw, body: JSON.parse(raw) };
    } catch (e) {
      throw new SimTextError(400, `Failed to parse the request body as JSON: ${(e as Error).message}`);
    }
  }

  function obj(raw: string, value: unknown): Obj {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw deserError(raw, "body", value, "a map");
    return value as Obj;
  }

  function cookieId(request: Request): string | undefined {
    const header = request.headers.get("cookie") ?? "";
    for (const part of header.split(";")) {
      const [k, ...v] = part.trim().split("=");
      if (k === "id") return v.join("=");
    }
    return undefined;
  }

  function session(request: Request): SimSession | undefined {
    const id = cookieId(request);
    const s = id ? state.sessions.get(id) : undefined;
    if (s && s.expiresAt <= ctx.clock.now()) {
      state.sessions.delete(s.id);
      return undefined;
    }
    return s;
  }

  function authed(request: Request): Address {
    const s = session(request);
    if (!s?.address) throw new SimError(401, "USER_NOT_AUTHORIZED", "User is not authorized");
    return s.address;
  }

  /**
   * The session cookie. Over https or on loopback it is `SameSite=None; Secure`, so a page on
   * `localhost` can log in to a simulator on `127.0.0.1` (another site to the browser) with
   * `credentials: "include"`; browsers accept Secure cookies from loopback over plain http.
   */
  function setCookie(id: string): string {
    const maxAge = Math.floor(state.options.sessionTtlMs / 1000);
    const crossSite = baseAt.protocol === "https:" || LOOPBACK_HOST.test(baseAt.host);
    return `id=${id}; Path=/; HttpOnly; ${crossSite ? "Secure; SameSite=None" : "SameSite=Lax"}; Max-Age=${maxAge}`;
  }

  function newSession(): SimSession {
    const s: SimSession = {
      id: randomHex(ctx.random, 24),
      nonce: undefined,
      address: undefined,
      expiresAt: ctx.clock.now() + state.options.sessionTtlMs,
    };
    state.sessions.set(s.id, s);
    return s;
  }

  function config(request: Request) {
    const publicUrl = publicBase(request);
    // Token classes as the official client knows them (`src/models.ts` TurbineTokenClass).
    const tokens = state.options.tokens.map((t) => ({
      address: t.address.toLowerCase(),
      symbol: t.symbol,
      decimals: t.decimals,
      class: t.class ?? "Regular",
      binance: `${t.symbol}USDT`,
    }));
    const answer: Obj = {
      version: "0.135.0",
      turbineSettlerAddress: state.pins.settler,
      turbineSignerAddress: state.pins.signer,
      lpHookAddress: state.pins.lpHook,
      lpRouterAddress: state.pins.lpRouter,
      poolManagerAddress: state.pins.poolManager,
      submitSettlements: true,
      siweDomain: "app.turbine.exchange",
      siweUri: state.options.siweUriOverride ?? publicUrl,
      tokens,
      minTradeSizeUsdc: String(state.options.minTradeSizeUsd * 1_000_000),
      eip712Domain: {
        name: "Turbine",
        version: "1",
        chainId: state.options.chainId,
        verifyingContract: state.pins.settler,
        salt: state.options.saltOverride ?? domainSalt(publicUrl),
      },
      maxSignatureLifetimeS: state.options.maxSignatureLifetimeS,
    };
    if (ctx.dialect.variant) {
      // The official client's config has no signer address (it requires every other field, and
      // a token class of Regular/Stable/Meme); a field nobody documented.
      delete answer.turbineSignerAddress;
      answer.quoteEnabled = false;
    }
    return answer;
  }

  const now = () => ctx.clock.now();

  // ── shared operations (session and EIP-712 routes) ──
  /**
   * One `AddOrder` item: `{order, signedPermit?, annotations?}` (session: the curve inside the
   * order) or the EIP-712 payload `{order, spreadCurve, signedPermit?, annotations?}`.
   */
  function parseAdd(raw: string, item: unknown, path: string, curveBeside: boolean) {
    const o = typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Obj) : undefined;
    if (!o) throw deserError(raw, path || "body", item, "a map");
    if (o.order === undefined)
      throw new SimTextError(
        422,
        `Failed to deserialize the JSON body into the target type: ${path ? `${path}: ` : ""}missing field \`order\` at line 1 column 1`,
      );
    const at = (name: string) => `${path ? `${path}.` : ""}${name}`;
    const beside = curveBeside ? { value: o, path: path || "payload" } : undefined;
    const order = parseRestOrder(raw, o.order, at("order"), beside);
    const permit: ParsedPermit | undefined =
      o.signedPermit === undefined ? undefined : parsePermitSingle(raw, o.signedPermit, at("signedPermit"));
    let annotations: Obj | undefined;
    if (o.annotations !== undefined && o.annotations !== null) {
      if (typeof o.annotations !== "object" || Array.isArray(o.annotations))
        throw deserError(raw, at("annotations"), o.annotations, "a map");
      annotations = o.annotations as Obj;
    }
    return { order, permit, annotations };
  }

  async function addOne(raw: string, item: unknown, path: string, owner: Address, curveBeside: boolean) {
    const { order, permit, annotations } = parseAdd(raw, item, path, curveBeside);
    return acceptOrder(state, now(), owner, order, permit, annotations);
  }

  /** Accepts what passes; a per-order check that fails just leaves the order out of the answer. */
  async function addMany(items: (() => Promise<SimOrder>)[]) {
    if (items.length > MAX_ORDERS_IN_PAYLOAD) {
      throw new SimError(400, "MAX_ORDERS_IN_PAYLOAD", `at most ${MAX_ORDERS_IN_PAYLOAD} orders per request`);
    }
    const out: Obj[] = [];
    for (const add of items) {
      try {
        const stored = await add();
        out.push(
          ctx.dialect.pick<Obj>({ orderHash: stored.hash }, { orderHash: stored.hash, status: "Adding" }),
        );
      } catch (e) {
        if (e instanceof SimError && e.status === 400) continue;
        throw e;
      }
    }
    return out;
  }

  function listOrders(
    owner: Address,
    q: { hashes: string[]; statuses: string[]; cursor: string; limit: number },
  ) {
    if (q.hashes.length > MAX_HASHES)
      throw new SimError(400, "TOO_MANY_HASHES", `at most ${MAX_HASHES} hashes`);
    if (!Number.isInteger(q.limit) || q.limit < 0)
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "limit must not be negative");
    if (q.limit > 200) throw new SimError(400, "LIMIT_TOO_HIGH", "limit must be at most 200");
    let offset = 0;
    if (q.cursor) {
      const m = /^c([0-9]+)$/.exec(q.cursor);
      if (!m) throw new SimError(400, "INVALID_CURSOR", "invalid cursor");
      offset = Number(m[1]);
    }
    const wanted = new Set(q.hashes.map((h) => h.toLowerCase()));
    const statuses = new Set(q.statuses);
    const all = [...state.orders.values()]
      .filter((o) => o.owner === owner)
      .map((o) => refresh(state, o, now()))
      .filter((o) => wanted.size === 0 || wanted.has(o.hash))
      .filter((o) => statuses.size === 0 || statuses.has(o.status))
      .sort((a, b) => b.createdAt - a.createdAt);
    // limit 0 means unset (the EIP-712 query's zero value): the server's default of 50.
    const limit = q.limit === 0 ? 50 : q.limit;
    const page = all.slice(offset, offset + limit);
    const hasMore = offset + limit < all.length;
    const answer: Obj = {
      orders: page.map((o) => ({
        ...stateJson(o, "camel", { variant: ctx.dialect.variant }),
        orderDetails: orderDetailsJson(o, { variant: ctx.dialect.variant, echo: state.options.echoSalt }),
      })),
      cursor: hasMore ? `c${offset + limit}` : null,
      hasMore,
    };
    return answer;
  }

  function cancel(owner: Address, body: unknown, raw: string) {
    const o = body as Obj;
    if (typeof o !== "object" || o === null || typeof o.orderHash !== "string") {
      throw deserError(raw, "orderHash", o?.orderHash, "a string");
    }
    requestCancel(state, owner, o.orderHash, now());
    return { orderHash: o.orderHash };
  }

  function liquidityStates(hashes: unknown, raw: string) {
    if (!Array.isArray(hashes)) throw deserError(raw, "intentHashes", hashes, "a sequence");
    return hashes
      .map((h) => refreshLiquidity(state, String(h).toLowerCase() as Hex, now()))
      .filter((i) => i !== undefined)
      .map((i) =>
        ctx.dialect.pick<Obj>(
          { hash: i.hash, status: i.status },
          { hash: i.hash, status: i.status, kind: i.kind },
        ),
      );
  }

  // ── EIP-712 envelopes ──

  /** The signed `OrderIntent` struct of an order: its curve's knots at absolute seconds. */
  function signedOrderMessage(order: ParsedOrder) {
    return {
      order: {
        owner: order.owner,
        sellToken: order.sellToken,
        buyToken: order.buyToken,
        sellAmount: order.sellAmount,
        minBuyAmount: order.minBuyAmount,
        startDeltaBps: order.curve.startDeltaBps,
        endDeltaBps: order.curve.endDeltaBps,
        points: order.curve.points.map((k) => ({ timeSecs: BigInt(k.t), deltaBps: k.d })),
        startTime: BigInt(order.startTime),
        endTime: BigInt(order.endTime),
        partialFill: order.partialFill,
        callData: order.callData,
        callDataTarget: order.callDataTarget,
        salt: order.salt,
      },
    };
  }

  /**
   * Checks one envelope `{payload, auth}`: shape, deadline window, the signature over `message`
   * (+ nonce, deadline) recovering to `auth.signer`, and a fresh nonce.
   */
  async function verifyEnvelope(
    raw: string,
    value: unknown,
    path: string,
    primaryType: Eip712PrimaryType,
    message: (payload: Obj) => Record<string, unknown>,
    apiBase: string,
  ): Promise<{ signer: Address; payload: Obj }> {
    const at = (name: string) => (path ? `${path}.${name}` : name);
    const b = value as Obj;
    if (typeof b !== "object" || b === null || Array.isArray(b))
      throw deserError(raw, path || "body", b, "a map");
    if (typeof b.payload !== "object" || b.payload === null)
      throw deserError(raw, at("payload"), b.payload, "a map");
    if (typeof b.auth !== "object" || b.auth === null) throw deserError(raw, at("auth"), b.auth, "a map");
    const auth = b.auth as Obj;
    if (typeof auth.signer !== "string") throw deserError(raw, at("auth.signer"), auth.signer, "a string");
    if (typeof auth.nonce !== "string" || !/^\d+$/.test(auth.nonce) || BigInt(auth.nonce) >= 1n << 64n) {
      throw deserError(raw, at("auth.nonce"), auth.nonce, "a decimal u64 string");
    }
    if (typeof auth.deadline !== "number" || !Number.isInteger(auth.deadline)) {
      throw deserError(raw, at("auth.deadline"), auth.deadline, "u64");
    }
    const sig = readBoolSig(raw, auth, at("auth"));
    const lifetime = state.options.maxSignatureLifetimeS;
    // A deadline is its signer's now + lifetime - 5 s: that says which clock the client reads.
    const nowS = Math.floor(now() / 1000) - clientLagS(state, now(), auth.deadline - lifetime + 5);
    if (auth.deadline < nowS)
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "signature deadline has passed");
    if (auth.deadline > nowS + state.options.maxSignatureLifetimeS) {
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "signature deadline is beyond maxSignatureLifetimeS");
    }
    const payload = b.payload as Obj;
    const signed = message(payload);
    let recovered: Address | undefined;
    try {
      recovered = await recoverTypedDataAddress({
        domain: {
          name: "Turbine",
          version: "1",
          chainId: state.options.chainId,
          verifyingContract: settler,
          salt: domainSalt(apiBase),
        },
        types: EIP712_TYPES[primaryType],
        primaryType,
        message: { ...signed, nonce: BigInt(auth.nonce), deadline: BigInt(auth.deadline) },
        signature: serialize(sig),
      } as Parameters<typeof recoverTypedDataAddress>[0]);
    } catch {
      recovered = undefined;
    }
    const signer = getAddress(auth.signer);
    if (recovered !== signer)
      throw new SimError(401, "VERIFICATION_FAILED", "envelope signature does not match auth.signer");
    const key = `${signer}:${auth.nonce}`;
    if (state.envelopeNonces.has(key)) throw new SimError(409, "NONCE_ALREADY_USED", "nonce already used");
    state.envelopeNonces.add(key);
    return { signer, payload };
  }

  async function envelope(
    request: Request,
    primaryType: Eip712PrimaryType,
    message: (payload: Obj, raw: string) => Record<string, unknown>,
  ): Promise<{ signer: Address; payload: Obj; raw: string }> {
    const { raw, body } = await readBody(request);
    const { signer, payload } = await verifyEnvelope(
      raw,
      body,
      "",
      primaryType,
      (p) => message(p, raw),
      publicBase(request),
    );
    return { signer, payload, raw };
  }

  /** A liquidity envelope signs the intent struct (`AddLiquidityEip712` / `RemoveLiquidityEip712`). */
  async function liquidityEnvelope(request: Request, kind: "add" | "remove") {
    let parsed: ReturnType<typeof parseLiquidity> | undefined;
    const { signer, payload } = await envelope(
      request,
      kind === "add" ? "AddLiquidityEip712" : "RemoveLiquidityEip712",
      (p, raw) => {
        parsed = parseLiquidity(state, raw, p, kind);
        return { intent: parsed.intent };
      },
    );
    return HttpResponse.json({
      intentHash: await acceptLiquidity(state, now(), signer, parsed!, payload),
    });
  }

  const E = (path: string) => url(`/eip712${path}`);

  return [
    http.get(
      url("/status"),
      wrap("/status", async () => HttpResponse.text("OK from Turbine")),
    ),
    http.get(
      url("/config"),
      wrap("/config", async (request) => HttpResponse.json(config(request))),
    ),

    http.post(
      url("/nonce"),
      wrap("/nonce", async () => {
        const s = newSession();
        s.nonce = randomHex(ctx.random, 16);
        return HttpResponse.json(s.nonce, { headers: { "Set-Cookie": setCookie(s.id) } });
      }),
    ),

    http.post(
      url("/verify"),
      wrap("/verify", async (request) => {
        const { raw, body } = await readBody(request);
        const b = body as Obj;
        if (typeof b?.message !== "string") throw deserError(raw, "message", b?.message, "a string");
        const sig = b.signature as Obj;
        if (typeof sig !== "object" || sig === null) throw deserError(raw, "signature", sig, "a map");
        for (const k of ["r", "s", "yParity", "v"]) {
          if (typeof sig[k] !== "string") throw deserError(raw, `signature.${k}`, sig[k], "a string");
        }
        const s = session(request);
        if (!s) throw new SimError(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
        if (s.address) throw new SimError(400, "ALREADY_AUTHENTICATED", "Session is already authenticated");
        if (!s.nonce)
          throw new SimError(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
        const expectedNonce = s.nonce;
        s.nonce = undefined; // single use, whatever happens next
        const fields = parseSiweMessage(b.message);
        const yParity = sig.yParity === "0x1" ? 1 : sig.yParity === "0x0" ? 0 : -1;
        const failed = (why: string) =>
          new SimError(401, "VERIFICATION_FAILED", `SIWE verification failed: ${why}`);
        if (yParity < 0) throw failed("yParity must be 0x0 or 0x1");
        if (sig.v !== (yParity ? "0x1c" : "0x1b")) throw failed("v does not match yParity");
        if (fields.nonce !== expectedNonce) throw failed("nonce mismatch");
        if (fields.domain !== "app.turbine.exchange") throw failed("domain mismatch");
        if (fields.uri !== publicBase(request)) throw failed("uri mismatch");
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
        const next = newSession();
        next.address = getAddress(fields.address);
        return new HttpResponse(null, {
          status: 200,
          headers: { "Set-Cookie": setCookie(next.id) },
        });
      }),
    ),

    http.get(
      url("/me"),
      wrap("/me", async (request) => {
        const address = authed(request);
        // Variant: an extra field (the official client needs `authenticated` and `address`).
        return HttpResponse.json(
          ctx.dialect.pick<Obj>(
            { authenticated: true, address },
            { authenticated: true, address, chainId: 1 },
          ),
        );
      }),
    ),

    http.post(
      url("/logout"),
      wrap("/logout", async (request) => {
        authed(request);
        const id = cookieId(request);
        if (id) state.sessions.delete(id);
        return new HttpResponse(null, { status: 200, headers: { "Set-Cookie": "id=; Path=/; Max-Age=0" } });
      }),
    ),

    http.post(
      url("/add_order"),
      wrap("/add_order", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const stored = await addOne(raw, body, "", owner, false);
        return HttpResponse.json({ orderHash: stored.hash });
      }),
    ),

    http.post(
      url("/add_orders"),
      wrap("/add_orders", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        if (!Array.isArray(body)) throw deserError(raw, "body", body, "a sequence");
        return HttpResponse.json(
          await addMany(body.map((item, i) => () => addOne(raw, item, `[${i}]`, owner, false))),
        );
      }),
    ),

    http.post(
      url("/cancel_order"),
      wrap("/cancel_order", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        return HttpResponse.json(cancel(owner, body, raw));
      }),
    ),

    http.post(
      url("/order_states"),
      wrap("/order_states", async (request) => {
        authed(request);
        const { raw, body } = await readBody(request);
        const hashes = (body as Obj)?.orderHashes;
        if (!Array.isArray(hashes)) throw deserError(raw, "orderHashes", hashes, "a sequence");
        return HttpResponse.json(
          hashes.map((h) => {
            const o = state.orders.get(String(h).toLowerCase() as Hex);
            // camelCase executions, as the official client reads them; the variant answers in
            // the legacy snake_case some servers still send.
            return o
              ? stateJson(refresh(state, o, now()), ctx.dialect.pick<"camel" | "snake">("camel", "snake"), {
                  variant: ctx.dialect.variant,
                })
              : { hash: h, status: "Unknown", execution: [] };
          }),
        );
      }),
    ),

    http.get(
      url("/orders"),
      wrap("/orders", async (request) => {
        const owner = authed(request);
        const params = new URL(request.url).searchParams;
        for (const key of ["hash", "status", "cursor", "limit"]) {
          if (params.getAll(key).length > 1) {
            throw new SimError(
              400,
              "INPUT_VALIDATION_ERROR",
              `Failed to deserialize query string: duplicate field \`${key}\``,
            );
          }
        }
        const split = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
        return HttpResponse.json(
          listOrders(owner, {
            hashes: split(params.get("hash")),
            statuses: split(params.get("status")),
            cursor: params.get("cursor") ?? "",
            limit: params.has("limit") ? Number(params.get("limit")) : 50,
          }),
        );
      }),
    ),

    http.post(
      url("/order_fees"),
      wrap("/order_fees", async (request) => {
        const { raw, body } = await readBody(request);
        const order = parseRestOrder(raw, body, "");
        return HttpResponse.json(`0x${feeFor(state, order).toString(16)}`);
      }),
    ),

    http.post(
      url("/add_liquidity"),
      wrap("/add_liquidity", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const b = obj(raw, body);
        const hash = await acceptLiquidity(state, now(), owner, parseLiquidity(state, raw, b, "add"), b);
        return HttpResponse.json({ intentHash: hash });
      }),
    ),

    http.post(
      url("/remove_liquidity"),
      wrap("/remove_liquidity", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const b = obj(raw, body);
        const hash = await acceptLiquidity(state, now(), owner, parseLiquidity(state, raw, b, "remove"), b);
        return HttpResponse.json({ intentHash: hash });
      }),
    ),

    http.post(
      url("/liquidity_intent_states"),
      wrap("/liquidity_intent_states", async (request) => {
        authed(request);
        const { raw, body } = await readBody(request);
        return HttpResponse.json(liquidityStates((body as Obj)?.intentHashes, raw));
      }),
    ),

    // ── Stateless EIP-712 mode ──
    http.post(
      E("/add_order"),
      wrap("/eip712/add_order", async (request) => {
        let parsed: ReturnType<typeof parseAdd> | undefined;
        const { signer } = await envelope(request, "AddOrder", (p, r) => {
          parsed = parseAdd(r, p, "payload", true);
          return signedOrderMessage(parsed.order);
        });
        const { order, permit, annotations } = parsed!;
        const stored = await acceptOrder(state, now(), signer, order, permit, annotations);
        return HttpResponse.json({ orderHash: stored.hash });
      }),
    ),
    http.post(
      E("/add_orders"),
      // A bare array of AddOrder envelopes, each with its own nonce (there is no batch type).
      wrap("/eip712/add_orders", async (request) => {
        const { raw, body } = await readBody(request);
        if (!Array.isArray(body)) throw deserError(raw, "body", body, "a sequence");
        // Refused before any envelope is verified (no signature recovered, no nonce spent).
        if (body.length > MAX_ORDERS_IN_PAYLOAD) {
          throw new SimError(
            400,
            "MAX_ORDERS_IN_PAYLOAD",
            `at most ${MAX_ORDERS_IN_PAYLOAD} orders per request`,
          );
        }
        const items: (() => Promise<SimOrder>)[] = [];
        for (const [i, item] of body.entries()) {
          let parsed: ReturnType<typeof parseAdd> | undefined;
          const { signer } = await verifyEnvelope(
            raw,
            item,
            `[${i}]`,
            "AddOrder",
            (p) => {
              parsed = parseAdd(raw, p, `[${i}].payload`, true);
              return signedOrderMessage(parsed.order);
            },
            publicBase(request),
          );
          const { order, permit, annotations } = parsed!;
          items.push(() => acceptOrder(state, now(), signer, order, permit, annotations));
        }
        return HttpResponse.json(await addMany(items));
      }),
    ),
    http.post(
      E("/cancel_order"),
      wrap("/eip712/cancel_order", async (request) => {
        const { signer, payload, raw } = await envelope(request, "CancelOrder", (p) => ({
          orderHash: p.orderHash,
        }));
        return HttpResponse.json(cancel(signer, payload, raw));
      }),
    ),
    http.post(
      E("/orders"),
      wrap("/eip712/orders", async (request) => {
        const { signer, payload } = await envelope(request, "QueryOrders", (p) => ({
          hashes: p.hashes,
          statuses: p.statuses,
          cursor: p.cursor,
          limit: BigInt(p.limit as number),
        }));
        return HttpResponse.json(
          listOrders(signer, {
            hashes: (payload.hashes as string[]) ?? [],
            statuses: (payload.statuses as string[]) ?? [],
            cursor: (payload.cursor as string) ?? "",
            limit: payload.limit as number,
          }),
        );
      }),
    ),
    http.post(
      E("/liquidity_intents"),
      wrap("/eip712/liquidity_intents", async (request) => {
        const { payload, raw } = await envelope(request, "QueryLiquidityIntents", (p) => ({
          hashes: p.hashes,
        }));
        return HttpResponse.json(liquidityStates(payload.hashes, raw));
      }),
    ),
    http.post(
      E("/add_liquidity"),
      wrap("/eip712/add_liquidity", (request) => liquidityEnvelope(request, "add")),
    ),
    http.post(
      E("/remove_liquidity"),
      wrap("/eip712/remove_liquidity", (request) => liquidityEnvelope(request, "remove")),
    ),
  ];
}
