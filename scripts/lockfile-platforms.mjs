// Adds the lockfile records of optional platform packages (other OSes' binaries of biome, deno,
// rollup…) that npm left out when it wrote package-lock.json (npm/cli#4828: a lockfile written
// where those packages cannot install lacks them, and `npm ci` then refuses to run anywhere).
// When the registry has no such package (the mirror here lacks some other-platform binaries), the
// record holds what `npm ci` needs to skip it: the version, and os/cpu/libc read from its name.
// Usage: node scripts/lockfile-platforms.mjs  (reads `npm ci --dry-run`, asks the registry).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const OSES = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "netbsd",
  "openbsd",
  "sunos",
  "win32",
  "aix",
  "openharmony",
];
const CPUS = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "ppc64",
  "s390x",
  "riscv64",
  "loong64",
  "mips64el",
  "mipsel",
  "ppc",
];
const lockPath = "package-lock.json";
const dry = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], {
  encoding: "utf8",
});
const missing = [...`${dry.stdout}${dry.stderr}`.matchAll(/Missing: (@?[^@\s]+)@\S* from lock file/g)].map(
  (m) => m[1],
);
if (missing.length === 0) {
  console.log("lockfile: no platform package missing");
  process.exit(0);
}

const lock = JSON.parse(readFileSync(lockPath, "utf8"));
for (const name of new Set(missing)) {
  // The package that lists it as optional, and the version it pins.
  const parent = Object.entries(lock.packages).find(([, p]) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package in the lockfile declares ${name}`);
  const [parentPath, parentPkg] = parent;
  const spec = parentPkg.optionalDependencies[name];
  const info = registryInfo(name, spec) ?? platformFromName(name, spec);
  const top = `node_modules/${name}`;
  const path =
    lock.packages[top] && lock.packages[top].version !== info.version ? `${parentPath}/${top}` : top;
  lock.packages[path] = {
    version: info.version,
    ...(info.dist?.integrity ? { integrity: info.dist.integrity } : {}),
    ...(info.cpu ? { cpu: info.cpu } : {}),
    ...(parentPkg.dev ? { dev: true } : {}),
    ...(info.engines ? { engines: info.engines } : {}),
    ...(info.libc ? { libc: info.libc } : {}),
    ...(info.license ? { license: info.license } : {}),
    optional: true,
    ...(info.os ? { os: info.os } : {}),
  };
  console.log(`lockfile: + ${path}@${info.version}`);
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);

function registryInfo(name, spec) {
  try {
    const meta = JSON.parse(
      execFileSync("npm", ["view", `${name}@${spec}`, "--json"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    return Array.isArray(meta) ? meta.at(-1) : meta;
  } catch {
    return undefined;
  }
}

function platformFromName(name, spec) {
  const parts = name.split("/").at(-1).split("-");
  const os = OSES.find((o) => parts.includes(o));
  const cpu = CPUS.find((c) => parts.includes(c));
  if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(spec)) {
    throw new Error(`${name}@${spec}: not in the registry, and no platform can be read from its name`);
  }
  const libc = parts.includes("musl")
    ? ["musl"]
    : parts.includes("gnu") || parts.includes("glibc")
      ? ["glibc"]
      : undefined;
  return { version: spec, os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}
