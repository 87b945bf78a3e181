/**
 * Test helper: a real Mosquitto broker (Debian package `mosquitto`) on a free port of
 * 127.0.0.1 with a password file and the ACL file that `npm run firmware-config` writes,
 * the setup of a hall that runs an external broker.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { freePort } from "./ports.ts";
import { requireTool } from "./tools.ts";

export interface Mosquitto {
  url: string;
  port: number;
  /** Kills the broker (retained messages are lost: persistence is off) and starts it again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function waitPort(port: number, open: boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await portOpen(port)) === open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} not ${open ? "open" : "closed"} after ${ms} ms`);
}

/**
 * Starts Mosquitto with `users` (name → password, hashed with mosquitto_passwd -U) and
 * `acl`; `restart()` keeps the port.
 */
export async function startMosquitto(users: Record<string, string>, acl: string): Promise<Mosquitto> {
  const mosquitto = requireTool("mosquitto");
  const port = await freePort();
  const dir = mkdtempSync("/tmp/fw-mosquitto-");
  const passwd = join(dir, "passwd");
  writeFileSync(
    passwd,
    Object.entries(users)
      .map(([u, p]) => `${u}:${p}\n`)
      .join(""),
  );
  const hashed = spawnSync("mosquitto_passwd", ["-U", passwd], { encoding: "utf8" });
  if (hashed.status !== 0) throw new Error(`mosquitto_passwd: ${hashed.stderr}`);
  writeFileSync(join(dir, "acl"), acl);
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      `password_file ${passwd}`,
      `acl_file ${join(dir, "acl")}`,
      "persistence false",
      // Started as root, Mosquitto would switch to the `mosquitto` user and lose the temp dir.
      "user root",
      "log_dest stderr",
      "log_type error",
    ].join("\n") + "\n",
  );
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(mosquitto, ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    // Pass on Mosquitto's errors, not its warning about running as root (see `user root`).
    proc.stderr?.on("data", (b: Buffer) => {
      const lines = b
        .toString()
        .split("\n")
        .filter((l) => l && !l.includes("should not be run as root"));
      if (lines.length) process.stderr.write(lines.join("\n") + "\n");
    });
    await waitPort(port, true);
  };
  const kill = async () => {
    if (!proc) return;
    const p = proc;
    proc = null;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGKILL");
    await exited;
    await waitPort(port, false);
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
