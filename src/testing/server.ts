import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { Simulator } from "./simulator.js";

/** Where `startSimulatorServer` listens. */
export interface SimulatorServerOptions {
  /** Port on 127.0.0.1 (default 0 = a free one). */
  port?: number;
  host?: string;
}

/** A running simulator server. */
export interface SimulatorServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The `baseUrl` to give each provider's client. */
  readonly baseUrls: Record<string, string>;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Serve the simulator over real HTTP (msw's `getResponse` behind node:http), with permissive
 * credentialed CORS so a browser page on another localhost port can call it.
 */
export async function startSimulatorServer(
  sim: Simulator,
  options: SimulatorServerOptions = {},
): Promise<SimulatorServer> {
  const host = options.host ?? "127.0.0.1";
  let routes: ReturnType<Simulator["handlersAt"]> | undefined;

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ detail: `Simulator error: ${String(error)}` }));
      } else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const request = toRequest(req, origin);
    const response = routes ? await sim.handle(request, routes.handlers) : undefined;
    if (!response) {
      res.writeHead(404, { ...cors, "content-type": "application/json" });
      res.end(JSON.stringify({ detail: `No simulated route for ${req.method} ${req.url}` }));
      return;
    }
    if (response.type === "error") {
      req.socket.destroy();
      return;
    }
    // The simulated clock (it runs faster than the wall clock): clients that sign times, like the
    // exchange's order windows, read it to agree with the server. The simulator's only extra header.
    const headers: Record<string, string | string[]> = { ...cors, "x-sim-now": String(sim.clock.now()) };
    response.headers.forEach((value, key) => {
      if (key === "set-cookie") return;
      headers[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(response.status, headers);
    if (!response.body) {
      res.end();
      return;
    }
    // Headers go out at once, so a body that fails later is a truncated body, not a lost response.
    res.flushHeaders();
    const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
    body.on("error", () => {
      // Let what was written reach the wire, then cut the connection mid-body.
      if (res.writableLength === 0) res.destroy();
      else res.once("drain", () => res.destroy());
    });
    body.pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const origin = `http://${host}:${port}`;
  routes = sim.handlersAt(origin);

  return {
    origin,
    baseUrls: routes.baseUrls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-expose-headers":
      "x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after, retry-after-ms, x-request-id, content-length, content-disposition, x-sim-now",
    vary: "Origin",
  };
}
