import type { LoggedRequest } from "../../src/testing/index.js";

export const BASE = "https://api.lyceum.technology/api/v2/external";
export const SSH_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1Y2V1bXRlc3RrZXlub3RyZWFsMDAwMDAwMDAw ada@laptop";

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** `METHOD /path` per logged request, the path relative to the Lyceum API base. */
export function pathsOf(requests: readonly Pick<LoggedRequest, "method" | "url">[]): string[] {
  return requests.map((r) => `${r.method} ${new URL(r.url).pathname.replace("/api/v2/external", "")}`);
}

/** A logged multipart request's form fields (the log keeps the body as text). */
export function formOf(request: LoggedRequest): Promise<FormData> {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  }).formData();
}
