import { InputValidationError } from "./errors.js";
import type { ClientOptions } from "./http.js";
import { checkBaseUrl } from "./http-checks.js";
import type { Logger, LogLevel } from "./logger.js";
import { VERSION } from "./version.js";

/** What the SDK looks up in `globalThis` to tell runtimes apart and read their environment (tests pass a stand-in). */
export interface RuntimeGlobals {
  /** Node's (and Bun's) `process`: its environment and runtime versions. */
  process?: { env?: Record<string, string | undefined>; versions?: { node?: string; bun?: string } };
  /** Deno's namespace: environment, version and permission queries. */
  Deno?: {
    env?: {
      /** Throws when the permission is missing (Deno 2 without --allow-env). */
      get(name: string): string | undefined;
    };
    version?: { deno?: string };
    permissions?: {
      /** Whether a permission is granted (`"granted"`, `"prompt"` or `"denied"`). */
      querySync?(descriptor: { name: "env"; variable?: string }): { state: string };
    };
  };
  /** The console, the logger `TURBOKIT_LOG` writes to when no `logger` was given. */
  console?: Logger;
}

const runtime = (): RuntimeGlobals => globalThis as RuntimeGlobals;

/**
 * Reads an environment variable where the runtime has them (Node, Deno with --allow-env, Bun);
 * in browsers, or when Deno denies access, it quietly answers undefined.
 */
export function readEnv(name: string, g: RuntimeGlobals = runtime()): string | undefined {
  try {
    if (g.Deno?.env) return g.Deno.env.get(name) || undefined;
    return g.process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The "how to configure it" part of a missing-credentials message: `set NAME`, plus the flag Deno
 * needs when it is the permission, not the variable, that is missing (Deno answers a read without
 * `--allow-env` by throwing, which `readEnv` turns into "unset").
 */
export function envVariableHint(name: string, g: RuntimeGlobals = runtime()): string {
  let state: string | undefined;
  try {
    state = g.Deno?.permissions?.querySync?.({ name: "env", variable: name }).state;
  } catch {
    state = undefined;
  }
  return state === undefined || state === "granted"
    ? `set ${name}`
    : `set ${name} (Deno does not let turbokit read it: run with --allow-env=${name} or --allow-env)`;
}

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

/** `TURBOKIT_LOG`: the log level when the caller gives none; unset → undefined. */
export function envLogLevel(g: RuntimeGlobals = runtime()): LogLevel | undefined {
  const value = readEnv("TURBOKIT_LOG", g)?.trim().toLowerCase();
  if (value === undefined || value === "") return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new InputValidationError("TURBOKIT_LOG", `must be one of ${LOG_LEVELS.join(", ")}`);
  }
  return value as LogLevel;
}

/**
 * The identification headers a server runtime sends (Node, Deno, Bun): `User-Agent:
 * turbokit/<version> (<runtime>/<version>)` and `X-Turbokit-Version`. A browser gets neither: it
 * keeps its own User-Agent, and a custom header there turns every request into a CORS preflight
 * that fails unless the API lists the header in Access-Control-Allow-Headers.
 */
export function identificationHeaders(g: RuntimeGlobals = runtime()): Record<string, string> {
  const deno = g.Deno?.version?.deno;
  const bun = g.process?.versions?.bun;
  const node = g.process?.versions?.node;
  const platform = deno ? `deno/${deno}` : bun ? `bun/${bun}` : node ? `node/${node}` : undefined;
  if (!platform) return {};
  return { "User-Agent": `turbokit/${VERSION} (${platform})`, "X-Turbokit-Version": VERSION };
}

/**
 * A provider's client options completed from the environment, where the caller left them out:
 * the base URL from `baseUrlVariable` (e.g. `TURBINEX_BASE_URL`), the log level from
 * `TURBOKIT_LOG` (with the console as the logger when none was given), and the identification
 * headers (the caller's own `headers` win). Explicit options always win over the environment.
 */
export function withEnvDefaults<T extends ClientOptions>(
  options: T,
  baseUrlVariable: string,
  g: RuntimeGlobals = runtime(),
): T {
  const completed: T = { ...options, headers: { ...identificationHeaders(g), ...options.headers } };
  if (options.baseUrl === undefined) {
    const fromEnv = readEnv(baseUrlVariable, g)?.trim();
    if (fromEnv) completed.baseUrl = checkEnvBaseUrl(fromEnv, baseUrlVariable, options.allowInsecureHttp);
  }
  const level = options.logLevel ?? envLogLevel(g);
  if (level !== undefined) completed.logLevel = level;
  if (options.logger === undefined && options.logLevel === undefined && level !== undefined && g.console) {
    completed.logger = g.console;
  }
  return completed;
}

/** The client's own base-URL checks, with the variable named as the field at fault. */
function checkEnvBaseUrl(value: string, variable: string, allowInsecure: boolean | undefined): string {
  try {
    return checkBaseUrl(value, allowInsecure === true);
  } catch (error) {
    if (error instanceof InputValidationError) {
      throw new InputValidationError(variable, error.message.replace(/^baseUrl: /, ""));
    }
    throw error;
  }
}
