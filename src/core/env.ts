/**
 * Reads an environment variable where the runtime has them (Node, Deno with --allow-env, Bun);
 * in browsers, or when Deno denies access, it quietly answers undefined.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(name: string): string | undefined } };
  };
  try {
    if (g.Deno?.env) return g.Deno.env.get(name) || undefined;
    return g.process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}
