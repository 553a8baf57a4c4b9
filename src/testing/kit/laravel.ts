import { HttpResponse } from "msw";

/**
 * Laravel conventions for simulated APIs (TurboStack): `{message}` errors, 422 `errors` per
 * field, and the browser login redirect for requests that do not ask for JSON.
 */

export const unauthenticated = () => HttpResponse.json({ message: "Unauthenticated." }, { status: 401 });

export const forbidden = () =>
  HttpResponse.json({ message: "This action is unauthorized." }, { status: 403 });

/** Route-model binding's 404 for a missing record. */
export const notFound = (model: string, id: string) =>
  HttpResponse.json({ message: `No query results for model [App\\Models\\${model}] ${id}` }, { status: 404 });

/** A 422 naming one field. */
export const invalid = (field: string, msg: string) =>
  HttpResponse.json({ message: msg, errors: { [field]: [msg] } }, { status: 422 });

/** What Laravel's auth middleware answers a request that does not ask for JSON: a login redirect. */
export function loginRedirect(base: string, page: string): Response {
  return new HttpResponse(page, {
    status: 302,
    headers: { location: `${base}/login`, "content-type": "text/html; charset=UTF-8" },
  });
}
