// The HTTP arms shared by the latency and throughput benchmarks: the same GET of one job through
// raw fetch (the baseline), turbokit, ky alone and two peer SDKs, all against the same loopback
// server. Each peer is configured the way its README shows, with its own defaults (openai-node:
// 2 retries, its own timeout; @octokit/core: no retry plugin), pointed at our server.
import { Octokit } from "@octokit/core";
import ky from "ky";
import OpenAI from "openai";
import { bearer } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { createTurboStack } from "turbokit/turbostack";

export const TOKEN = "pat_bench_not_a_jwt";

/** Arm name → a function making one request and reading its JSON body. `raw` is the baseline. */
export function httpArms(origin, { breakdown = true } = {}) {
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
  const turbinex = createTurbineX({ baseUrl: origin, auth: bearer(TOKEN) });
  const kyAlone = ky.create({ headers, retry: 2, timeout: 60_000 });
  // openai-node's generic GET (`client.get(path)`): its whole request pipeline (headers, retries,
  // timeout, JSON read), no response validation (openai-node validates nothing).
  const openai = new OpenAI({ apiKey: TOKEN, baseURL: origin, maxRetries: 2, timeout: 60_000 });
  const octokit = new Octokit({ auth: TOKEN, baseUrl: origin });
  const arms = {
    raw: async () => (await fetch(`${origin}/jobs/job_1`, { headers })).json(),
    [ARM.sdk]: () => turbinex.jobs.get("job_1"),
    [ARM.ky]: () => kyAlone.get(`${origin}/jobs/job_1`).json(),
    [ARM.openai]: () => openai.get("/jobs/job_1"),
    [ARM.octokit]: async () => (await octokit.request("GET /jobs/{id}", { id: "job_1" })).data,
  };
  if (breakdown) {
    const turbostack = createTurboStack({ baseUrl: origin, auth: bearer(TOKEN) });
    const unvalidated = createTurbineX({ baseUrl: origin, auth: bearer(TOKEN), validate: false });
    arms[ARM.turbostack] = () => turbostack.hosts.get(4711);
    arms[ARM.unvalidated] = () => unvalidated.jobs.get("job_1");
  }
  return arms;
}

/** Arm names, as they appear in the tables. */
export const ARM = {
  sdk: "turbinex jobs.get",
  turbostack: "turbostack hosts.get",
  unvalidated: "turbinex jobs.get, validate: false",
  ky: "ky 2 alone (ky.get().json())",
  openai: "openai-node client.get()",
  octokit: "@octokit/core request()",
};

/** The peers the goals compare turbokit against (issue 13). */
export const PEERS = [ARM.openai, ARM.octokit];

/** Checks every arm answers the same job before anything is timed. */
export async function checkArms(arms) {
  for (const [name, call] of Object.entries(arms)) {
    const body = await call();
    const id = body?.id ?? body?.data?.id;
    if (id !== "job_01HZX3K9Q2M4N6P8R0T2V4X6Z8" && id !== 4711)
      throw new Error(`arm ${name}: unexpected body`);
  }
}
