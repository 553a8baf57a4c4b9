// The smoke suite runs in Node, Deno and a browser page, so it brings its own tiny assert
// (node:assert is not in a browser bundle).
export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Awaits `run()` and returns what it threw; fails when it did not throw. */
export async function rejection(run, what) {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error(`${what}: expected an error, none was thrown`);
}
