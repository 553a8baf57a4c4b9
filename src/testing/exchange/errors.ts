import { json, Reject } from "../kit/index.js";

/**
 * The exchange server's own error shapes (it is neither FastAPI nor Laravel), thrown as the kit's
 * `Reject` from anywhere below a route and answered by `handle`.
 */

/** The API's JSON error: `{code, message}` (`USER_NOT_AUTHORIZED`, `ORDER_NOT_AVAILABLE`…). */
export function refusal(status: number, code: string, message: string): Reject {
  return new Reject(json({ code, message }, status));
}

/** The 400 every semantic check of the input answers with. */
export function invalidInput(message: string): Reject {
  return refusal(400, "INPUT_VALIDATION_ERROR", message);
}

/** A 4xx with a plain-text body, as axum answers a body serde could not read. */
export function plainText(status: number, text: string): Reject {
  return new Reject(new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } }));
}

/** Whether a thrown value is the API's 400: a batch leaves such an order out instead of failing. */
export function isBadRequest(error: unknown): boolean {
  return error instanceof Reject && error.response.status === 400;
}
