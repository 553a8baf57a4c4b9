// What the doc snippets take as given (see scripts/check-doc-snippets.mjs): the clients made in an
// earlier block of the same page, the factories imported there, and the values the prose leaves to
// the reader. Only names; every call on them is checked against the package's real types.
import type { apiKey as ApiKey, bearer as Bearer, jwtSession as JwtSession } from "turbokit";
import type {
  createTurbineExchange as CreateTurbineExchange,
  TurbineExchangeClient,
} from "turbokit/exchange";
import type { createLyceum as CreateLyceum, LyceumClient } from "turbokit/lyceum";
import type { createTurbineX as CreateTurbineX, TurbineXClient } from "turbokit/turbinex";
import type { createTurboStack as CreateTurboStack, TurboStackClient } from "turbokit/turbostack";
import type { EIP1193Provider, LocalAccount } from "viem";

declare global {
  // Clients made in a page's first block.
  const ts: TurboStackClient;
  const tx: TurbineXClient;
  const lyceum: LyceumClient;
  const teammate: LyceumClient;
  const exchange: TurbineExchangeClient;
  // Factories imported in a page's first block.
  const apiKey: typeof ApiKey;
  const bearer: typeof Bearer;
  const jwtSession: typeof JwtSession;
  const createLyceum: typeof CreateLyceum;
  const createTurbineExchange: typeof CreateTurbineExchange;
  const createTurbineX: typeof CreateTurbineX;
  const createTurboStack: typeof CreateTurboStack;
  // Values the reader supplies.
  const signer: LocalAccount;
  const code: string;
  const codeFromApp: string;
  const yamlText: string;
  const src: string;
  const username: string;
  const password: string;
  const publicKey: string;
  const hfToken: string;
  const inferenceId: string;
  const signal: AbortSignal;
  const requests: { prompt: string }[];
  const nextYear: Date;
  const vault: { read(name: string): Promise<string> };
  function save(value: string | undefined): void;
  function saveRefreshToken(token: string): void;
  function connect(...args: unknown[]): void;
  function onProgress(progress: unknown): void;
  interface Window {
    ethereum: EIP1193Provider;
  }
}
