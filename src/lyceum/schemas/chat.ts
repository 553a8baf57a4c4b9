import * as z from "zod/mini";
import { lazy, shaped } from "../../core/schema.js";
import { idString, listOf, maybe } from "./common.js";

/** One chat message (OpenAI shape). */
export interface ChatMessage {
  role: string;
  content: string | unknown[] | null;
  [key: string]: unknown;
}

/** An OpenAI-compatible chat completion: only `choices` is relied on. */
export interface ChatCompletion {
  id?: string | null | undefined;
  model?: string | null | undefined;
  choices: {
    index?: number | null | undefined;
    /** The answer: `content` is usually text. */
    message?: { role: string; content?: unknown; [key: string]: unknown } | null | undefined;
    finish_reason?: string | null | undefined;
    [key: string]: unknown;
  }[];
  usage?: Record<string, unknown> | null | undefined;
  [key: string]: unknown;
}

/** One streamed chunk: `choices[].delta` carries the new text. */
export interface ChatCompletionChunk {
  id?: string | null | undefined;
  model?: string | null | undefined;
  choices: {
    index?: number | null | undefined;
    delta?: { role?: string | null; content?: string | null; [key: string]: unknown } | null | undefined;
    finish_reason?: string | null | undefined;
    [key: string]: unknown;
  }[];
  [key: string]: unknown;
}

/** A model the chat endpoint serves (`lyceum/router`, a deployment id…). */
export interface ChatModel {
  id: string;
  owned_by?: string | null | undefined;
  [key: string]: unknown;
}

const choices = <T extends z.core.SomeType>(item: T) => z._default(z.array(item), []);

/** @internal The response schema behind the type of the same name (validation only). */
export const chatCompletionSchema = lazy(() =>
  shaped<ChatCompletion>()(
    z.looseObject({
      id: maybe(idString()),
      model: maybe(z.string()),
      choices: choices(
        z.looseObject({
          index: maybe(z.number()),
          message: maybe(
            z.looseObject({ role: z._default(z.string(), "assistant"), content: maybe(z.unknown()) }),
          ),
          finish_reason: maybe(z.string()),
        }),
      ),
      usage: maybe(z.record(z.string(), z.unknown())),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const chatChunkSchema = lazy(() =>
  shaped<ChatCompletionChunk>()(
    z.looseObject({
      id: maybe(idString()),
      model: maybe(z.string()),
      choices: choices(
        z.looseObject({
          index: maybe(z.number()),
          delta: maybe(z.looseObject({ role: maybe(z.string()), content: maybe(z.string()) })),
          finish_reason: maybe(z.string()),
        }),
      ),
    }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const chatModelsSchema = lazy(() =>
  shaped<ChatModel[]>()(
    listOf(z.looseObject({ id: idString(), owned_by: maybe(z.string()) }), "data", "models"),
  ),
);
