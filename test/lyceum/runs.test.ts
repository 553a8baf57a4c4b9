import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  InputValidationError,
  InternalServerError,
  NotFoundError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { isTerminalRunStatus } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");

describe("runs: submissions", () => {
  it("submits a Python run with every field mapped to the wire", async () => {
    const submitted = await t.client().runs.python({
      code: 'print("hello")',
      machine: "gpu.a100",
      timeout: 120,
      requirements: ["numpy==2.1", "torch"],
      files: { "lib/util.py": "X = 1" },
      fileName: "train.py",
      priorImports: ["import os"],
      callbackUrls: ["https://example.com/hook"],
    });
    expect(submitted.status).toBe("pending");
    expect(submitted.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.streaming_url).toContain(`/execution/streaming/${submitted.execution_id}/events`);
    const body = JSON.parse(t.requests[0]!.body);
    expect(body).toEqual({
      code: 'print("hello")',
      nbcode: 0,
      execution_type: "gpu.a100",
      timeout: 120,
      requirements_content: "numpy==2.1\ntorch",
      import_files: JSON.stringify({ "lib/util.py": "X = 1" }),
      file_name: "train.py",
      prior_imports: ["import os"],
      user_callback_urls: ["https://example.com/hook"],
    });
  });

  it.each([
    [{ code: "" }, "code"],
    [{ code: "x", timeout: 0 }, "timeout"],
    [{ code: "x", timeout: 601 }, "timeout"],
    [{ code: "x", timeout: 1.5 }, "timeout"],
    [{ code: "x", machine: "gpu/h100" }, "machine"],
    [{ code: "x", files: { "../etc/passwd": "x" } }, "files.../etc/passwd"],
    [{ code: "x", callbackUrls: ["ftp://x"] }, "callbackUrls[0]"],
    [{ code: "x", requirements: [1] }, "requirements[0]"],
  ])("rejects %j before sending (field %s)", async (input, field) => {
    const error = await t
      .client()
      .runs.python(input as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe(field);
    expect(t.requests).toHaveLength(0);
  });

  it("submits a Docker run with env, registry credentials and S3 mount", async () => {
    const run = await t.client().runs.docker({
      image: "python:3.12-slim",
      command: ["sh", "-c", "echo hi"],
      env: { MODE: "train", LR: "0.1" },
      registry: { type: "basic", username: "ada", password: "s3cr3t-registry-pw" },
      machine: "cpu",
      timeout: 30,
      enableS3Mount: false,
    });
    expect(run.status).toBe("pending");
    const body = JSON.parse(t.requests[0]!.body);
    expect(body).toMatchObject({
      docker_image_ref: "python:3.12-slim",
      docker_run_cmd: ["sh", "-c", "echo hi"],
      docker_run_env: "MODE=train\nLR=0.1",
      docker_registry_credential_type: "basic",
      docker_username: "ada",
      docker_password: "s3cr3t-registry-pw",
      execution_type: "cpu",
      timeout: 30,
      enable_s3_mount: false,
    });
  });

  it("Docker from an AWS registry sends exactly the documented fields (`region`, `file_name`)", async () => {
    await t.client().runs.docker({
      image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/train:1",
      command: ["python", "train.py"],
      env: { EPOCHS: "3", LR: "0.1" },
      registry: {
        type: "aws",
        accessKeyId: "AKIAEXAMPLE",
        secretAccessKey: "aws-secret-value-2",
        sessionToken: "aws-session-token-2",
        region: "eu-central-1",
      },
      machine: "gpu.a100",
      timeout: 120,
      enableS3Mount: false,
      fileName: "train.py",
      callbackUrls: ["https://hooks.example.com/done"],
    });
    const request = t.requests[0]!;
    expect(new URL(request.url).pathname).toBe("/api/v2/external/execution/image/start");
    // docs.lyceum.technology/api-reference/docker-execution/start-docker-execution, field for field.
    expect(JSON.parse(request.body)).toEqual({
      docker_image_ref: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/train:1",
      docker_run_cmd: ["python", "train.py"],
      docker_run_env: "EPOCHS=3\nLR=0.1",
      docker_registry_credential_type: "aws",
      aws_access_key_id: "AKIAEXAMPLE",
      aws_secret_access_key: "aws-secret-value-2",
      aws_session_token: "aws-session-token-2",
      region: "eu-central-1",
      timeout: 120,
      execution_type: "gpu.a100",
      file_name: "train.py",
      enable_s3_mount: false,
      user_callback_urls: ["https://hooks.example.com/done"],
    });
  });

  it("Docker and Compose take undocumented fields only through extraBody, merged last", async () => {
    await t.client().runs.docker({
      image: "python:3.12-slim",
      command: ["python", "-V"],
      extraBody: { run_as_user: "1000:1000", s3_mount_path: "/mnt/data", priority: 2 },
    });
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      docker_image_ref: "python:3.12-slim",
      docker_run_cmd: ["python", "-V"],
      run_as_user: "1000:1000",
      s3_mount_path: "/mnt/data",
      priority: 2,
    });
    await t.client().runs.compose({ composeFile: "services: {}\n", extraBody: { job_type: "eval" } });
    expect(JSON.parse(t.requests[1]!.body)).toEqual({
      compose_file_code: "services: {}\n",
      job_type: "eval",
    });

    const refused = [
      [{ timeout: 9999 }, "extraBody.timeout"],
      [{ region: "us-west-2" }, "extraBody.region"],
      [{ docker_image_ref: "evil:latest" }, "extraBody.docker_image_ref"],
    ] as const;
    for (const [extraBody, field] of refused) {
      await expect(t.client().runs.docker({ image: "x", command: ["a"], extraBody })).rejects.toMatchObject({
        field,
      });
    }
    await expect(
      t.client().runs.compose({ composeFile: "services: {}\n", extraBody: { graceful_timeout: 1 } }),
    ).rejects.toMatchObject({ field: "extraBody.graceful_timeout" });
    for (const extraBody of [[1, 2], "run_as_user=1", new Map([["a", 1]])]) {
      await expect(
        t.client().runs.docker({ image: "x", command: ["a"], extraBody: extraBody as never }),
      ).rejects.toMatchObject({ field: "extraBody" });
    }
    expect(t.requests).toHaveLength(2);
  });

  it("validates Docker input (command, env names, registry type)", async () => {
    await expect(t.client().runs.docker({ image: "x", command: [] })).rejects.toMatchObject({
      field: "command",
    });
    await expect(
      t.client().runs.docker({ image: "x", command: ["a"], env: { "1BAD": "v" } }),
    ).rejects.toMatchObject({
      field: "env.1BAD",
    });
    await expect(
      t.client().runs.docker({ image: "x", command: ["a"], registry: { type: "gcr" } as never }),
    ).rejects.toMatchObject({ field: "registry.type" });
    await expect(t.client().runs.docker({ image: "", command: ["a"] })).rejects.toMatchObject({
      field: "image",
    });
    expect(t.requests).toHaveLength(0);
  });

  it("submits a Compose stack and an AWS-registry variant", async () => {
    const yaml = "services:\n  web:\n    image: nginx\n  worker:\n    image: busybox\n";
    const run = await t.client().runs.compose({
      composeFile: yaml,
      registry: {
        type: "aws",
        accessKeyId: "AKIAEXAMPLE",
        secretAccessKey: "aws-secret-value-1",
        region: "eu-central-1",
      },
      gracefulTimeout: 10,
      fileName: "stack.yml",
    });
    // The Compose start page's fields: the region is `aws_region` here, `graceful_timeout` is documented.
    expect(JSON.parse(t.requests[0]!.body)).toEqual({
      file_name: "stack.yml",
      compose_file_code: yaml,
      docker_registry_credential_type: "aws",
      aws_access_key_id: "AKIAEXAMPLE",
      aws_secret_access_key: "aws-secret-value-1",
      aws_region: "eu-central-1",
      graceful_timeout: 10,
    });
    await expect(t.client().runs.compose({ composeFile: yaml, gracefulTimeout: -1 })).rejects.toMatchObject({
      field: "gracefulTimeout",
    });
    t.sim.clock.advance(60_000);
    const record = await t.client().runs.get(run.execution_id);
    expect(record.stdout).toContain("Container web Started");
    expect(record.stdout).toContain("Container worker Started");
    await expect(t.client().runs.compose({ composeFile: "" })).rejects.toMatchObject({
      field: "composeFile",
    });
  });

  it("fans out a GPU selection run and refuses a machine", async () => {
    const run = await t.client().runs.gpuSelection({ code: 'print("which gpu")', timeout: 60 });
    expect(run.status).toBe("queued");
    expect(run.message).toMatch(/GPU selection/);
    expect(run.streaming_url).toBeUndefined();
    const body = JSON.parse(t.requests[0]!.body);
    expect(body).not.toHaveProperty("execution_type");
    await expect(t.client().runs.gpuSelection({ code: "x", machine: "cpu" } as never)).rejects.toMatchObject({
      field: "machine",
    });
    // The documented GPU-selection body has no callback URLs: refused, not silently dropped.
    const error = await t
      .client()
      .runs.gpuSelection({ code: "x", callbackUrls: ["https://example.com/hook"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("callbackUrls");
    expect(t.requests).toHaveLength(1);
  });

  it("keeps registry secrets out of errors and logs", async () => {
    const lines: string[] = [];
    const sink = (m: string, f?: unknown) => void lines.push(m + JSON.stringify(f ?? ""));
    const client = t.client({
      logger: { debug: sink, info: sink, warn: sink, error: sink },
      logLevel: "debug",
    });
    t.server.use(
      http.post(`${BASE}/execution/image/start`, () =>
        HttpResponse.json({ detail: "registry login failed for ada:hunter2-registry-pw" }, { status: 400 }),
      ),
    );
    const error = (await client.runs
      .docker({
        image: "ghcr.io/acme/private:1",
        command: ["run"],
        registry: { type: "basic", username: "ada", password: "hunter2-registry-pw" },
      })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("registry login failed for ada:[redacted]");
    expect(JSON.stringify(error)).not.toContain("hunter2-registry-pw");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("hunter2-registry-pw");
  });

  it("never retries a submit, even after a 500", async () => {
    let calls = 0;
    t.server.use(
      http.post(`${BASE}/execution/streaming/start`, () => {
        calls += 1;
        return HttpResponse.json({ detail: "boom" }, { status: 500 });
      }),
    );
    const error = await t
      .client()
      .runs.python({ code: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(calls).toBe(1);
  });

  it("surfaces the server's FastAPI 422 with each {loc, msg}", async () => {
    t.server.use(
      http.post(`${BASE}/execution/streaming/start`, () =>
        HttpResponse.json(
          { detail: [{ loc: ["body", "code"], msg: "Field required", type: "missing" }] },
          { status: 422 },
        ),
      ),
    );
    const error = (await t
      .client()
      .runs.python({ code: "x" })
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.issues).toEqual([{ loc: ["body", "code"], msg: "Field required", type: "missing" }]);
    expect(error.message).toContain("body.code: Field required");
  });

  it("gets a 403 for a machine type the account may not use", async () => {
    const error = await t
      .client()
      .runs.python({ code: "x", machine: "gpu.b300" })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(403);
  });
});

describe("runs: lifecycle", () => {
  it("progresses pending → running → completed with status, record, timing and list", async () => {
    const run = await t.client().runs.python({ code: 'print("a")\nprint("b")' });
    expect((await t.client().runs.status(run.execution_id)).status).toBe("pending");
    t.sim.clock.advance(2_600);
    const running = await t.client().runs.status(run.execution_id);
    expect(running.status).toBe("running");
    expect(isTerminalRunStatus(running.status)).toBe(false);
    t.sim.clock.advance(10_000);
    const done = await t.client().runs.status(run.execution_id);
    expect(done.status).toBe("completed");
    const record = await t.client().runs.get(run.execution_id);
    expect(record.stdout).toBe("a\nb\n");
    expect(record.result).toEqual({ returnCode: 0, error: null });
    expect(record.created_at).toBeInstanceOf(Date);
    const timing = await t.client().runs.timing(run.execution_id);
    expect(timing.start).toBeInstanceOf(Date);
    expect(timing.end).toBeInstanceOf(Date);
    expect(timing.duration).toBe(1.5);
    // /workloads/list lists active runs only: a finished run is gone from it.
    expect(await t.client().runs.list().toArray()).toEqual([]);
  });

  it("list() reads active runs with their hardware_profile", async () => {
    const run = await t.client().runs.python({ code: 'while True:\n  print("tick")', machine: "gpu.a100" });
    const list = await t.client().runs.list().toArray();
    expect(list.map((w) => [w.execution_id, w.status, w.hardware_profile])).toEqual([
      [run.execution_id, "pending", "gpu.a100"],
    ]);
    expect(list[0]!.created_at).toBeInstanceOf(Date);
  });

  it("list() is lazy: nothing is sent until iterated", async () => {
    const paginator = t.client().runs.list();
    expect(t.requests).toHaveLength(0);
    expect(await paginator.toArray()).toEqual([]);
    expect(pathsOf(t.requests)).toEqual(["GET /workloads/list"]);
  });

  it("fails a run that raises, with the error in its status", async () => {
    const run = await t.client().runs.python({ code: 'raise ValueError("bad input")' });
    t.sim.clock.advance(60_000);
    const status = await t.client().runs.status(run.execution_id);
    expect(status.status).toBe("failed");
    expect(status.errors).toEqual(["ValueError: bad input"]);
  });

  it("aborts a running run, then deletes it", async () => {
    const run = await t.client().runs.python({ code: "while True:\n  pass", timeout: 600 });
    t.sim.clock.advance(3_000);
    await t.client().runs.abort(run.execution_id);
    expect((await t.client().runs.status(run.execution_id)).status).toBe("aborted");
    await expect(t.client().runs.abort(run.execution_id)).rejects.toBeInstanceOf(NotFoundError);
    await t.client().runs.delete(run.execution_id);
    await expect(t.client().runs.get(run.execution_id)).rejects.toBeInstanceOf(NotFoundError);
    expect(pathsOf(t.requests)).toContain(`POST /execution/streaming/abort/${run.execution_id}`);
  });

  it("times out an endless run at its timeout", async () => {
    const run = await t.client().runs.python({ code: "while True:\n  pass", timeout: 5 });
    t.sim.clock.advance(8_000);
    expect((await t.client().runs.status(run.execution_id)).status).toBe("timeout");
  });

  it("waitFor polls until a terminal status, reporting progress", async () => {
    const run = await t.client().runs.python({ code: 'print("x")' });
    const seen: string[] = [];
    const final = await t.client().runs.waitFor(run.execution_id, {
      intervalMs: 1,
      onProgress: (s) => {
        seen.push(s.status);
        t.sim.clock.advance(700);
      },
    });
    expect(final.status).toBe("completed");
    expect(seen[0]).toBe("pending");
    expect(seen).toContain("running");
    expect(seen.at(-1)).toBe("completed");
  });

  it("waitFor keeps polling through unknown statuses", async () => {
    let calls = 0;
    t.server.use(
      http.get(`${BASE}/execution/streaming/:id/status`, () =>
        HttpResponse.json({ status: ++calls < 3 ? "warming_up" : "failed_system" }),
      ),
    );
    const final = await t.client().runs.waitFor("r1", { intervalMs: 1 });
    expect(final.status).toBe("failed_system");
    expect(calls).toBe(3);
  });

  it("rejects an empty id before sending", async () => {
    await expect(t.client().runs.status("")).rejects.toMatchObject({ field: "id" });
    expect(t.requests).toHaveLength(0);
  });
});

describe("numbers sent as text", () => {
  it("a run's duration reads as a number from numeric text; other text is a typed error, never NaN", async () => {
    t.server.use(
      http.get(`${BASE}/execution/:id/timing`, () => HttpResponse.json({ duration: "12.5" }), { once: true }),
      http.get(`${BASE}/execution/:id/timing`, () => HttpResponse.json({ duration: "abc" }), { once: true }),
    );
    expect((await t.client().runs.timing("run-1")).duration).toBe(12.5);
    const error = await t
      .client()
      .runs.timing("run-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("duration");
  });
});
