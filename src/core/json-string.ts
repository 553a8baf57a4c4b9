// Shared by the JSON reader and the redactor, with no imports of its own (both sit under errors.ts).

const BACKSLASH = 92;

/** Index of the quote closing a JSON string whose content starts at `from`, or -1. */
export function stringEnd(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at >= 0; at = text.indexOf('"', at + 1)) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}
