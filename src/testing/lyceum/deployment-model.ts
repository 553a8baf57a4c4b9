import type { SimDeployment, SimEnv } from "./state.js";

const STARTING_MS = 2_000;
const STOPPING_MS = 1_000;

/** pending → scaling_up → running → paused (idle) ; stop → stopping → stopped ; bad model → failed. */
export function deploymentStatus(env: SimEnv, d: SimDeployment): { status: string; replicas: number } {
  const now = env.now();
  if (d.stoppedAt !== undefined)
    return { status: now < d.stoppedAt + STOPPING_MS ? "stopping" : "stopped", replicas: 0 };
  if (now < d.createdAt + STARTING_MS) return { status: "pending", replicas: 0 };
  if (d.fails) return { status: "failed", replicas: 0 };
  const readyAt = d.createdAt + env.state.options.deploymentReadyMs;
  if (now < readyAt) return { status: "scaling_up", replicas: 0 };
  if (now >= Math.max(readyAt, d.lastActiveAt) + env.state.options.deploymentIdleMs)
    return { status: "paused", replicas: 0 };
  return { status: "running", replicas: Math.max(1, d.minReplicas) };
}
