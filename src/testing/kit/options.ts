/**
 * A simulator's settled options: `defaults` with each option the caller gave in its place (an
 * option left `undefined` or `null` keeps its default; keys `defaults` does not name are ignored).
 */
export function withDefaults<D extends object>(given: { [K in keyof D]?: D[K] | null }, defaults: D): D {
  const settled = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof D)[]) {
    const value = given[key];
    if (value !== undefined && value !== null) settled[key] = value;
  }
  return settled;
}
