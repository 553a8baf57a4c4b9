import { http } from "msw";
import { detail } from "../../kit/fastapi.js";
import { inferenceEvents } from "../inference.js";
import type { LyceumRoutes } from "./index.js";

/** `GET /inference/streaming/stream/{id}`: an inference queued with `sim.providers.lyceum.submitInference`. */
export function inferenceHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/inference/streaming/stream/:id`,
      authed(({ params, request }, caller) => {
        const inference = env.state.inferences.get(String(params.id));
        if (!inference || (inference.org !== null && inference.org !== caller.org))
          return detail(404, "Inference not found");
        return inferenceEvents(env, inference, request.signal);
      }),
    ),
  ];
}
