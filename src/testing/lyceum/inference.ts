import { clockedSse, sseEvent } from "./sse.js";
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

/** An inference's stream: `queued` (with its queue position) at once, then `finished` or `failed` when due. */
export function inferenceEvents(env: SimEnv, inference: SimInference, signal: AbortSignal): Response {
  const position = [...env.state.inferences.values()].filter(
    (i) => i.finishAt > env.now() && i.createdAt < inference.createdAt,
  ).length;
  const queued = sseEvent({ inference_id: inference.id, status: "queued", position }, "queued");
  return clockedSse(
    signal,
    (out) => {
      if (env.now() < inference.finishAt) return;
      if (inference.error !== undefined)
        out.write(
          sseEvent({ inference_id: inference.id, status: "failed", error: inference.error }, "failed"),
        );
      else
        out.write(
          sseEvent({ inference_id: inference.id, status: "finished", result: inference.result }, "finished"),
        );
      out.close();
    },
    queued,
  );
}
