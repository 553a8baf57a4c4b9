import * as z from "zod/mini";
import { lazy, shaped } from "../../core/schema.js";
import { maybe } from "./common.js";

/** The tokens `/auth/login` and `/auth/refresh` return (never printed). */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string | null | undefined;
  /** Seconds. */
  expires_in?: number | null | undefined;
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const tokenResponseSchema = lazy(() =>
  shaped<TokenResponse>()(
    z.looseObject({
      access_token: z.string(),
      refresh_token: maybe(z.string()),
      expires_in: maybe(z.number()),
    }),
  ),
);

/** A login answer: tokens, or an MFA challenge (`mfa_token` set, no tokens yet). */
export interface LoginResponse {
  access_token?: string | undefined;
  refresh_token?: string | null | undefined;
  expires_in?: number | null | undefined;
  mfa_token?: string | undefined;
  mfa_methods: string[];
  [key: string]: unknown;
}

/** @internal The response schema behind the type of the same name (validation only). */
export const loginResponseSchema = lazy(() =>
  shaped<LoginResponse>()(
    z.pipe(
      z.looseObject({
        access_token: maybe(z.string()),
        refresh_token: maybe(z.string()),
        expires_in: maybe(z.number()),
        mfa_required: maybe(z.boolean()),
        mfa_token: maybe(z.string()),
        methods: maybe(z.array(z.string())),
      }),
      z.transform((raw, ctx) => {
        const needsMfa = raw.mfa_required === true || (!raw.access_token && !!raw.mfa_token);
        if (needsMfa && raw.mfa_token) {
          const { access_token: _a, ...rest } = raw;
          return { ...rest, mfa_token: raw.mfa_token, mfa_methods: raw.methods ?? [] };
        }
        if (!raw.access_token) {
          ctx.issues.push({ code: "custom", message: "expected access_token (or mfa_token)", input: raw });
          return z.NEVER;
        }
        const { mfa_token: _m, ...rest } = raw;
        return { ...rest, access_token: raw.access_token, mfa_methods: [] };
      }),
    ),
  ),
);
