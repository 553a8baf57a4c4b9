// Starts bench/lib/fixed-server.mjs in a child process (its own core when there is one).
import { fork } from "node:child_process";

export { jwt } from "./jwt.mjs";

export async function startFixedServer() {
  const child = fork(new URL("./fixed-server.mjs", import.meta.url), [], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fixed server exited (${code})`)));
    child.stdout.on("data", (data) => {
      const match = /PORT (\d+)/.exec(String(data));
      if (match) resolve(Number(match[1]));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    stats: async () => (await fetch(`${origin}/__stats`)).json(),
    reset: async () => (await fetch(`${origin}/__reset`, { method: "POST" })).json(),
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill();
      }),
  };
}
