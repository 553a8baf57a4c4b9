import type { SimClock } from "../clock.js";
import { createDialect, type SimDialect } from "../dialect.js";
import { randomHex } from "../random.js";

/** Deploy type names the API accepts. */
export const SIM_DEPLOY_TYPES = ["deploy", "fullDeploy", "fullResetDeploy"] as const;
export type SimDeployType = (typeof SIM_DEPLOY_TYPES)[number];

export interface SimClient {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
  created_at: string;
  updated_at: string;
}

export interface SimHost {
  id: number;
  client_id: number;
  active: 0 | 1;
  name: string;
  /** Stored exactly as the API returns it: a string (sometimes not even valid JSON). */
  json: string;
  created_at: string;
  updated_at: string;
  monitoring: {
    load: Record<string, number>;
    disk: Record<string, number>;
    memory: Record<string, number>;
  } | null;
  credentials: {
    ip: string;
    username: string;
    password: string;
    ssh_port: number;
    db_user: string;
    db_password: string;
  };
}

export interface SimGroup {
  id: number;
  client_id: number | null;
  name: string;
  json: string;
  created_at: string;
  updated_at: string;
}

export interface SimDeployment {
  id: number;
  host_id: number;
  type: SimDeployType;
  createdAt: number;
  queuedMs: number;
  runMs: number;
  willFail: boolean;
}

export interface SimToken {
  /** Clients this personal access token may act for. */
  clientIds: number[];
  name: string;
  /** Epoch ms, or null for "never". */
  expiresAt: number | null;
}

/** Options of the TurboStack simulator (`createSimulator({ providers: { turbostack } })`). */
export interface TurboStackSimOptions {
  /** Hosts per client, in client order (default [24, 18, 6]: 42 visible to the demo token). */
  hostsPerClient?: number[];
  /** Extra personal access tokens (the two defaults are always there). */
  tokens?: Record<string, SimToken>;
  /** Time a deployment stays queued, ms (default 2 000). */
  queuedMs?: number;
  /** Running time per deploy type, ms (default deploy 20 s, fullDeploy 60 s, fullResetDeploy 180 s). */
  runMs?: Partial<Record<SimDeployType, number>>;
  /** Largest `size` accepted (default 100; larger → 422). */
  maxPageSize?: number;
}

/** A reseller-style token: sees clients 1 and 2 (not 3). */
export const TURBOSTACK_SIM_TOKEN = "ts_pat_demo_4f9a2c7e1b";
/** A token of client 3 only (hosts of clients 1 and 2 answer 403 to it). */
export const TURBOSTACK_SIM_OTHER_TOKEN = "ts_pat_other_8d3e6b0a52";
/** A token past its expiry date (401). */
export const TURBOSTACK_SIM_EXPIRED_TOKEN = "ts_pat_expired_1c2d3e4f5a";

const FIRST = ["Anna", "Jonas", "Mira", "Lukas", "Sofia"];
const LAST = ["Keller", "Brandt", "Vogel", "Hartmann", "Roth"];
const ROLES = ["web", "db", "cache", "worker", "mail", "shop"];
const STEPS: Record<SimDeployType, string[]> = {
  deploy: ["preparing", "applying configuration", "reloading services"],
  fullDeploy: ["preparing", "installing packages", "applying configuration", "restarting services"],
  fullResetDeploy: [
    "deleting server",
    "provisioning server",
    "installing packages",
    "applying configuration",
  ],
};

/** The simulator's whole world, readable (and adjustable) by tests. */
export class TurboStackSimState {
  readonly clients = new Map<number, SimClient>();
  readonly hosts = new Map<number, SimHost>();
  readonly groups = new Map<number, SimGroup>();
  /** Every deployment ever started, newest last, by host. */
  readonly deployments = new Map<number, SimDeployment[]>();
  readonly tokens = new Map<string, SimToken>();
  readonly options: Required<Omit<TurboStackSimOptions, "tokens" | "runMs">> & {
    runMs: Record<SimDeployType, number>;
  };
  readonly #clock: SimClock;
  readonly #random: () => number;
  readonly #failNext = new Set<number>();
  #deploymentSeq = 1000;

  /** Which legal reading of the docs to answer in (variant.ts). */
  readonly dialect: SimDialect;

  constructor(
    clock: SimClock,
    random: () => number,
    options: TurboStackSimOptions = {},
    dialect: SimDialect = createDialect(false),
  ) {
    this.dialect = dialect;
    this.#clock = clock;
    this.#random = random;
    this.options = {
      hostsPerClient: options.hostsPerClient ?? [24, 18, 6],
      queuedMs: options.queuedMs ?? 2_000,
      maxPageSize: options.maxPageSize ?? 100,
      runMs: { deploy: 20_000, fullDeploy: 60_000, fullResetDeploy: 180_000, ...options.runMs },
    };
    const now = clock.now();
    this.tokens.set(TURBOSTACK_SIM_TOKEN, { clientIds: [1, 2], name: "demo", expiresAt: null });
    this.tokens.set(TURBOSTACK_SIM_OTHER_TOKEN, {
      clientIds: [3],
      name: "other",
      expiresAt: now + 86_400_000,
    });
    this.tokens.set(TURBOSTACK_SIM_EXPIRED_TOKEN, {
      clientIds: [1, 2],
      name: "old",
      expiresAt: now - 60_000,
    });
    for (const [token, info] of Object.entries(options.tokens ?? {})) this.tokens.set(token, info);
    this.#seed(now);
  }

  now(): number {
    return this.#clock.now();
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, ".000000Z");
  }

  /** The next deployment of this host ends "failed". */
  failNextDeploy(hostId: number): void {
    this.#failNext.add(hostId);
  }

  latestDeployment(hostId: number): SimDeployment | undefined {
    const list = this.deployments.get(hostId);
    return list?.[list.length - 1];
  }

  startDeployment(hostId: number, type: SimDeployType): SimDeployment {
    const deployment: SimDeployment = {
      id: ++this.#deploymentSeq,
      host_id: hostId,
      type,
      createdAt: this.now(),
      queuedMs: this.options.queuedMs,
      runMs: this.options.runMs[type],
      willFail: this.#failNext.delete(hostId),
    };
    const list = this.deployments.get(hostId) ?? [];
    list.push(deployment);
    this.deployments.set(hostId, list);
    return deployment;
  }

  /** Where a deployment stands at simulated now: open status strings, as a Laravel resource. */
  deploymentView(d: SimDeployment): Record<string, unknown> {
    const elapsed = this.now() - d.createdAt;
    const steps = STEPS[d.type];
    const startedAt = d.createdAt + d.queuedMs;
    const finishedAt = startedAt + d.runMs;
    let status: string;
    let progress: number;
    let step: string | null;
    if (elapsed < d.queuedMs) {
      status = "queued";
      progress = 0;
      step = "waiting for a deploy worker";
    } else if (elapsed < d.queuedMs + d.runMs) {
      status = "running";
      const fraction = (elapsed - d.queuedMs) / d.runMs;
      progress = Math.min(99, Math.floor(fraction * 100));
      step = steps[Math.min(steps.length - 1, Math.floor(fraction * steps.length))] ?? null;
    } else {
      status = d.willFail ? "failed" : "finished";
      progress = 100;
      step = d.willFail ? "applying configuration failed: service nginx did not start" : null;
    }
    return {
      id: d.id,
      host_id: d.host_id,
      type: d.type,
      status,
      progress,
      message: step,
      created_at: this.iso(d.createdAt),
      started_at: elapsed >= d.queuedMs ? this.iso(startedAt) : null,
      finished_at: elapsed >= d.queuedMs + d.runMs ? this.iso(finishedAt) : null,
    };
  }

  isRunning(d: SimDeployment | undefined): boolean {
    return d !== undefined && this.now() - d.createdAt < d.queuedMs + d.runMs;
  }

  #seed(now: number): void {
    const day = 86_400_000;
    let hostId = 100;
    this.options.hostsPerClient.forEach((count, index) => {
      const id = index + 1;
      const firstname = FIRST[index % FIRST.length] ?? "Client";
      const lastname = LAST[index % LAST.length] ?? String(id);
      const created = this.iso(now - (400 - index * 30) * day);
      this.clients.set(id, {
        id,
        firstname,
        lastname,
        email: `${firstname.toLowerCase()}.${lastname.toLowerCase()}@client${id}.example`,
        created_at: created,
        updated_at: created,
      });
      for (let n = 0; n < count; n++) {
        hostId += 1;
        const role = ROLES[n % ROLES.length] ?? "web";
        const name = `${role}-${String(n + 1).padStart(2, "0")}.client${id}.turbostack.net`;
        const active = n % 7 === 6 ? 0 : 1;
        const config = {
          hostname: name,
          php: { version: n % 2 === 0 ? "8.3" : "8.2", memory_limit: "512M" },
          packages: ["nginx", role === "db" ? "mariadb" : "php-fpm"],
          timezone: "Europe/Berlin",
          groups: [id * 10 + 1],
        };
        const stamp = this.iso(now - (300 - n) * day);
        this.hosts.set(hostId, {
          id: hostId,
          client_id: id,
          active,
          name,
          // One host carries a corrupt document, as hand-edited data sometimes is.
          json: hostId === 105 ? '{"hostname": "broken' : JSON.stringify(config),
          created_at: stamp,
          updated_at: stamp,
          monitoring: active ? this.#monitoring() : null,
          credentials: {
            ip: `10.${id}.${Math.floor(n / 250)}.${(n % 250) + 2}`,
            username: `ts${hostId}`,
            password: randomHex(this.#random, 12),
            ssh_port: 22,
            db_user: `db_${hostId}`,
            db_password: randomHex(this.#random, 12),
          },
        });
        // Every host was deployed once when it was set up.
        this.deployments.set(hostId, [
          {
            id: ++this.#deploymentSeq,
            host_id: hostId,
            type: "fullDeploy",
            createdAt: now - (300 - n) * day,
            queuedMs: 0,
            runMs: 60_000,
            willFail: false,
          },
        ]);
      }
      this.groups.set(id * 10 + 1, this.#group(id * 10 + 1, id, `client${id}-defaults`, now));
      this.groups.set(id * 10 + 2, this.#group(id * 10 + 2, id, `client${id}-ssh-keys`, now));
    });
    // Platform-wide groups: readable by every token, writable by none (403).
    this.groups.set(1, this.#group(1, null, "platform-baseline", now));
    this.groups.set(2, this.#group(2, null, "platform-security", now));
  }

  #group(id: number, clientId: number | null, name: string, now: number): SimGroup {
    const stamp = this.iso(now - 200 * 86_400_000);
    return {
      id,
      client_id: clientId,
      name,
      json: JSON.stringify({ timezone: "Europe/Berlin", ssh_keys: [`ssh-ed25519 AAAA${id} admin@example`] }),
      created_at: stamp,
      updated_at: stamp,
    };
  }

  #monitoring() {
    const r = this.#random;
    const round = (v: number) => Math.round(v * 100) / 100;
    const totalDisk = [40, 80, 160][Math.floor(r() * 3)] ?? 80;
    const totalMem = [2048, 4096, 8192][Math.floor(r() * 3)] ?? 4096;
    const usedDisk = round(totalDisk * (0.2 + r() * 0.6));
    const usedMem = Math.round(totalMem * (0.3 + r() * 0.5));
    return {
      load: { "1m": round(r() * 2), "5m": round(r() * 1.5), "15m": round(r()) },
      disk: { total_gb: totalDisk, used_gb: usedDisk, percent: round((usedDisk / totalDisk) * 100) },
      memory: { total_mb: totalMem, used_mb: usedMem, percent: round((usedMem / totalMem) * 100) },
    };
  }
}
