import * as z from "zod/mini";
import { lazy, type Schema } from "../../core/schema.js";
import { maybe } from "./common.js";

export interface TokenResponse {
  access_token: string;
  refresh_token?: string | null | undefined;
  /** Seconds. */
  expires_in?: number | null | undefined;
  [key: string]: unknown;
}

export const tokenResponseSchema = lazy(
  () =>
    z.looseObject({
      access_token: z.string(),
      refresh_token: maybe(z.string()),
      expires_in: maybe(z.number()),
    }) as unknown as Schema<TokenResponse>,
);
