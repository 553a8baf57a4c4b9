import { decodeJwt } from "jose";
import type { SessionEndpoints, TokenPair } from "../auth/types.js";
import { InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Paginator } from "../core/pagination.js";
import { registerSecret } from "../core/redact.js";
import { type SecretRecord, secretRecord } from "../core/secret.js";
import { checkId, checkString, type ListOptions, paginate } from "./internal.js";
import { MAX_PAGE_SIZE, routes } from "./routes.js";
import {
  type CreatedPat,
  createdPatSchema,
  type LoginResponse,
  loginSchema,
  type Me,
  meSchema,
  type Pat,
  patSchema,
} from "./schemas.js";

/** The `/auth/login` and `/auth/refresh` calls `jwtSession` uses (made without credentials). */
export function sessionEndpoints(http: HttpClient): SessionEndpoints {
  return {
    login: async ({ email, password }) =>
      toPair(
        await http.json(routes.login, {
          json: { email, password },
          schema: loginSchema(),
          auth: false,
          sensitive: true,
        }),
      ),
    refresh: async (refreshToken) =>
      toPair(
        await http.json(routes.refresh, {
          json: { refresh_token: refreshToken },
          schema: loginSchema(),
          auth: false,
          sensitive: true,
        }),
      ),
  };
}

/** `{access_token, refresh_token, expires_in}` → TokenPair (expiry from the JWT's `exp`, else `expires_in`). */
export function toPair(response: LoginResponse): TokenPair {
  registerSecret(response.access_token);
  if (response.refresh_token) registerSecret(response.refresh_token);
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? undefined,
    expiresAt: expiryOf(response.access_token, response.expires_in),
  };
}

function expiryOf(token: string, expiresIn: number | null): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === "number") return exp * 1000;
  } catch {
    /* opaque token: fall back to expires_in */
  }
  return expiresIn != null ? Date.now() + expiresIn * 1000 : undefined;
}

/** What `auth.pats.create` sends. */
export interface CreatePatInput {
  name: string;
  /** When the token stops working; `null`/absent = never. */
  expiresAt?: Date | string | null;
}

/** Sessions, the current user and personal access tokens (`tx.auth`). */
export class AuthResource {
  readonly #http: HttpClient;
  readonly #endpoints: SessionEndpoints;
  constructor(http: HttpClient) {
    this.#http = http;
    this.#endpoints = sessionEndpoints(http);
  }

  /**
   * Email + password login (no credentials needed). The pair prints redacted; hand it to
   * `jwtSession({ accessToken, refreshToken })` or persist it via `.reveal()`.
   */
  async login(email: string, password: string): Promise<SecretRecord<TokenPair>> {
    checkString(email, "email", 320);
    checkString(password, "password", 1024);
    registerSecret(password, { pin: true });
    return secretRecord(await this.#endpoints.login({ email, password }), "tokens");
  }

  /** Exchange a refresh token for a new pair. Refresh tokens rotate: keep the newest one. */
  async refresh(refreshToken: string): Promise<SecretRecord<TokenPair>> {
    checkString(refreshToken, "refreshToken", 8192);
    return secretRecord(await this.#endpoints.refresh(refreshToken), "tokens");
  }

  /** The signed-in user: role, verification, plan. */
  async me(options?: RequestOptions): Promise<Me> {
    return this.#http.json(routes.me, { schema: meSchema(), options });
  }

  /** Personal access tokens (usable as `bearer(token)`). */
  readonly pats = {
    /** Your personal access tokens (metadata only), across pages. */
    list: (list?: ListOptions, options?: RequestOptions): Paginator<Pat, number> =>
      paginate(this.#http, routes.listPats, patSchema, {
        list,
        maxPageSize: MAX_PAGE_SIZE.pats,
        options,
      }),
    /** The token is in the answer this once; printing the result redacts it. */
    create: async (input: CreatePatInput, options?: RequestOptions): Promise<CreatedPat> => {
      const name = checkString(input?.name, "name", 200);
      const expires = input.expiresAt;
      let expiresAt: string | null = null;
      if (expires !== undefined && expires !== null) {
        const date = expires instanceof Date ? expires : new Date(expires);
        if (Number.isNaN(date.getTime())) throw new InputValidationError("expiresAt", "must be a date");
        expiresAt = date.toISOString();
      }
      const pat = await this.#http.json(routes.createPat, {
        json: { name, expires_at: expiresAt },
        schema: createdPatSchema(),
        options,
      });
      return hideToken(pat);
    },
    /** Revoke a personal access token: it stops working at once. */
    revoke: async (id: string, options?: RequestOptions): Promise<void> =>
      this.#http.void(routes.revokePat, { params: { id: checkId(id, "id") }, options }),
  };
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
