import { BodyCheck, isRecord, readJson } from "./fastapi.js";

/**
 * A JSON body ready to check field by field (`BodyCheck`; a body that is not an object checks as
 * `{}`, so its required fields are reported missing), or the 422 `json_invalid` answer.
 */
export async function readBody(request: Request): Promise<BodyCheck | Response> {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  return new BodyCheck(isRecord(body) ? body : {});
}
