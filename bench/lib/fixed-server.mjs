// A plain node:http server answering fixed bodies: the baseline network peer for the HTTP
// benchmarks (not the simulator: we measure the SDK, not msw). Run as a child process so its
// CPU time does not share the client's event loop. Prints `PORT <n>` when listening.
//
// GET  /jobs/:id               a fixed TurbineX job (401 when the bearer JWT has expired)
// GET  /api/v1/hosts/:id       a fixed TurboStack host
// GET  /jobs/size_<n>/output   a generated stream of n bytes (backpressure respected)
// POST /auth/refresh           a fresh JWT pair (counted)
// GET  /__stats, POST /__reset request and refresh counters
import { createServer } from "node:http";
import { JOB } from "./bodies.mjs";
import { jwt } from "./jwt.mjs";

const HOST = JSON.stringify({
  data: {
    id: 4711,
    client_id: 12,
    active: 1,
    name: "web-01.example.org",
    json: '{"php":{"version":"8.3"},"nginx":{"gzip":true}}',
    monitoring: { cpu: 0.12, memory: 0.43 },
    created_at: "2026-01-02 10:11:12",
    updated_at: "2026-04-13 02:40:00",
  },
});
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const stats = { requests: 0, refreshes: 0, unauthorized: 0 };

function expired(authorization) {
  const token = authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const payload = token.split(".")[1];
  if (!payload) return false;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString());
    return typeof exp === "number" && exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function stream(res, total) {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": total });
  let left = total;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      const ok = res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n));
      if (!ok) return res.once("drain", pump);
    }
    res.end();
  };
  pump();
}

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/__stats") return json(res, 200, JSON.stringify(stats));
  if (url.pathname === "/__reset") {
    Object.assign(stats, { requests: 0, refreshes: 0, unauthorized: 0 });
    return json(res, 200, "{}");
  }
  stats.requests++;
  if (req.method === "POST" && url.pathname === "/auth/refresh") {
    stats.refreshes++;
    req.resume();
    const body = JSON.stringify({
      access_token: jwt(Math.floor(Date.now() / 1000) + 3600),
      refresh_token: `rt_${stats.refreshes}`,
      token_type: "bearer",
      expires_in: 3600,
    });
    return json(res, 200, body);
  }
  if (expired(req.headers.authorization)) {
    stats.unauthorized++;
    return json(res, 401, '{"detail":"token expired"}');
  }
  const output = /^\/jobs\/size_(\d+)\/output$/.exec(url.pathname);
  if (output) return stream(res, Number(output[1]));
  if (url.pathname.startsWith("/jobs/")) return json(res, 200, JOB);
  if (url.pathname.startsWith("/api/v1/hosts/")) return json(res, 200, HOST);
  json(res, 404, '{"detail":"not found"}');
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`PORT ${server.address().port}`));
process.on("disconnect", () => process.exit(0));
