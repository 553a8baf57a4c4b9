/**
 * A simulator's options with its defaults filled in: each key of `defaults` takes the caller's
 * value unless that is undefined or null. Keys the defaults do not name are left out.
 */
export function withDefaults<T extends object>(defaults: T, options: Partial<T>): T {
  const filled = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) filled[key] = options[key] ?? defaults[key];
  return filled;
}
