import * as z from "zod/mini";
import { lazy, shaped } from "../../core/schema.js";
import { idString, listOf, maybe } from "./common.js";

/** One chat message (OpenAI shape). */
export interface ChatMessage {
  role: string;
  content: string | unknown[] | null;
  [key: string]: unknown;
}

/** What a chat completion and each streamed chunk share. */
export interface ChatCompletionBase<Choice> {
  id?: string | null | undefined;
  model?: string | null | undefined;
  choices: (Choice & {
    index?: number | null | undefined;
    finish_reason?: string | null | undefined;
    [key: string]: unknown;
  })[];
  [key: string]: unknown;
}

/** An OpenAI-compatible chat completion: only `choices` is relied on. */
export interface ChatCompletion
  extends ChatCompletionBase<{
    /** The answer: `content` is usually text. */
    message?: { role: string; content?: unknown; [key: string]: unknown } | null | undefined;
  }> {
  usage?: Record<string, unknown> | null | undefined;
}

/** One streamed chunk: `choices[].delta` carries the new text. */
export type ChatCompletionChunk = ChatCompletionBase<{
  delta?: { role?: string | null; content?: string | null; [key: string]: unknown } | null | undefined;
}>;

/** A model the chat endpoint serves (`lyceum/router`, a deployment id…). */
export interface ChatModel {
  id: string;
  owned_by?: string | null | undefined;
  [key: string]: unknown;
}

/** A completion or a chunk: `id`, `model` and the choices, each with what `choice` adds. */
const completionOf = <T extends z.core.$ZodLooseShape>(choice: T) =>
  z.looseObject({
    id: maybe(idString()),
    model: maybe(z.string()),
    choices: z._default(
      z.array(z.looseObject({ index: maybe(z.number()), finish_reason: maybe(z.string()), ...choice })),
      [],
    ),
  });

/** @internal The response schema behind the type of the same name (validation only). */
export const chatCompletionSchema = lazy(() =>
  shaped<ChatCompletion>()(
    z.extend(
      completionOf({
        message: maybe(
          z.looseObject({ role: z._default(z.string(), "assistant"), content: maybe(z.unknown()) }),
        ),
      }),
      { usage: maybe(z.record(z.string(), z.unknown())) },
    ),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const chatChunkSchema = lazy(() =>
  shaped<ChatCompletionChunk>()(
    completionOf({ delta: maybe(z.looseObject({ role: maybe(z.string()), content: maybe(z.string()) })) }),
  ),
);

/** @internal The response schema behind the type of the same name (validation only). */
export const chatModelsSchema = lazy(() =>
  shaped<ChatModel[]>()(
    listOf(z.looseObject({ id: idString(), owned_by: maybe(z.string()) }), "data", "models"),
  ),
);
