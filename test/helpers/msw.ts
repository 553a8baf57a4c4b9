import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/** An msw server for one test file: unhandled requests fail the test. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Answers `GET url` with `{ ok: true }`, counting the requests that reach it. */
export function countGets(server: ReturnType<typeof setupServer>, url: string) {
  const seen = { count: 0 };
  server.use(
    http.get(url, () => {
      seen.count++;
      return HttpResponse.json({ ok: true });
    }),
  );
  return seen;
}

/** Answers `POST url` never: the request hangs until its sender aborts it, which `seen.aborted` records. */
export function hangPost(server: ReturnType<typeof setupServer>, url: string) {
  const seen = { aborted: false };
  server.use(
    http.post(
      url,
      ({ request }) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener("abort", () => {
            seen.aborted = true;
            resolve(HttpResponse.error());
          });
        }),
    ),
  );
  return seen;
}
