import { http } from "msw";
import { json } from "../../kit/fastapi.js";
import type { LyceumRoutes } from "./index.js";

/** `/health/ping` and `/health/version`: no auth. */
export function healthHandlers({ base, env }: LyceumRoutes) {
  return [
    http.get(`${base}/health/ping`, () =>
      json(env.ctx.dialect.pick<unknown>({ status: "ok" }, { status: "ok", pong: true })),
    ),
    http.get(`${base}/health/version`, () => json({ version: "2.4.0", api: "v2" })),
  ];
}
