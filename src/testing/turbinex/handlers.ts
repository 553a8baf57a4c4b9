import { type HttpHandler, http } from "msw";
import {
  detail,
  invalid,
  json,
  pageOf,
  Reject,
  rateLimit,
  readForm,
  readJson,
  requireString,
} from "./respond.js";
import {
  artifactView,
  jobOutputBytes,
  jobStatus,
  jobView,
  noteView,
  patView,
  reportStatus,
  type SimJob,
  type SimNote,
  type SimOrg,
  type SimStudy,
  type SimTurbine,
  type SimUser,
  studyView,
  type TurbineXSimState,
  turbineView,
} from "./state.js";
import type { createTokens } from "./tokens.js";
import { deliver, variantResponse } from "./variant.js";

type Tokens = ReturnType<typeof createTokens>;
type Params = Record<string, string | readonly string[] | undefined>;

interface Ctx {
  request: Request;
  url: URL;
  params: Record<string, string>;
  user: SimUser;
  org: SimOrg;
}

type Resolver<C> = (ctx: C) => Response | Promise<Response>;

const NO_CONTENT = () => new Response(null, { status: 204 });

export function buildHandlers(state: TurbineXSimState, tokens: Tokens, base: string): HttpHandler[] {
  const root = base.replace(/\/$/, "");

  function plain(params: Params): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (typeof v === "string") out[k] = v;
    return out;
  }

  function authed(fn: Resolver<Ctx>) {
    return async ({ request, params }: { request: Request; params: Params }) => {
      try {
        const header = request.headers.get("authorization");
        const token = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
        if (!token) return detail(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
        const result = await tokens.authenticate(token);
        if ("error" in result) return detail(401, result.error, { "WWW-Authenticate": "Bearer" });
        const org = state.orgs.get(result.user.org_id);
        if (!org) return detail(401, "Could not validate credentials");
        const limitHeaders = rateLimit(state, result.user);
        const response = await fn({
          request,
          url: new URL(request.url),
          params: plain(params),
          user: result.user,
          org,
        });
        for (const [k, v] of Object.entries(limitHeaders)) response.headers.set(k, v);
        return await variantResponse(state, response);
      } catch (error) {
        if (error instanceof Reject) return error.response;
        throw error;
      }
    };
  }

  function open(fn: Resolver<{ request: Request; url: URL; params: Record<string, string> }>) {
    return async ({ request, params }: { request: Request; params: Params }) => {
      try {
        return await variantResponse(
          state,
          await fn({ request, url: new URL(request.url), params: plain(params) }),
        );
      } catch (error) {
        if (error instanceof Reject) return error.response;
        throw error;
      }
    };
  }

  // ── lookups that 404 on anything the caller may not see ──
  const job = (ctx: Ctx): SimJob => {
    const found = state.jobs.get(ctx.params.id ?? "");
    if (!found || found.org_id !== ctx.org.id) throw new Reject(detail(404, "Job not found"));
    return found;
  };
  const turbine = (ctx: Ctx, id = ctx.params.id): SimTurbine => {
    const found = state.turbines.get(id ?? "");
    if (!found || (found.org_id !== null && found.org_id !== ctx.org.id)) {
      throw new Reject(detail(404, "Turbine not found"));
    }
    return found;
  };
  const study = (ctx: Ctx, id = ctx.params.id): SimStudy => {
    const found = state.studies.get(id ?? "");
    if (!found || found.org_id !== ctx.org.id) throw new Reject(detail(404, "Study not found"));
    return found;
  };
  const visibleNote = (ctx: Ctx, n: SimNote | undefined): n is SimNote =>
    n !== undefined && n.org_id === ctx.org.id && (n.visibility === "org" || n.owner_id === ctx.user.id);
  const requireVerified = (ctx: Ctx, what: string) => {
    if (!ctx.user.verified) {
      throw new Reject(
        detail(403, `Your account must be verified to ${what}. Check your inbox for the verification email.`),
      );
    }
  };
  const chargeTokens = (org: SimOrg, jobs: number) => {
    const cost = jobs * state.settings.tokensPerJob;
    if (org.token_cap !== null && org.tokens_used + cost > org.token_cap) {
      throw new Reject(
        detail(
          402,
          `Monthly token cap reached: ${org.token_cap.toLocaleString("en-US")} tokens. Upgrade your plan or wait for the next billing period.`,
        ),
      );
    }
    org.tokens_used += cost;
  };
  const nameTaken = (org: SimOrg, name: string, except?: string) => {
    for (const t of state.turbines.values()) {
      if (t.org_id === org.id && t.id !== except && t.name.toLowerCase() === name.toLowerCase()) {
        throw new Reject(detail(409, `A turbine named '${name}' already exists in this org`));
      }
    }
  };
  const zipFile = async (form: FormData): Promise<{ bytes: Uint8Array; name: string }> => {
    const file = form.get("file");
    if (file === null || typeof file === "string")
      throw new Reject(invalid(["body", "file"], "Field required", "missing"));
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new Reject(invalid(["body", "file"], "File is not a ZIP archive"));
    }
    return { bytes, name: file.name };
  };
  const sha256 = async (bytes: Uint8Array) =>
    Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
  const newJob = (ctx: Ctx, init: Partial<SimJob> & { input_sha256: string }): SimJob => {
    const fail = state.failNextJobs > 0 || /fail/i.test(init.name ?? "");
    if (state.failNextJobs > 0) state.failNextJobs--;
    const created: SimJob = {
      id: state.id("job"),
      org_id: ctx.org.id,
      user_id: ctx.user.id,
      name: null,
      created_at: state.now(),
      turbine_id: null,
      study_id: null,
      cancelled_at: null,
      fail,
      ...init,
    };
    state.jobs.set(created.id, created);
    return created;
  };
  const optionalRef = (form: FormData, key: string): string | null => {
    const value = form.get(key);
    return typeof value === "string" && value !== "" ? value : null;
  };

  const routes: HttpHandler[] = [
    // ── auth ──
    http.post(
      `${root}/auth/login`,
      open(async ({ request }) => {
        const body = await readJson(request);
        const email = requireString(body, "email") as string;
        const password = requireString(body, "password") as string;
        const user = state.userByEmail(email);
        if (!user || user.password !== password) return detail(401, "Incorrect email or password");
        return json(await tokens.issue(user));
      }),
    ),
    http.post(
      `${root}/auth/refresh`,
      open(async ({ request }) => {
        const body = await readJson(request);
        const token = requireString(body, "refresh_token") as string;
        const entry = state.refreshTokens.get(token);
        const user = entry ? state.users.get(entry.user_id) : undefined;
        if (!entry || entry.used || entry.expires_at <= state.now() || !user) {
          return detail(401, "Invalid or expired refresh token");
        }
        entry.used = true; // rotation: a refresh token works once
        return json(await tokens.issue(user));
      }),
    ),
    http.get(
      `${root}/auth/me`,
      authed(({ user, org }) =>
        json({
          id: user.id,
          email: user.email,
          org_id: org.id,
          role: user.role,
          verified: user.verified,
          plan: org.plan,
        }),
      ),
    ),
    http.get(
      `${root}/auth/pats`,
      authed(({ url, user }) =>
        json(pageOf(url, [...state.pats.values()].filter((p) => p.user_id === user.id).map(patView), 50)),
      ),
    ),
    http.post(
      `${root}/auth/pats`,
      authed(async ({ request, user }) => {
        const body = await readJson(request);
        const name = requireString(body, "name") as string;
        let expiresAt: number | null = null;
        if (body.expires_at !== undefined && body.expires_at !== null) {
          expiresAt = Date.parse(String(body.expires_at));
          if (Number.isNaN(expiresAt))
            return invalid(["body", "expires_at"], "Input should be a valid datetime", "datetime_parsing");
        }
        const pat = {
          id: state.id("pat"),
          user_id: user.id,
          name,
          token: state.opaqueToken("txp"),
          expires_at: expiresAt,
          created_at: state.now(),
        };
        state.pats.set(pat.id, pat);
        return json({ ...patView(pat), token: pat.token }, 201);
      }),
    ),
    http.delete(
      `${root}/auth/pats/:id`,
      authed(({ params, user }) => {
        const pat = state.pats.get(params.id ?? "");
        if (!pat || pat.user_id !== user.id) return detail(404, "Token not found");
        state.pats.delete(pat.id);
        return NO_CONTENT();
      }),
    ),

    // ── jobs ──
    http.get(
      `${root}/jobs`,
      authed((ctx) => {
        const status = ctx.url.searchParams.get("status");
        const studyId = ctx.url.searchParams.get("study_id");
        const all = [...state.jobs.values()]
          .filter((j) => j.org_id === ctx.org.id)
          .filter((j) => !studyId || j.study_id === studyId)
          .filter((j) => !status || jobStatus(state, j).status === status)
          .reverse()
          .sort((a, b) => b.created_at - a.created_at)
          .map((j) => jobView(state, j));
        return json(pageOf(ctx.url, all, 100));
      }),
    ),
    http.post(
      `${root}/jobs`,
      authed(async (ctx) => {
        const form = await readForm(ctx.request);
        const { bytes } = await zipFile(form);
        const turbineId = optionalRef(form, "turbine_id");
        const studyId = optionalRef(form, "study_id");
        if (turbineId) turbine(ctx, turbineId);
        if (studyId) study(ctx, studyId);
        chargeTokens(ctx.org, 1);
        const created = newJob(ctx, {
          name: optionalRef(form, "name"),
          input_sha256: await sha256(bytes),
          turbine_id: turbineId,
          study_id: studyId,
        });
        return json(jobView(state, created), 201);
      }),
    ),
    http.get(
      `${root}/jobs/:id`,
      authed((ctx) => json(jobView(state, job(ctx)))),
    ),
    http.post(
      `${root}/jobs/:id/cancel`,
      authed((ctx) => {
        const found = job(ctx);
        const { status } = jobStatus(state, found);
        if (status !== "queued" && status !== "running") {
          return detail(409, `Job ${found.id} is already ${status} and cannot be cancelled`);
        }
        found.cancelled_at = state.now();
        return json(jobView(state, found));
      }),
    ),
    http.get(
      `${root}/jobs/:id/output`,
      authed((ctx) => {
        const found = job(ctx);
        const { status } = jobStatus(state, found);
        if (status !== "succeeded") return detail(409, `Job output is not available (status: ${status})`);
        return deliver(
          state,
          jobOutputBytes(found.id, state.settings.outputBytes),
          "application/zip",
          `${found.id}-output.zip`,
        );
      }),
    ),
    http.post(
      `${root}/parametric`,
      authed(async (ctx) => {
        requireVerified(ctx, "submit parametric sweeps");
        const form = await readForm(ctx.request);
        const { bytes } = await zipFile(form);
        const raw = form.get("parameters");
        let parameters: { name: string; values: unknown[] }[];
        try {
          parameters = JSON.parse(typeof raw === "string" ? raw : "");
          if (
            !Array.isArray(parameters) ||
            parameters.length === 0 ||
            !parameters.every(
              (p) => typeof p?.name === "string" && Array.isArray(p.values) && p.values.length > 0,
            )
          ) {
            throw new Error("shape");
          }
        } catch {
          return invalid(["body", "parameters"], "parameters must be a JSON list of {name, values[]}");
        }
        let combos: Record<string, unknown>[] = [{}];
        for (const p of parameters)
          combos = combos.flatMap((c) => p.values.map((v) => ({ ...c, [p.name]: v })));
        chargeTokens(ctx.org, combos.length);
        const hash = await sha256(bytes);
        const jobIds = combos.map(
          (c) =>
            newJob(ctx, {
              name: `sweep ${Object.entries(c)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(", ")}`,
              input_sha256: hash,
            }).id,
        );
        return json({ id: state.id("swp"), job_ids: jobIds }, 201);
      }),
    ),

    // ── turbines ──
    http.get(
      `${root}/turbines`,
      authed((ctx) => {
        const all = [...state.turbines.values()].filter((t) => t.org_id === null || t.org_id === ctx.org.id);
        return json(pageOf(ctx.url, all.map(turbineView), 100));
      }),
    ),
    http.post(
      `${root}/turbines`,
      authed(async (ctx) => {
        requireVerified(ctx, "create custom turbines");
        const body = await readJson(ctx.request);
        const name = requireString(body, "name") as string;
        nameTaken(ctx.org, name);
        const t: SimTurbine = {
          id: state.id("trb"),
          org_id: ctx.org.id,
          name,
          kind: "custom",
          demo_derived: false,
          rated_power_kw: num(body.rated_power_kw),
          rotor_diameter_m: num(body.rotor_diameter_m),
          hub_height_m: num(body.hub_height_m),
          config: isRecord(body.config) ? body.config : {},
          created_at: state.now(),
          updated_at: state.now(),
        };
        state.turbines.set(t.id, t);
        return json(turbineView(t), 201);
      }),
    ),
    http.get(
      `${root}/turbines/:id`,
      authed((ctx) => json(turbineView(turbine(ctx)))),
    ),
    http.put(
      `${root}/turbines/:id`,
      authed(async (ctx) => {
        const t = turbine(ctx);
        if (t.demo_derived) {
          return detail(
            403,
            "Demo-derived turbines are read-only. Clone the demo turbine and edit the copy.",
          );
        }
        const body = await readJson(ctx.request);
        if (body.name !== undefined) {
          const name = requireString(body, "name") as string;
          nameTaken(ctx.org, name, t.id);
          t.name = name;
        }
        for (const key of ["rated_power_kw", "rotor_diameter_m", "hub_height_m"] as const) {
          if (body[key] !== undefined) t[key] = num(body[key]);
        }
        if (isRecord(body.config)) t.config = body.config;
        t.updated_at = state.now();
        return json(turbineView(t));
      }),
    ),
    http.delete(
      `${root}/turbines/:id`,
      authed((ctx) => {
        const t = turbine(ctx);
        if (t.demo_derived) {
          return detail(
            403,
            "Demo-derived turbines are read-only. Clone the demo turbine and edit the copy.",
          );
        }
        state.turbines.delete(t.id);
        return NO_CONTENT();
      }),
    ),
    http.post(
      `${root}/turbines/:id/clone`,
      authed(async (ctx) => {
        const source = turbine(ctx);
        const body = await readJson(ctx.request);
        const name = requireString(body, "name") as string;
        nameTaken(ctx.org, name);
        const t: SimTurbine = {
          ...source,
          id: state.id("trb"),
          org_id: ctx.org.id,
          name,
          kind: "custom",
          demo_derived: false,
          config: structuredClone(source.config),
          created_at: state.now(),
          updated_at: state.now(),
        };
        state.turbines.set(t.id, t);
        return json(turbineView(t), 201);
      }),
    ),

    // ── studies, sharing, artifacts, reports ──
    http.get(
      `${root}/studies`,
      authed((ctx) =>
        json(
          pageOf(
            ctx.url,
            [...state.studies.values()].filter((s) => s.org_id === ctx.org.id).map(studyView),
            100,
          ),
        ),
      ),
    ),
    http.post(
      `${root}/studies`,
      authed(async (ctx) => {
        const body = await readJson(ctx.request);
        const s: SimStudy = {
          id: state.id("std"),
          org_id: ctx.org.id,
          name: requireString(body, "name") as string,
          description: typeof body.description === "string" ? body.description : null,
          created_at: state.now(),
          updated_at: state.now(),
          share_enabled: false,
          share_token: null,
        };
        state.studies.set(s.id, s);
        return json(studyView(s), 201);
      }),
    ),
    http.get(
      `${root}/studies/:id`,
      authed((ctx) => json(studyView(study(ctx)))),
    ),
    http.put(
      `${root}/studies/:id`,
      authed(async (ctx) => {
        const s = study(ctx);
        const body = await readJson(ctx.request);
        if (body.name !== undefined) s.name = requireString(body, "name") as string;
        if (body.description !== undefined)
          s.description = typeof body.description === "string" ? body.description : null;
        s.updated_at = state.now();
        return json(studyView(s));
      }),
    ),
    http.delete(
      `${root}/studies/:id`,
      authed((ctx) => {
        const s = study(ctx);
        state.studies.delete(s.id);
        for (const a of state.artifacts.values()) if (a.study_id === s.id) state.artifacts.delete(a.id);
        return NO_CONTENT();
      }),
    ),
    http.post(
      `${root}/studies/:id/share`,
      authed(async (ctx) => {
        const s = study(ctx);
        const body = await readJson(ctx.request);
        if (typeof body.enabled !== "boolean")
          return invalid(["body", "enabled"], "Input should be a valid boolean", "bool_type");
        if (body.enabled && !s.share_enabled) s.share_token = state.shareToken();
        if (!body.enabled) s.share_token = null;
        s.share_enabled = body.enabled;
        s.updated_at = state.now();
        return json(studyView(s));
      }),
    ),
    http.post(
      `${root}/studies/:id/share/rotate`,
      authed((ctx) => {
        const s = study(ctx);
        if (!s.share_enabled) return detail(409, "Sharing is disabled for this study; enable it first");
        s.share_token = state.shareToken();
        s.updated_at = state.now();
        return json(studyView(s));
      }),
    ),
    http.get(
      `${root}/studies/:id/artifacts`,
      authed((ctx) => {
        const s = study(ctx);
        const all = [...state.artifacts.values()].filter((a) => a.study_id === s.id).map(artifactView);
        return json(pageOf(ctx.url, all, 200));
      }),
    ),
    http.post(
      `${root}/studies/:id/artifacts`,
      authed(async (ctx) => {
        const s = study(ctx);
        const form = await readForm(ctx.request);
        const file = form.get("file");
        if (file === null || typeof file === "string")
          return invalid(["body", "file"], "Field required", "missing");
        const a = {
          id: state.id("art"),
          study_id: s.id,
          filename: file.name || "upload.bin",
          content_type: file.type || "application/octet-stream",
          bytes: new Uint8Array(await file.arrayBuffer()),
          created_at: state.now(),
        };
        state.artifacts.set(a.id, a);
        return json(artifactView(a), 201);
      }),
    ),
    http.get(
      `${root}/studies/:id/artifacts/:artifactId/download`,
      authed((ctx) => {
        const s = study(ctx);
        const a = state.artifacts.get(ctx.params.artifactId ?? "");
        if (!a || a.study_id !== s.id) return detail(404, "Artifact not found");
        return deliver(state, a.bytes, a.content_type, a.filename);
      }),
    ),
    http.post(
      `${root}/studies/:id/certification-report`,
      authed((ctx) => {
        const s = study(ctx);
        requireVerified(ctx, "request certification reports");
        const r = { id: state.id("rpt"), study_id: s.id, org_id: ctx.org.id, created_at: state.now() };
        state.reports.set(r.id, r);
        return json({ id: r.id, status: reportStatus(state, r), study_id: r.study_id }, 202);
      }),
    ),
    http.get(
      `${root}/reports/:id`,
      authed((ctx) => {
        const r = state.reports.get(ctx.params.id ?? "");
        if (!r || r.org_id !== ctx.org.id) return detail(404, "Report not found");
        return json({ id: r.id, status: reportStatus(state, r), study_id: r.study_id });
      }),
    ),
    http.get(
      `${root}/reports/:id/download`,
      authed((ctx) => {
        const r = state.reports.get(ctx.params.id ?? "");
        if (!r || r.org_id !== ctx.org.id) return detail(404, "Report not found");
        if (reportStatus(state, r) !== "ready") return detail(409, "Report is not ready yet");
        const pdf = new TextEncoder().encode(
          `%PDF-1.7\n% TurbineX certification report for study ${r.study_id}\n%%EOF\n`,
        );
        return deliver(state, pdf, "application/pdf", `${r.id}.pdf`);
      }),
    ),

    // ── notes ──
    http.get(
      `${root}/notes`,
      authed((ctx) => {
        const q = ctx.url.searchParams;
        const all = [...state.notes.values()]
          .filter((n) => visibleNote(ctx, n))
          .filter((n) => !q.get("study_id") || n.study_id === q.get("study_id"))
          .filter((n) => !q.get("job_id") || n.job_id === q.get("job_id"))
          .filter((n) => !q.get("visibility") || n.visibility === q.get("visibility"))
          .map(noteView);
        return json(pageOf(ctx.url, all, 100));
      }),
    ),
    http.post(
      `${root}/notes`,
      authed(async (ctx) => {
        const body = await readJson(ctx.request);
        const visibility = body.visibility ?? "private";
        if (visibility !== "private" && visibility !== "org") {
          return invalid(["body", "visibility"], "Input should be 'private' or 'org'", "enum");
        }
        const n: SimNote = {
          id: state.id("note"),
          org_id: ctx.org.id,
          owner_id: ctx.user.id,
          body: requireString(body, "body") as string,
          visibility,
          study_id: typeof body.study_id === "string" ? study(ctx, body.study_id).id : null,
          job_id: typeof body.job_id === "string" ? body.job_id : null,
          created_at: state.now(),
          updated_at: state.now(),
        };
        state.notes.set(n.id, n);
        return json(noteView(n), 201);
      }),
    ),
    http.get(
      `${root}/notes/:id`,
      authed((ctx) => {
        const n = state.notes.get(ctx.params.id ?? "");
        return visibleNote(ctx, n) ? json(noteView(n)) : detail(404, "Note not found");
      }),
    ),
    http.put(
      `${root}/notes/:id`,
      authed(async (ctx) => {
        const n = state.notes.get(ctx.params.id ?? "");
        if (!visibleNote(ctx, n)) return detail(404, "Note not found");
        if (n.owner_id !== ctx.user.id) return detail(403, "Only the note's author can change it");
        const body = await readJson(ctx.request);
        if (body.body !== undefined) n.body = requireString(body, "body") as string;
        if (body.visibility === "private" || body.visibility === "org") n.visibility = body.visibility;
        if (body.study_id !== undefined)
          n.study_id = typeof body.study_id === "string" ? body.study_id : null;
        if (body.job_id !== undefined) n.job_id = typeof body.job_id === "string" ? body.job_id : null;
        n.updated_at = state.now();
        return json(noteView(n));
      }),
    ),
    http.delete(
      `${root}/notes/:id`,
      authed((ctx) => {
        const n = state.notes.get(ctx.params.id ?? "");
        if (!visibleNote(ctx, n)) return detail(404, "Note not found");
        if (n.owner_id !== ctx.user.id) return detail(403, "Only the note's author can delete it");
        state.notes.delete(n.id);
        return NO_CONTENT();
      }),
    ),

    // ── org and usage ──
    http.get(
      `${root}/org`,
      authed(({ org }) => json({ id: org.id, name: org.name, plan: org.plan })),
    ),
    http.patch(
      `${root}/org`,
      authed(async ({ request, user, org }) => {
        if (user.role === "member") return detail(403, "Only org owners and admins can change org settings");
        const body = await readJson(request);
        if (body.name !== undefined) org.name = requireString(body, "name") as string;
        return json({ id: org.id, name: org.name, plan: org.plan });
      }),
    ),
    http.get(
      `${root}/org/members`,
      authed(({ url, org }) => {
        const members = [...state.users.values()]
          .filter((u) => u.org_id === org.id)
          .map((u) => ({ id: u.id, email: u.email, role: u.role, verified: u.verified }));
        return json(pageOf(url, members, 200));
      }),
    ),
    http.get(
      `${root}/usage`,
      authed(({ org }) => {
        const now = new Date(state.now());
        const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
        const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
        return json({
          period_start: new Date(start).toISOString(),
          period_end: new Date(end).toISOString(),
          tokens_used: org.tokens_used,
          token_cap: org.token_cap,
          spend_usd: Math.round(org.tokens_used * 0.002) / 100,
          spend_cap_usd: org.spend_cap_usd,
        });
      }),
    ),

    // ── public Share Space (no auth) ──
    http.get(
      `${root}/api/public/studies/:token`,
      open(({ params }) => {
        const s = shared(params.token);
        const count = [...state.artifacts.values()].filter((a) => a.study_id === s.id).length;
        const { share: _share, ...header } = studyView(s);
        return json({ ...header, artifact_count: count });
      }),
    ),
    http.get(
      `${root}/api/public/studies/:token/artifacts`,
      open(({ params, url }) => {
        const s = shared(params.token);
        const all = [...state.artifacts.values()].filter((a) => a.study_id === s.id).map(artifactView);
        return json(pageOf(url, all, 200));
      }),
    ),
    http.get(
      `${root}/api/public/studies/:token/artifacts/:artifactId/download`,
      open(({ params }) => {
        const s = shared(params.token);
        const a = state.artifacts.get(params.artifactId ?? "");
        if (!a || a.study_id !== s.id) return detail(404, "Artifact not found");
        return deliver(state, a.bytes, a.content_type, a.filename);
      }),
    ),
  ];

  function shared(token: string | undefined): SimStudy {
    for (const s of state.studies.values()) {
      if (s.share_enabled && s.share_token !== null && s.share_token === token) return s;
    }
    throw new Reject(detail(404, "Share link not found or disabled"));
  }

  return routes;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
