import { http } from "msw";
import { authed } from "./auth.js";
import { detail } from "./http.js";
import type { SimEnv, SimInference } from "./state.js";

export interface InferenceInit {
  /** Org that may read it (default: any caller). */
  org?: string;
  /** Simulated ms in the queue before it ends (default 3000). */
  queueMs?: number;
  /** The result payload (default a chat completion). */
  result?: unknown;
  /** Makes it end with `failed` and this message. */
  error?: string;
}

/** Queue an inference whose stream the simulator serves (the submission path is not public). */
export function submitInference(env: SimEnv, init: InferenceInit = {}): string {
  const id = `inf_${env.id(8)}`;
  const now = env.now();
  const inference: SimInference = {
    id,
    org: init.org ?? null,
    createdAt: now,
    finishAt: now + (init.queueMs ?? 3_000),
  };
  if (init.error !== undefined) inference.error = init.error;
  else
    inference.result = init.result ?? {
      object: "chat.completion",
      choices: [
        { index: 0, message: { role: "assistant", content: "Hello from Lyceum." }, finish_reason: "stop" },
      ],
    };
  env.state.inferences.set(id, inference);
  return id;
}

/** `GET /inference/streaming/stream/{id}`: `queued` at once, then `finished` or `failed` when due. */
export function inferenceHandlers(base: string, env: SimEnv) {
  return [
    http.get(
      `${base}/inference/streaming/stream/:id`,
      authed(env, ({ params, request }, caller) => {
        const inference = env.state.inferences.get(String(params.id));
        if (!inference || (inference.org !== null && inference.org !== caller.org))
          return detail(404, "Inference not found");
        return sse(env, inference, request.signal);
      }),
    ),
  ];
}

function sse(env: SimEnv, inference: SimInference, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const position = [...env.state.inferences.values()].filter(
        (i) => i.finishAt > env.now() && i.createdAt < inference.createdAt,
      ).length;
      send("queued", { inference_id: inference.id, status: "queued", position });
      const tick = () => {
        if (env.now() < inference.finishAt) return;
        stop();
        if (inference.error !== undefined)
          send("failed", { inference_id: inference.id, status: "failed", error: inference.error });
        else send("finished", { inference_id: inference.id, status: "finished", result: inference.result });
        controller.close();
      };
      tick();
      if (env.now() < inference.finishAt) timer = setInterval(tick, 20);
      signal.addEventListener("abort", stop, { once: true });
    },
    cancel: stop,
  });
  return new Response(stream, {
    status: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}
