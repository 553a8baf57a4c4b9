import { type Issue, queryInt, Reject, unprocessable } from "./fastapi.js";

/** A bounded integer query parameter: its value when absent, and the inclusive bounds. */
export type IntQuerySpec = readonly [fallback: number, min: number, max: number];

/**
 * Several bounded integer query parameters read at once, the FastAPI way: every bad one is listed
 * in a single 422 (thrown as `Reject`), since FastAPI validates all parameters before answering.
 */
export function intQueries<K extends string>(url: URL, specs: Record<K, IntQuerySpec>): Record<K, number> {
  const issues: Issue[] = [];
  const values = {} as Record<K, number>;
  for (const [name, [fallback, min, max]] of Object.entries(specs) as [K, IntQuerySpec][])
    values[name] = queryInt(url, name, fallback, min, max, issues);
  if (issues.length > 0) throw new Reject(unprocessable(issues));
  return values;
}
