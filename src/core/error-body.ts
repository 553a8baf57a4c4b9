import type { FieldIssue } from "./errors.js";
import { parseJson } from "./json.js";

/** What an error body says, whatever shape the provider used. */
export interface ErrorBodySummary {
  /** JSON value when the body was JSON, otherwise the text. */
  body: unknown;
  /** A one-line description for `error.message`. */
  detail: string;
  code?: string | undefined;
  issues?: FieldIssue[] | undefined;
}

const MAX_DETAIL = 500;

/**
 * Understands every error shape the four providers use: FastAPI `{detail}` (string, object, or
 * a list of `{loc, msg, type}`), the exchange's `{code, message, inner}`, Laravel
 * `{message, errors}`, plain text, and HTML (login pages), without ever throwing.
 */
export function summarizeErrorBody(rawBody: string, contentType: string | null): ErrorBodySummary {
  const text = rawBody.trim();
  if (text === "") return { body: "", detail: "(empty body)" };
  if (isHtml(text, contentType)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return { body: rawBody, detail: `HTML response${title ? ` ("${clip(title, 120)}")` : ""}` };
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch {
    return { body: rawBody, detail: clip(text, MAX_DETAIL) };
  }
  return { body: json, ...summarizeJson(json) };
}

function summarizeJson(json: unknown): Omit<ErrorBodySummary, "body"> {
  if (typeof json === "string") return { detail: clip(json, MAX_DETAIL) };
  if (!isRecord(json)) return { detail: clip(JSON.stringify(json), MAX_DETAIL) };

  if ("detail" in json) return fastApi(json.detail);

  if (typeof json.code === "string" && typeof json.message === "string") {
    const inner = Array.isArray(json.inner)
      ? json.inner
          .filter(isRecord)
          .map((i) => (i.code ? `${String(i.code)}: ${String(i.message)}` : String(i.message)))
      : [];
    const detail = inner.length > 0 ? `${json.message} (${inner.join("; ")})` : json.message;
    return { detail: clip(`${json.code}: ${detail}`, MAX_DETAIL), code: json.code };
  }

  if (typeof json.message === "string") {
    const issues = isRecord(json.errors) ? laravelIssues(json.errors) : undefined;
    const extra = issues?.length ? ` (${issues.map(formatIssue).join("; ")})` : "";
    return { detail: clip(json.message + extra, MAX_DETAIL), issues, code: stringOrUndefined(json.code) };
  }

  if (isRecord(json.error) && typeof json.error.message === "string") {
    return {
      detail: clip(json.error.message, MAX_DETAIL),
      code: stringOrUndefined(json.error.code ?? json.error.type),
    };
  }
  if (typeof json.error === "string") return { detail: clip(json.error, MAX_DETAIL) };
  return { detail: clip(JSON.stringify(json), MAX_DETAIL) };
}

function fastApi(detail: unknown): Omit<ErrorBodySummary, "body"> {
  if (typeof detail === "string") return { detail: clip(detail, MAX_DETAIL) };
  if (Array.isArray(detail)) {
    const issues: FieldIssue[] = detail.filter(isRecord).map((item) => ({
      loc: Array.isArray(item.loc)
        ? item.loc.filter((p) => typeof p === "string" || typeof p === "number")
        : [],
      msg: typeof item.msg === "string" ? item.msg : JSON.stringify(item.msg ?? item),
      type: stringOrUndefined(item.type),
    }));
    return { detail: clip(issues.map(formatIssue).join("; ") || "validation error", MAX_DETAIL), issues };
  }
  if (isRecord(detail)) {
    const message = detail.message ?? detail.msg ?? detail.detail;
    return {
      detail: clip(typeof message === "string" ? message : JSON.stringify(detail), MAX_DETAIL),
      code: stringOrUndefined(detail.code),
    };
  }
  return { detail: clip(JSON.stringify(detail), MAX_DETAIL) };
}

function laravelIssues(errors: Record<string, unknown>): FieldIssue[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((msg) => ({
      loc: field.split("."),
      msg: String(msg),
    })),
  );
}

function formatIssue(issue: FieldIssue): string {
  return issue.loc.length > 0 ? `${issue.loc.join(".")}: ${issue.msg}` : issue.msg;
}

function isHtml(text: string, contentType: string | null): boolean {
  if (contentType?.toLowerCase().includes("text/html")) return true;
  return /^<(!doctype html|html[\s>])/i.test(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
