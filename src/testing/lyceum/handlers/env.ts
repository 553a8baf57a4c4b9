import { http } from "msw";
import { detail, type Issue, invalid, isRecord, json, readJson, unprocessable } from "../../kit/fastapi.js";
import type { SimEnv, SimEnvVar } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function view(env: SimEnv, v: SimEnvVar) {
  return {
    // The variant: a numeric id (the docs' `env_var_id` is not typed).
    id: env.ctx.dialect.pick<string | number>(v.id, Number(v.id.slice("env_".length))),
    key: v.key,
    value: v.isSecret ? "********" : v.value,
    is_secret: v.isSecret,
    created_at: isoTime(v.createdAt),
    updated_at: isoTime(v.updatedAt, "naive"),
  };
}

/** One item, a list of items, or the older `{environment_variables: [{name, value}]}`. */
function itemsOf(body: unknown): { items: Record<string, unknown>[]; loc: (string | number)[] } | undefined {
  if (Array.isArray(body)) return { items: body.filter(isRecord), loc: ["body"] };
  if (isRecord(body) && Array.isArray(body.environment_variables))
    return { items: body.environment_variables.filter(isRecord), loc: ["body", "environment_variables"] };
  if (isRecord(body)) return { items: [body], loc: ["body"] };
  return undefined;
}

/** Environment variables: list (secrets masked), save one or many (upsert by key), delete one or all. */
export function envHandlers({ base, env, authed }: LyceumRoutes) {
  return [
    http.get(
      `${base}/environment-variables/`,
      authed((_args, caller) => json([...caller.data.env.values()].map((v) => view(env, v)))),
    ),
    http.post(
      `${base}/environment-variables/`,
      authed(async ({ request }, caller) => {
        const body = await readJson(request);
        if (body instanceof Response) return body;
        const parsed = itemsOf(body);
        if (!parsed || parsed.items.length === 0)
          return invalid(["body"], "Input should be a valid object or list", "model_type");
        const issues: Issue[] = [];
        const many = parsed.items.length > 1 || Array.isArray(body) || parsed.loc.length > 1;
        const checked = parsed.items.map((item, i) => {
          const loc = many ? [...parsed.loc, i] : parsed.loc;
          const key = item.key ?? item.name;
          if (typeof key !== "string")
            issues.push({ loc: [...loc, "key"], msg: "Field required", type: "missing" });
          else if (!NAME.test(key))
            issues.push({
              loc: [...loc, "key"],
              msg: `String should match pattern '${NAME.source}'`,
              type: "string_pattern_mismatch",
            });
          if (typeof item.value !== "string")
            issues.push({ loc: [...loc, "value"], msg: "Field required", type: "missing" });
          return { key: String(key), value: String(item.value), isSecret: item.is_secret !== false };
        });
        if (issues.length) return unprocessable(issues);
        const now = env.now();
        const saved = checked.map((c) => {
          const existing = [...caller.data.env.values()].find((v) => v.key === c.key);
          if (existing) {
            Object.assign(existing, { value: c.value, isSecret: c.isSecret, updatedAt: now });
            return existing;
          }
          const created: SimEnvVar = {
            id: `env_${++env.state.counters.env}`,
            ...c,
            createdAt: now,
            updatedAt: now,
          };
          caller.data.env.set(created.id, created);
          return created;
        });
        return json({
          message: `Saved ${saved.length} variable(s)`,
          variables: saved.map((v) => view(env, v)),
        });
      }),
    ),
    http.delete(
      `${base}/environment-variables/:id`,
      authed(({ params }, caller) => {
        // `env_7` or, as the variant dialect numbers them, `7`.
        const id = /^\d+$/.test(String(params.id)) ? `env_${params.id}` : String(params.id);
        if (!caller.data.env.delete(id)) return detail(404, "Environment variable not found");
        return json({ message: "Environment variable deleted", id });
      }),
    ),
    http.delete(
      `${base}/environment-variables/`,
      authed((_args, caller) => {
        const count = caller.data.env.size;
        caller.data.env.clear();
        return json({ message: `Deleted ${count} variable(s)`, deleted_count: count });
      }),
    ),
  ];
}
