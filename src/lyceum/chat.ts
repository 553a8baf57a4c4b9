import { ConnectionError, InputValidationError, ResponseValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { parseJson } from "../core/json.js";
import type { Paginator } from "../core/pagination.js";
import { parseResponse } from "../core/schema.js";
import { readSse } from "../core/sse.js";
import { onePage } from "./catalog.js";
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
import * as v from "./validate.js";

/** What `chat.create` / `chat.stream` send (OpenAI's body; other fields pass through as given). */
export interface ChatInput {
  /** A dedicated deployment's `deployment_id`, or a serverless model (`lyceum/router`, …). */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

/**
 * OpenAI-compatible chat completions: against a dedicated deployment (`model` = its
 * `deployment_id`) or the serverless router (`lyceum/router`, `lyceum/simple`, `lyceum/complex`,
 * `lyceum/reasoning`). Never retried (each call is billed).
 */
export class ChatResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** One completion, not streamed. */
  async create(input: ChatInput, options?: RequestOptions): Promise<ChatCompletion> {
    const body = chatBody(input, false);
    return this.#http.json(routes.chatCompletions, { json: body, schema: chatCompletionSchema(), options });
  }

  /**
   * A streamed completion as typed chunks (`chunk.choices[0].delta.content`), until the server's
   * `[DONE]`. The connection closes however the loop ends; a stream silent for `idleTimeoutMs`
   * (default 5 minutes) ends with `StreamIdleError`.
   */
  async *stream(
    input: ChatInput,
    options: RequestOptions & { idleTimeoutMs?: number } = {},
  ): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    const { idleTimeoutMs = DEFAULT_STREAM_IDLE_TIMEOUT_MS, ...request } = options ?? {};
    checkIdleTimeout(idleTimeoutMs);
    const body = chatBody(input, true);
    const response = await this.#http.stream(routes.chatCompletions, {
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
  }

  /** The models the chat endpoint serves (`GET /models`). */
  models(options?: RequestOptions): Paginator<ChatModel, number> {
    return onePage(options, () => this.#http.json(routes.models, { schema: chatModelsSchema(), options }));
  }
}

function chatBody(input: ChatInput, stream: boolean): Record<string, unknown> {
  v.requireObject(input, "input");
  const model = v.requireString(input.model, "model");
  if (!Array.isArray(input.messages) || input.messages.length === 0)
    throw new InputValidationError("messages", "must be a non-empty array");
  input.messages.forEach((m, i) => {
    if (typeof m !== "object" || m === null)
      throw new InputValidationError(`messages[${i}]`, "must be an object");
    v.requireString(m.role, `messages[${i}].role`);
  });
  if ("stream" in input && input.stream !== undefined && input.stream !== stream)
    throw new InputValidationError(
      "stream",
      stream ? "chat.stream always streams" : "use chat.stream to stream",
    );
  return { ...input, model, stream };
}
