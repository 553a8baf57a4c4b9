import { http } from "msw";
import { detail, intQuery, invalid, json, readUpload, tailPath } from "../../kit/fastapi.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

/** The org's bucket: list, upload (one or many), download, delete (a key or a folder), S3 credentials. */
export function storageHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/storage/list-files`,
      authed(({ request }, caller) => {
        const url = new URL(request.url);
        const max = intQuery(url, "max_files", 1000, 1, 100_000);
        const prefix = url.searchParams.get("prefix") ?? "";
        const files = [...caller.data.bucket.entries()]
          .filter(([key]) => key.startsWith(prefix))
          .sort(([a], [b]) => a.localeCompare(b))
          .slice(0, max)
          .map(([key, obj]) => ({
            key,
            size: env.ctx.dialect.pick<number | string>(obj.bytes.byteLength, String(obj.bytes.byteLength)),
            last_modified: isoTime(
              obj.lastModified,
              env.ctx.dialect.pick<"offset" | "naive">("offset", "naive"),
            ),
            ...(env.ctx.dialect.variant ? { etag: null, storage_class: "STANDARD" } : {}),
          }));
        // The CLI reads a bare JSON array; the variant wraps it (`{files, count}`).
        return json(env.ctx.dialect.pick<unknown>(files, { files, count: files.length }));
      }),
    ),
    http.post(
      `${base}/storage/upload`,
      authed(async ({ request }, caller) => {
        const upload = await readUpload(request);
        if (upload instanceof Response) return upload;
        const { form, file } = upload;
        const fieldKey = form.get("key");
        const key =
          (typeof fieldKey === "string" && fieldKey) ||
          new URL(request.url).searchParams.get("key") ||
          (file instanceof File ? file.name : "");
        if (!key) return invalid(["body", "key"], "Field required", "missing");
        const bytes = new Uint8Array(await file.arrayBuffer());
        caller.data.bucket.set(key, {
          bytes,
          contentType: file.type || "application/octet-stream",
          lastModified: env.now(),
        });
        return json({ key, size: bytes.byteLength, message: "File uploaded" });
      }),
    ),
    http.post(
      `${base}/storage/upload-bulk`,
      authed(async ({ request }, caller) => {
        const form = await request.formData().catch(() => undefined);
        const files = (form?.getAll("files") ?? []).filter((f): f is File => f instanceof File);
        const prefix = form?.get("folder_prefix");
        if (files.length === 0 || typeof prefix !== "string" || prefix === "")
          return invalid(["body", "files"], "Field required", "missing");
        const uploaded = [];
        for (const file of files) {
          const key = `${prefix.replace(/\/$/, "")}/${file.name}`;
          const bytes = new Uint8Array(await file.arrayBuffer());
          caller.data.bucket.set(key, {
            bytes,
            contentType: file.type || "application/octet-stream",
            lastModified: env.now(),
          });
          uploaded.push({ key, size: bytes.byteLength });
        }
        return json({ message: `Uploaded ${uploaded.length} files`, files: uploaded });
      }),
    ),
    http.get(
      `${base}/storage/download/*`,
      authed(({ request }, caller) => {
        const key = tailPath(request, base, "/storage/download/");
        const obj = caller.data.bucket.get(key);
        if (!obj) return detail(404, "File not found");
        const name = key.split("/").pop() ?? key;
        return new Response(obj.bytes.slice(), {
          status: 200,
          headers: {
            "content-type": obj.contentType,
            "content-length": String(obj.bytes.byteLength),
            "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
          },
        });
      }),
    ),
    http.delete(
      `${base}/storage/delete/*`,
      authed(({ request }, caller) => {
        const key = tailPath(request, base, "/storage/delete/");
        if (!caller.data.bucket.delete(key)) return detail(404, "File not found");
        return json({ message: "File deleted", key });
      }),
    ),
    http.delete(
      `${base}/storage/delete-folder/*`,
      authed(({ request }, caller) => {
        // The path names a folder, with or without its trailing slash (the official CLI sends the
        // folder as typed): `runs/2026` never reaches the sibling `runs/2026-old/`.
        const named = tailPath(request, base, "/storage/delete-folder/");
        const prefix = named.endsWith("/") ? named : `${named}/`;
        let count = 0;
        for (const key of [...caller.data.bucket.keys()]) {
          if (key.startsWith(prefix)) {
            caller.data.bucket.delete(key);
            count++;
          }
        }
        // Documented: 404 when the folder holds no files.
        if (count === 0) return detail(404, `No files found in folder '${named}'`);
        return json({ message: `Deleted ${count} files`, deleted_count: count, prefix });
      }),
    ),
    http.post(
      `${base}/storage/credentials`,
      authed((_args, caller) =>
        json({
          access_key: `ASIA${env.id(8).toUpperCase()}`,
          secret_key: env.id(20),
          session_token: `FwoGZXIvYXdzE${env.id(32)}`,
          endpoint: "https://s3.lyceum.technology",
          bucket_name: `lyceum-${caller.org}`,
          region: "eu-central-1",
          expires_at: isoTime(env.now() + 3_600_000),
        }),
      ),
    ),
  ];
}
