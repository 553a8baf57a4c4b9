import { seededRandom } from "./random.js";

/**
 * Which legal reading of the docs the simulator answers in. The default dialect is one reading;
 * the variant dialect serves the others (numeric ids, extra and absent optional fields, nulls,
 * decimal-string money, other final status words, redirected downloads…), so the SDK's tests meet
 * the choices a real server may make wherever the sources are silent.
 */
export interface SimDialect {
  /** `true` when the simulator answers in the variant dialect. */
  readonly variant: boolean;
  /**
   * `usual` in the default dialect; in the variant dialect one of `others` — the first with
   * `variant: true`, a seeded pick with `variant: <seed>` (so a seed explores mixed answers).
   */
  pick<T>(usual: T, ...others: T[]): T;
}

/** `createSimulator({ variant })`: `true` for the first alternative everywhere, a number to mix. */
export type VariantOption = boolean | number | undefined;

export function createDialect(variant: VariantOption): SimDialect {
  if (variant === undefined || variant === false) {
    return { variant: false, pick: (usual) => usual };
  }
  if (variant === true) {
    return {
      variant: true,
      pick: (usual, ...others) => (others.length > 0 ? (others[0] as (typeof others)[number]) : usual),
    };
  }
  const random = seededRandom(variant);
  return {
    variant: true,
    pick: (usual, ...others) =>
      others.length > 0 ? (others[Math.floor(random() * others.length)] as (typeof others)[number]) : usual,
  };
}
