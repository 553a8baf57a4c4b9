import { http } from "msw";
import { chunkedStream } from "../../kit/download.js";
import { detail, json, readUpload } from "../../kit/fastapi.js";
import { epoch, storeFile } from "../batch-model.js";
import type { SimFile } from "../state.js";
import type { LyceumRoutes } from "./index.js";

/** Batch input files: upload (multipart), and content (streamed in `fileChunkBytes` chunks). */
export function fileHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.post(
      `${base}/files`,
      authed(async ({ request }, caller) => {
        const upload = await readUpload(request);
        if (upload instanceof Response) return upload;
        const { form, file } = upload;
        const purpose = form.get("purpose");
        const text = new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()));
        const id = storeFile(
          env,
          caller,
          file instanceof File && file.name ? file.name : "upload.jsonl",
          typeof purpose === "string" && purpose ? purpose : "batch",
          text,
        );
        const stored = caller.data.files.get(id) as SimFile;
        return json({
          id,
          object: "file",
          bytes: stored.bytes.byteLength,
          created_at: epoch(stored.createdAt),
          filename: stored.filename,
          purpose: stored.purpose,
        });
      }),
    ),
    http.get(
      `${base}/files/:id/content`,
      authed(({ params }, caller) => {
        const file = caller.data.files.get(String(params.id));
        if (!file) return detail(404, "File not found");
        return new Response(chunkedStream(file.bytes, env.state.options.fileChunkBytes), {
          status: 200,
          headers: { "content-type": "application/jsonl", "content-length": String(file.bytes.byteLength) },
        });
      }),
    ),
  ];
}
