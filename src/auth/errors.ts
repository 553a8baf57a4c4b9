import { TurbokitError } from "../core/errors.js";

/**
 * The auth strategy could not produce credentials: a `bearer(() => …)` token function, a custom
 * `login`/`refresh` of `jwtSession`, or a custom strategy threw something that is not a
 * TurbokitError. `cause` is what it threw. Nothing was sent, and it is not retried: it is not a
 * network failure (it used to surface as a ConnectionError, sending people to debug the network).
 */
export class CredentialsError extends TurbokitError {
  static override readonly brandName: string = "CredentialsError";
}

/** Run an auth-strategy step; anything it throws that is not a TurbokitError becomes a CredentialsError. */
export async function credentialStep<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof TurbokitError) throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new CredentialsError(`${what}: could not get credentials: ${detail}`, { cause: error });
  }
}
