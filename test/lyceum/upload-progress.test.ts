// Upload progress over a real socket: a local HTTP server on 127.0.0.1 stands in for the API (msw
// lets these requests through), so the byte counts are the ones that crossed the wire.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UploadProgress } from "../../src/core/http.js";
import { uploadStorageFile } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";

const t = useSim("lyceum");

interface Received {
  path: string;
  body: Buffer;
}

describe("storage uploads report their progress", () => {
  let local: Server;
  let origin = "";
  const received: Received[] = [];
  beforeAll(async () => {
    local = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        received.push({ path: req.url ?? "", body });
        const answer = req.url?.endsWith("/storage/upload-bulk")
          ? {
              uploaded: [
                { key: "runs/a.bin", size: 5 },
                { key: "runs/b.bin", size: 7 },
              ],
            }
          : req.url?.endsWith("/files")
            ? { id: "file-1", bytes: 26, purpose: "batch" }
            : { key: "data/weights.bin", size: 300_000 };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}/api/v2/external`;
  });
  afterAll(() => local.close());

  const client = () => {
    t.server.use(http.all(`${origin}/*`, () => passthrough()));
    return t.client({ baseUrl: origin, allowInsecureHttp: true });
  };

  it("upload: reports the bytes sent, ending at the full multipart size", async () => {
    const payload = new Uint8Array(300_000).fill(7);
    const seen: UploadProgress[] = [];
    const before = received.length;
    const result = await client().storage.upload("data/weights.bin", payload, {
      onUploadProgress: (p) => seen.push({ ...p }),
    });
    expect(result).toMatchObject({ key: "data/weights.bin", size: 300_000 });
    const sent = received[before]!;
    expect(sent.path).toBe("/api/v2/external/storage/upload");
    // The multipart body: the 300 000 file bytes plus the part headers and boundaries.
    const size = sent.body.length;
    expect(size).toBeGreaterThan(300_000);
    expect(sent.body.includes(Buffer.from(payload))).toBe(true);
    expect(seen.at(-1)).toEqual({ transferredBytes: size, totalBytes: size });
    expect(seen.every((p) => p.totalBytes === size)).toBe(true);
    const counts = seen.map((p) => p.transferredBytes);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("uploadBulk and the standalone upload report too", async () => {
    const seen: UploadProgress[] = [];
    const before = received.length;
    await client().storage.uploadBulk(
      "runs",
      [
        { name: "a.bin", body: new Uint8Array(5) },
        { name: "b.bin", body: new Uint8Array(7) },
      ],
      { onUploadProgress: (p) => seen.push({ ...p }) },
    );
    const bulkSize = received[before]!.body.length;
    expect(seen.at(-1)).toEqual({ transferredBytes: bulkSize, totalBytes: bulkSize });

    const standalone: UploadProgress[] = [];
    await uploadStorageFile(client(), "data/weights.bin", new Blob(["0123456789"]), {
      onUploadProgress: (p) => standalone.push({ ...p }),
    });
    const size = received[before + 1]!.body.length;
    expect(received[before + 1]!.body.includes(Buffer.from("0123456789"))).toBe(true);
    expect(standalone.at(-1)).toEqual({ transferredBytes: size, totalBytes: size });
  });

  it("Batch API file uploads report too", async () => {
    const seen: UploadProgress[] = [];
    const before = received.length;
    const line = '{"custom_id":"a","body":{}}';
    const file = await client().files.upload(new Blob([line]), {
      onUploadProgress: (p) => seen.push({ ...p }),
    });
    expect(file.id).toBe("file-1");
    const sent = received[before]!;
    expect(sent.path).toBe("/api/v2/external/files");
    expect(sent.body.includes(Buffer.from(line))).toBe(true);
    expect(seen.at(-1)).toEqual({ transferredBytes: sent.body.length, totalBytes: sent.body.length });
  });

  it("a progress callback that is not a function is refused before anything is sent", async () => {
    const before = received.length;
    await expect(
      client().storage.upload("data/x.bin", new Uint8Array(3), { onUploadProgress: "yes" as never }),
    ).rejects.toMatchObject({ field: "options.onUploadProgress" });
    expect(received.length).toBe(before);
  });
});
