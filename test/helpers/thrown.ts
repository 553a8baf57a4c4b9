/** What a synchronous call threw, for assertions on its fields; a call that returns fails the test. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
