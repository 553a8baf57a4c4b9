import { apiKey, bearer } from "../../../src/auth/index.js";
import { createTurbineExchange } from "../../../src/exchange/index.js";
import { createLyceum } from "../../../src/lyceum/index.js";
import { createTurbineX } from "../../../src/turbinex/index.js";
import { createTurboStack } from "../../../src/turbostack/index.js";
import { SOAK_PRIVATE_KEY } from "./soak-clients.js";

/** Ids that try to escape their path segment: traversal, query, fragment, header injection. */
export const HOSTILE_IDS = [
  "../evil",
  "../../evil",
  "a/../../evil",
  "..",
  ".",
  "evil?evil=1",
  "a#evil",
  "a\r\nX-Evil: 1",
  "a\nevil",
  "%2e%2e%2fevil",
  "a%3Fevil=1",
  "a/evil",
  "evil\u0000",
  " evil ",
  "",
];

const fast = { retryDelay: { baseMs: 1, maxMs: 2 }, maxRetries: 0 };
const signer = () => import("viem/accounts").then((m) => m.privateKeyToAccount(SOAK_PRIVATE_KEY));

type Call = (id: string) => Promise<unknown>;

/** Every id-taking method of every provider, each as a one-argument call. */
export async function idCalls(): Promise<Record<string, Call>> {
  const tx = createTurbineX({ auth: bearer("tx_pat_hostile_0001"), ...fast });
  const ts = createTurboStack({ auth: bearer("ts_pat_hostile_0001"), ...fast });
  const ly = createLyceum({ auth: apiKey("lk_hostile_key_0001"), ...fast });
  const ex = createTurbineExchange({ signer: await signer(), ...fast });
  const first = (p: { firstPage(): Promise<unknown> }) => p.firstPage();
  return {
    "turbinex.jobs.get": (id) => tx.jobs.get(id),
    "turbinex.jobs.cancel": (id) => tx.jobs.cancel(id),
    "turbinex.jobs.downloadOutput": (id) => tx.jobs.downloadOutput(id),
    "turbinex.notes.get": (id) => tx.notes.get(id),
    "turbinex.notes.update": (id) => tx.notes.update(id, { title: "t" } as never),
    "turbinex.notes.delete": (id) => tx.notes.delete(id),
    "turbinex.public.study": (id) => tx.public.study(id),
    "turbinex.public.artifacts": (id) => first(tx.public.artifacts(id)),
    "turbinex.public.download(artifactId)": (id) => tx.public.download("share_token_ok_123", id),
    "turbinex.reports.get": (id) => tx.reports.get(id),
    "turbinex.reports.download": (id) => tx.reports.download(id),
    "turbinex.studies.get": (id) => tx.studies.get(id),
    "turbinex.studies.update": (id) => tx.studies.update(id, { name: "n" }),
    "turbinex.studies.delete": (id) => tx.studies.delete(id),
    "turbinex.studies.rotateShareToken": (id) => tx.studies.rotateShareToken(id),
    "turbinex.studies.requestCertificationReport": (id) => tx.studies.requestCertificationReport(id),
    "turbinex.studies.artifacts.list": (id) => first(tx.studies.artifacts.list(id)),
    "turbinex.studies.artifacts.download": (id) => tx.studies.artifacts.download("std_1", id),
    "turbinex.turbines.get": (id) => tx.turbines.get(id),
    "turbinex.turbines.update": (id) => tx.turbines.update(id, { name: "n" }),
    "turbinex.turbines.delete": (id) => tx.turbines.delete(id),
    "turbinex.turbines.clone": (id) => tx.turbines.clone(id, { name: "n" }),
    "turbinex.auth.pats.revoke": (id) => tx.auth.pats.revoke(id),
    "turbostack.clients.get": (id) => ts.clients.get(id),
    "turbostack.clients.hosts": (id) => first(ts.clients.hosts(id)),
    "turbostack.clients.groups": (id) => first(ts.clients.groups(id)),
    "turbostack.groups.get": (id) => ts.groups.get(id),
    "turbostack.hosts.get": (id) => ts.hosts.get(id),
    "turbostack.hosts.deploy": (id) => ts.hosts.deploy(id, { type: "deploy" }),
    "turbostack.hosts.deployStatus": (id) => ts.hosts.deployStatus(id),
    "turbostack.hosts.credentials": (id) => ts.hosts.credentials(id),
    "turbostack.hosts.saveConfig": (id) => ts.hosts.saveConfig(id, {} as never),
    "lyceum.runs.status": (id) => ly.runs.status(id),
    "lyceum.runs.get": (id) => ly.runs.get(id),
    "lyceum.runs.timing": (id) => ly.runs.timing(id),
    "lyceum.runs.abort": (id) => ly.runs.abort(id),
    "lyceum.runs.abortWorkload": (id) => ly.runs.abortWorkload(id),
    "lyceum.runs.delete": (id) => ly.runs.delete(id),
    "lyceum.logs.forRun": (id) => ly.logs.forRun(id),
    "lyceum.metrics.forRun": (id) => ly.metrics.forRun(id),
    "lyceum.vms.status": (id) => ly.vms.status(id),
    "lyceum.vms.delete": (id) => ly.vms.delete(id),
    "lyceum.storage.download": (id) => ly.storage.download(id),
    "lyceum.storage.delete": (id) => ly.storage.delete(id),
    "lyceum.storage.deleteFolder": (id) => ly.storage.deleteFolder(id),
    "lyceum.env.delete": (id) => ly.env.delete(id),
    "lyceum.deployments.get": (id) => ly.deployments.get(id),
    "lyceum.deployments.stop": (id) => ly.deployments.stop(id),
    "lyceum.batches.get": (id) => ly.batches.get(id),
    "lyceum.batches.cancel": (id) => ly.batches.cancel(id),
    "lyceum.orgs.get": (id) => ly.orgs.get(id),
    "lyceum.orgs.members": (id) => first(ly.orgs.members(id)),
    "lyceum.orgs.balance": (id) => ly.orgs.balance(id),
    "lyceum.orgs.update": (id) => ly.orgs.update(id, { name: "n" } as never),
    "lyceum.apiKeys.delete": (id) => ly.apiKeys.delete(id),
    "lyceum.apiKeys.toggle": (id) => ly.apiKeys.toggle(id),
    "exchange.orders.cancel": (id) => ex.orders.cancel(id),
    "exchange.orders.states": (id) => ex.orders.states([id]),
  };
}
