import type { APIPromise } from "../core/api-promise.js";
import { requireObject, requireString } from "../core/args.js";
import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import {
  AbortedError,
  ConnectionError,
  InputValidationError,
  ResponseValidationError,
} from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { parseJson } from "../core/json.js";
import type { Paginator } from "../core/pagination.js";
import { parseResponse } from "../core/schema.js";
import { readSse } from "../core/sse.js";
import { httpOf, onePage, operation } from "./internal.js";
import { routes } from "./routes.js";
import { checkIdleTimeout, DEFAULT_STREAM_IDLE_TIMEOUT_MS } from "./run-stream.js";
import {
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatMessage,
  type ChatModel,
  chatChunkSchema,
  chatCompletionSchema,
  chatModelsSchema,
} from "./schemas/chat.js";

/** What `chat.create` / `chat.stream` send (OpenAI's body; other fields pass through as given). */
export interface ChatInput {
  /** A dedicated deployment's `deployment_id`, or a serverless model (`lyceum/router`, …). */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

/** One chat completion, not streamed. Never retried (each call is billed). */
export function createChatCompletion(
  core: ClientCore,
  input: ChatInput,
  options?: RequestOptions,
): APIPromise<ChatCompletion> {
  return operation(core, options, (http, options) =>
    http.json(routes.chat.create, { json: chatBody(input, false), schema: chatCompletionSchema(), options }),
  );
}

/**
 * A streamed completion as typed chunks (`chunk.choices[0].delta.content`), until the server's
 * `[DONE]`. The connection closes however the loop ends; a stream silent for `idleTimeoutMs`
 * (default 5 minutes) ends with `StreamIdleError`.
 */
export async function* streamChatCompletion(
  core: ClientCore,
  input: ChatInput,
  options: RequestOptions & { idleTimeoutMs?: number } = {},
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const { idleTimeoutMs = DEFAULT_STREAM_IDLE_TIMEOUT_MS, ...request } = options ?? {};
  checkIdleTimeout(idleTimeoutMs);
  const body = chatBody(input, true);
  const response = await httpOf(core).stream(routes.chat.create, {
    json: body,
    headers: { Accept: "text/event-stream" },
    options: request,
  });
  const describe = "Lyceum chat completion stream";
  // An empty answer is a lost stream, not a chat with nothing to say.
  if (!response.body) throw new ConnectionError(`the ${describe} had no body`);
  for await (const message of readSse(response.body, request.signal, { idleTimeoutMs })) {
    const data = message.data.trim();
    if (data === "") continue;
    if (data === "[DONE]") return;
    let raw: unknown;
    try {
      raw = parseJson(data);
    } catch {
      throw new ResponseValidationError(`Malformed JSON in the ${describe}`, data.slice(0, 2000), [
        { path: [], message: "not valid JSON" },
      ]);
    }
    yield parseResponse(chatChunkSchema(), raw, describe);
  }
  // Only `[DONE]` ends a completion: a stream that stops before it was cut off (or abandoned),
  // and must not pass for a complete answer.
  if (request.signal?.aborted) {
    throw new AbortedError(`the ${describe} was aborted`, { cause: request.signal.reason });
  }
  throw new ConnectionError(`the ${describe} ended before [DONE]: the answer is incomplete`);
}

/** The models the chat endpoint serves (`GET /models`). */
export function listChatModels(core: ClientCore, options?: RequestOptions): Paginator<ChatModel, number> {
  return onePage(options, () =>
    httpOf(core).json(routes.chat.models, { schema: chatModelsSchema(), options }),
  );
}

/**
 * OpenAI-compatible chat completions: against a dedicated deployment (`model` = its
 * `deployment_id`) or the serverless router (`lyceum/router`, `lyceum/simple`, `lyceum/complex`,
 * `lyceum/reasoning`). Never retried (each call is billed).
 */
export class ChatResource extends Resource<ClientCore> {
  /** {@inheritDoc createChatCompletion} */
  create(input: ChatInput, options?: RequestOptions) {
    return createChatCompletion(this.core, input, options);
  }
  /** {@inheritDoc streamChatCompletion} */
  stream(input: ChatInput, options?: RequestOptions & { idleTimeoutMs?: number }) {
    return streamChatCompletion(this.core, input, options);
  }
  /** {@inheritDoc listChatModels} */
  models(options?: RequestOptions) {
    return listChatModels(this.core, options);
  }
}

function chatBody(input: ChatInput, stream: boolean): Record<string, unknown> {
  requireObject(input, "input");
  const model = requireString(input.model, "model");
  if (!Array.isArray(input.messages) || input.messages.length === 0)
    throw new InputValidationError("messages", "must be a non-empty array");
  input.messages.forEach((m, i) => {
    if (typeof m !== "object" || m === null)
      throw new InputValidationError(`messages[${i}]`, "must be an object");
    requireString(m.role, `messages[${i}].role`);
  });
  if ("stream" in input && input.stream !== undefined && input.stream !== stream)
    throw new InputValidationError(
      "stream",
      stream ? "chat.stream always streams" : "use chat.stream to stream",
    );
  return { ...input, model, stream };
}
