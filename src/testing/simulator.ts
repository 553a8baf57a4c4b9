import { getResponse, type HttpHandler, http } from "msw";
import { type ClockOptions, createClock, type SimClock } from "./clock.js";
import { createDialect, type VariantOption } from "./dialect.js";
import { createFaultController, type FaultController, type FaultOptions, realDelay } from "./faults.js";
import { createRequestLog, type RequestLog } from "./kit/request-log.js";
import type { ProviderName, ProviderSim, SimContext } from "./provider.js";
import { providerFactories } from "./providers.js";
import { seededRandom } from "./random.js";
import { createStorageSim, type StorageSim } from "./storage.js";

type Registry = typeof providerFactories;
type RegisteredName = keyof Registry & ProviderName;
type OptionsOf<K extends RegisteredName> = Registry[K] extends (ctx: never, options: infer O) => unknown
  ? O
  : never;
type SimOf<K extends RegisteredName> = Registry[K] extends (...args: never[]) => infer S ? S : never;

/** Options of `createSimulator`. */
export interface SimulatorOptions {
  /** Which providers to simulate, each with its own options (`true` = defaults). Default: all. */
  providers?: { [K in RegisteredName]?: OptionsOf<K> | true };
  /** Fault injection in front of every provider. Off by default. */
  faults?: FaultOptions;
  /** The simulated clock, or options for one (default: frozen at real now; tests `advance` it). */
  clock?: SimClock | ClockOptions;
  /** PRNG seed for ids, tokens and fault schedules (default 1). */
  seed?: number;
  /**
   * Answer in the variant dialect: the other legal readings of the docs wherever they are silent
   * (numeric ids, extra/absent/null optional fields, decimal-string money, other final status words,
   * downloads redirected to a storage origin…). `true` picks the first alternative everywhere; a
   * number seeds a mixed pick. Off by default.
   */
  variant?: VariantOption;
  /** Additional simulators of your own (or test doubles), served beside the built-in ones. */
  extra?: Array<(ctx: SimContext) => ProviderSim>;
}

/** A simulator of the selected providers sharing one clock, PRNG and fault controller. */
export interface Simulator {
  readonly clock: SimClock;
  readonly faults: FaultController;
  /** The storage origin serving pre-signed download URLs (variant answers redirect downloads there). */
  readonly storage: StorageSim;
  readonly providers: { [K in RegisteredName]: SimOf<K> };
  /** Every request the simulator received (any provider, the storage origin), in order. */
  readonly requests: RequestLog;
  /** msw handlers for `setupServer(...sim.handlers)`: every provider at its production URL. */
  readonly handlers: HttpHandler[];
  /** The base URL a client should use for a provider under msw (its production URL). */
  baseUrl(provider: RegisteredName | (string & {})): string;
  /**
   * Answer one request as the simulator would (faults included) for handlers built under the
   * given base URLs; `undefined` when no route matches. The HTTP server is built on this.
   */
  handle(request: Request, handlers: HttpHandler[]): Promise<Response | undefined>;
  /** Handlers for every provider with each one under `${origin}/${provider}${defaultPath}`. */
  handlersAt(origin: string): { handlers: HttpHandler[]; baseUrls: Record<RegisteredName, string> };
}

/** The local base for a provider on one origin: `/name` plus the path of its production base. */
export function localBaseUrl(origin: string, sim: Pick<ProviderSim, "name" | "defaultBaseUrl">): string {
  const path = new URL(sim.defaultBaseUrl).pathname.replace(/\/$/, "");
  return `${origin.replace(/\/$/, "")}/${sim.name}${path}`;
}

/**
 * Creates the simulator: use `sim.handlers` with msw's `setupServer` in tests, or serve it over
 * HTTP with `startSimulatorServer(sim)`.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock);
  const random = seededRandom(options.seed ?? 1);
  const faults = createFaultController(random, options.faults);
  const storage = createStorageSim({ clock, random });
  const ctx = { clock, random, dialect: createDialect(options.variant), storage };

  const selected = (options.providers ?? allProviders()) as Record<string, unknown>;
  const providers: Record<string, ProviderSim> = {};
  for (const [name, providerOptions] of Object.entries(selected)) {
    const factory = (providerFactories as Record<string, (c: typeof ctx, o: unknown) => ProviderSim>)[name];
    if (!factory) throw new Error(`turbokit/testing: no simulator registered for "${name}"`);
    providers[name] = factory(ctx, providerOptions === true ? {} : providerOptions);
  }
  for (const build of options.extra ?? []) {
    const sim = build(ctx);
    providers[sim.name] = sim;
  }

  const requests = createRequestLog();
  async function handle(request: Request, handlers: HttpHandler[]): Promise<Response | undefined> {
    await requests.record(request);
    const fault = faults.pick(request);
    if (fault === "drop") return Response.error();
    if (fault === "error5xx") {
      return Response.json({ detail: "Injected fault" }, { status: faults.status });
    }
    if (fault === "latency") await realDelay(faults.latencyMs);
    const response = await getResponse(handlers, request);
    if (!response) return undefined;
    if (fault === "malformedJson") {
      return new Response('{"injected": "malformed', {
        status: response.status,
        headers: { "content-type": "application/json" },
      });
    }
    if (fault === "truncate") return truncate(response);
    return response;
  }

  const mswHandlers = [
    ...Object.values(providers).flatMap((p) => p.handlers(p.defaultBaseUrl)),
    ...storage.handlers(storage.baseUrl),
  ];
  const entry = http.all("*", async ({ request }) => handle(request, mswHandlers));

  return {
    clock,
    faults,
    storage,
    requests,
    providers: providers as Simulator["providers"],
    handlers: [entry],
    baseUrl(name: string) {
      const sim = providers[name];
      if (!sim) throw new Error(`turbokit/testing: provider "${name}" is not simulated`);
      return sim.defaultBaseUrl;
    },
    handle,
    handlersAt(origin) {
      const baseUrls: Record<string, string> = {};
      const handlers = Object.values(providers).flatMap((p) => {
        const base = localBaseUrl(origin, p);
        baseUrls[p.name] = base;
        return p.handlers(base);
      });
      // Served over HTTP, pre-signed URLs point at this server (one origin: the demo's case).
      storage.baseUrl = `${origin.replace(/\/$/, "")}/storage`;
      handlers.push(...storage.handlers(storage.baseUrl));
      return { handlers, baseUrls: baseUrls as Record<RegisteredName, string> };
    },
  };
}

function allProviders(): Record<string, true> {
  return Object.fromEntries(Object.keys(providerFactories).map((name) => [name, true]));
}

function isClock(value: unknown): value is SimClock {
  return typeof value === "object" && value !== null && typeof (value as SimClock).now === "function";
}

/** The response with its body cut in half and then failed, as a dropped connection mid-body does. */
function truncate(response: Response): Response {
  const source = response.body;
  if (!source) return Response.error();
  const reader = source.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done || !value) {
        controller.error(new Error("Injected fault: connection dropped mid-body"));
        return;
      }
      controller.enqueue(value.subarray(0, Math.max(1, Math.floor(value.length / 2))));
      controller.error(new Error("Injected fault: connection dropped mid-body"));
      void reader.cancel().catch(() => {});
    },
  });
  return new Response(stream, { status: response.status, headers: response.headers });
}
