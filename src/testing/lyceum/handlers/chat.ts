import { http } from "msw";
import { detail, isRecord, json, readJson } from "../../kit/fastapi.js";
import { deploymentStatus } from "../deployment-model.js";
import { SSE_HEADERS, sseEvent } from "../sse.js";
import type { LyceumRoutes } from "./index.js";

/** The serverless router's models (docs: /docs/inference/routing). */
export const ROUTER_MODELS = ["lyceum/router", "lyceum/simple", "lyceum/complex", "lyceum/reasoning"];

/**
 * OpenAI-compatible chat: `POST /chat/completions` (JSON, or SSE chunks then `[DONE]` with
 * `stream: true`) for the router models and the caller's running deployments; `GET /models`.
 */
export function chatHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/models`,
      authed((_args, caller) => {
        const deployments = [...caller.data.deployments.values()].map((d) => ({
          id: d.id,
          object: "model",
          owned_by: caller.org,
        }));
        const data = [
          ...ROUTER_MODELS.map((id) => ({ id, object: "model", owned_by: "lyceum" })),
          ...deployments,
        ];
        return json(env.ctx.dialect.pick<unknown>({ object: "list", data }, data));
      }),
    ),
    http.post(
      `${base}/chat/completions`,
      authed(async ({ request }, caller) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        if (!isRecord(body) || typeof body.model !== "string" || !Array.isArray(body.messages))
          return detail(400, "model and messages are required");
        const deployment = caller.data.deployments.get(body.model);
        if (!ROUTER_MODELS.includes(body.model) && !deployment)
          return detail(404, `Model '${body.model}' not found`);
        if (deployment && deploymentStatus(env, deployment).status !== "running")
          return detail(409, `Deployment ${deployment.id} is not running`);
        const last = [...body.messages].reverse().find((m) => isRecord(m) && m.role === "user");
        const prompt = isRecord(last) && typeof last.content === "string" ? last.content : "";
        const answer = `You said: ${prompt}`;
        const id = `chatcmpl-${env.id(8)}`;
        const model = body.model === "lyceum/router" ? "lyceum/simple" : body.model;
        if (body.stream !== true) {
          return json({
            id,
            object: "chat.completion",
            created: Math.floor(env.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
            usage: {
              prompt_tokens: prompt.length,
              completion_tokens: answer.length,
              total_tokens: prompt.length + answer.length,
            },
          });
        }
        const words = answer.split(/(?<= )/);
        const chunk = (delta: Record<string, unknown>, finish: string | null) =>
          sseEvent({
            id,
            object: "chat.completion.chunk",
            model,
            choices: [{ index: 0, delta, finish_reason: finish }],
          });
        const text = [
          chunk({ role: "assistant", content: "" }, null),
          ...words.map((w) => chunk({ content: w }, null)),
          chunk({}, "stop"),
          "data: [DONE]\n\n",
        ].join("");
        return new Response(text, { headers: SSE_HEADERS });
      }),
    ),
  ];
}
