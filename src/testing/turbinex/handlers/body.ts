import { invalid, isRecord, Reject } from "../../kit/fastapi.js";

/**
 * TurbineX's request bodies, read the way its FastAPI models reject them: the first problem
 * found is the one 422 issue answered (thrown as `Reject`), and a text field must not be blank.
 */

/** The JSON object body. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const value = await request.json();
    if (isRecord(value)) return value;
  } catch {
    /* answered below, as for a body that is not an object */
  }
  throw new Reject(invalid(["body"], "Input should be a valid JSON object", "model_attributes_type"));
}

/** The multipart form body. */
export async function formBody(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Reject(invalid(["body"], "Expected multipart/form-data", "value_error"));
  }
}

/** The form's `file` part, or the 422 for a form without one. */
export function filePart(form: FormData): File | Response {
  const file = form.get("file");
  return file === null || typeof file === "string"
    ? invalid(["body", "file"], "Field required", "missing")
    : file;
}

/** A required, non-blank text field. */
export function requiredText(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Reject(
      invalid(
        ["body", key],
        value === undefined ? "Field required" : "Input should be a valid string",
        value === undefined ? "missing" : "string_type",
      ),
    );
  }
  return value;
}

/** A text field, or `null` when absent or not text. */
export function textOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** A number field, or `null` when absent or not a finite number. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
