import type { FieldIssue } from "./errors.js";
import { isRecord } from "./is-record.js";
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
// A 422 listing a million problems keeps the first ones: enough for any message or handler.
const MAX_ISSUES = 100;

/**
 * Understands every error shape the four providers use: FastAPI `{detail}` (string, object, or
 * a list of `{loc, msg, type}`), the exchange's `{code, message, inner}`, Laravel
 * `{message, errors}`, plain text, and HTML (login pages), without ever throwing.
 */
export function summarizeErrorBody(rawBody: string, contentType: string | null): ErrorBodySummary {
  const text = rawBody.trim();
  if (text === "") return { body: "", detail: "(empty body)" };
  if (isHtml(text, contentType)) {
    const title = htmlTitle(text);
    return { body: rawBody, detail: `HTML response${title ? ` ("${clip(title, 120)}")` : ""}` };
  }
  let json: unknown;
  try {
    // Too deep or malformed: summarised as the text it is (parseJson bounds the depth).
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
    const issues: FieldIssue[] = detail
      .slice(0, MAX_ISSUES * 4)
      .filter(isRecord)
      .slice(0, MAX_ISSUES)
      .map((item) => ({
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
  return Object.entries(errors)
    .slice(0, MAX_ISSUES)
    .flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages.slice(0, MAX_ISSUES) : [messages]).map((msg) => ({
        loc: field.split("."),
        msg: typeof msg === "string" ? msg : String(JSON.stringify(msg)),
      })),
    )
    .slice(0, MAX_ISSUES);
}

function formatIssue(issue: FieldIssue): string {
  return issue.loc.length > 0 ? `${issue.loc.join(".")}: ${issue.msg}` : issue.msg;
}

// A title sits in the head: look only there, with bounded runs, so a page of `<title<title…`
// costs a bounded amount per candidate instead of a scan to the end of the body for each.
const TITLE_WINDOW = 16 * 1024;
const TITLE = /<title\b[^>]{0,256}>([^<]{0,1024})<\/title>/i;

function htmlTitle(text: string): string | undefined {
  return TITLE.exec(text.slice(0, TITLE_WINDOW))?.[1]?.trim();
}

function isHtml(text: string, contentType: string | null): boolean {
  if (contentType?.toLowerCase().includes("text/html")) return true;
  return /^<(!doctype html|html[\s>])/i.test(text);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
