/** A small seeded PRNG (mulberry32) so simulator runs and fault schedules can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random hex string of `bytes` bytes from the given PRNG (ids, tokens; not for real secrets). */
export function randomHex(random: () => number, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i++)
    out += Math.floor(random() * 256)
      .toString(16)
      .padStart(2, "0");
  return out;
}
