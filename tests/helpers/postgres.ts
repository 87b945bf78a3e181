/**
 * A throwaway PostgreSQL server for a test (Debian `postgresql`, in scripts/system-deps.ts): initdb in a
 * temp folder and pg_ctl on a free port, as user `postgres` when the tests run as root
 * (PostgreSQL refuses to run as root), trust authentication on 127.0.0.1 only. `restart()`
 * is a real server restart (connections dropped); `stop()` removes everything.
 */
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "bun";
import { freePort } from "./ports.ts";
import { requireTool } from "./tools.ts";

/** The newest installed PostgreSQL's bin folder, or null. */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

export interface TestPostgres {
  url: string;
  port: number;
  restart(): void;
  stop(): void;
}

/** Starts one; fails with the install command when PostgreSQL is missing (tests/helpers/tools.ts: never a skip). */
export async function startPostgres(): Promise<TestPostgres> {
  requireTool("pg_ctlcluster");
  const bin = postgresBin();
  if (!bin)
    throw new Error(
      "PostgreSQL's server binaries are missing under /usr/lib/postgresql (Debian package postgresql)",
    );
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "qms-pg-"));
  chmodSync(dir, 0o700);
  if (root) {
    const pw = spawnSync(["id", "-u", "postgres"]);
    const uid = Number(pw.stdout.toString().trim());
    const gid = Number(spawnSync(["id", "-g", "postgres"]).stdout.toString().trim());
    chownSync(dir, uid, gid);
  }
  const as = (cmd: string[]) => (root ? ["runuser", "-u", "postgres", "--", ...cmd] : cmd);
  const run = (cmd: string[]) => {
    const r = spawnSync(as(cmd), { stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`${cmd[0]} failed: ${r.stderr.toString()} ${r.stdout.toString()}`);
  };
  const data = join(dir, "data");
  run([
    join(bin, "initdb"),
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
    "--locale=C",
  ]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=32MB -c max_connections=40`;
  const start = () =>
    run([join(bin, "pg_ctl"), "-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "start"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart() {
      run([join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]);
      start();
    },
    stop() {
      spawnSync(as([join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
