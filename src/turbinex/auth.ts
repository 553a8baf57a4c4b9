import type { TokenPair } from "../auth/types.js";
import { type APIPromise, apiPromise } from "../core/api-promise.js";
import { requireId, requireString } from "../core/args.js";
import { Resource } from "../core/client.js";
import { InputValidationError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { httpOf, type TurbineXCore } from "./client.js";
import { type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import { type CreatedPat, createdPatSchema, type Me, meSchema, type Pat, patSchema } from "./schemas.js";
import { requestTokens } from "./session.js";

/** What `auth.pats.create` sends. */
export interface CreatePatInput {
  name: string;
  /** When the token stops working; `null`/absent = never. */
  expiresAt?: Date | string | null;
}

/**
 * Email + password login (no credentials needed). The pair prints redacted; hand it to
 * `jwtSession({ accessToken, refreshToken })` or persist it via `.reveal()`.
 */
export function login(
  core: TurbineXCore,
  email: string,
  password: string,
  options?: RequestOptions,
): APIPromise<SecretRecord<TokenPair>> {
  return apiPromise(options, async (o) => {
    const http = httpOf(core);
    requireString(email, "email", 320);
    requireString(password, "password", 1024);
    registerSecret(password, { pin: true });
    return secretRecord(await requestTokens(http, routes.auth.login, { email, password }, o), "tokens");
  });
}

/** Exchange a refresh token for a new pair. Refresh tokens rotate: keep the newest one. */
export function refreshTokens(
  core: TurbineXCore,
  refreshToken: string,
  options?: RequestOptions,
): APIPromise<SecretRecord<TokenPair>> {
  return apiPromise(options, async (o) => {
    const http = httpOf(core);
    requireString(refreshToken, "refreshToken", 8192);
    const pair = await requestTokens(http, routes.auth.refresh, { refresh_token: refreshToken }, o);
    return secretRecord(pair, "tokens");
  });
}

/** The signed-in user: role, verification, plan. */
export function getMe(core: TurbineXCore, options?: RequestOptions): APIPromise<Me> {
  return apiPromise(options, (o) => httpOf(core).json(routes.auth.me, { schema: meSchema(), options: o }));
}

/** Your personal access tokens (metadata only), across pages. */
export function listPats(
  core: TurbineXCore,
  list?: ListOptions,
  options?: RequestOptions,
): Paginator<Pat, number> {
  return paginate(httpOf(core), routes.pats.list, patSchema, {
    list,
    maxPageSize: MAX_PAGE_SIZE.pats,
    options,
  });
}

/** A personal access token (usable as `bearer(token)`): in the answer this once; printing it redacts it. */
export function createPat(
  core: TurbineXCore,
  input: CreatePatInput,
  options?: RequestOptions,
): APIPromise<CreatedPat> {
  return apiPromise(options, async (o) => {
    const http = httpOf(core);
    const name = requireString(input?.name, "name", 200);
    const expires = input.expiresAt;
    let expiresAt: string | null = null;
    if (expires !== undefined && expires !== null) {
      const date = expires instanceof Date ? expires : new Date(expires);
      if (Number.isNaN(date.getTime())) throw new InputValidationError("expiresAt", "must be a date");
      expiresAt = date.toISOString();
    }
    const pat = await http.json(routes.pats.create, {
      json: { name, expires_at: expiresAt },
      schema: createdPatSchema(),
      options: o,
    });
    return hideToken(pat);
  });
}

/** Revoke a personal access token: it stops working at once. */
export function revokePat(core: TurbineXCore, id: string, options?: RequestOptions): APIPromise<void> {
  return apiPromise(options, (o) =>
    httpOf(core).void(routes.pats.revoke, { params: { id: requireId(id, "id") }, options: o }),
  );
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function hideToken(pat: CreatedPat): CreatedPat {
  registerSecret(pat.token);
  const masked = () => ({ ...pat, token: "[redacted]" });
  Object.defineProperties(pat, {
    toJSON: { value: masked, enumerable: false },
    [INSPECT]: { value: () => masked(), enumerable: false },
  });
  return pat;
}

/** Personal access tokens (`tx.auth.pats`), usable as `bearer(token)`. */
export class PatsResource extends Resource<TurbineXCore> {
  /** Your personal access tokens (metadata only), across pages. */
  list(list?: ListOptions, options?: RequestOptions): Paginator<Pat, number> {
    return listPats(this.core, list, options);
  }
  /** The token is in the answer this once; printing the result redacts it. */
  create(input: CreatePatInput, options?: RequestOptions): APIPromise<CreatedPat> {
    return createPat(this.core, input, options);
  }
  /** Revoke a personal access token: it stops working at once. */
  revoke(id: string, options?: RequestOptions): APIPromise<void> {
    return revokePat(this.core, id, options);
  }
}

/** Sessions, the current user and personal access tokens (`tx.auth`). */
export class AuthResource extends Resource<TurbineXCore> {
  /** Personal access tokens (usable as `bearer(token)`). */
  readonly pats: PatsResource;
  constructor(core: TurbineXCore) {
    super(core);
    this.pats = new PatsResource(core);
  }
  /** Email + password login (no credentials needed); the pair prints redacted. */
  login(email: string, password: string, options?: RequestOptions): APIPromise<SecretRecord<TokenPair>> {
    return login(this.core, email, password, options);
  }
  /** Exchange a refresh token for a new pair. Refresh tokens rotate: keep the newest one. */
  refresh(refreshToken: string, options?: RequestOptions): APIPromise<SecretRecord<TokenPair>> {
    return refreshTokens(this.core, refreshToken, options);
  }
  /** The signed-in user: role, verification, plan. */
  me(options?: RequestOptions): APIPromise<Me> {
    return getMe(this.core, options);
  }
}
