/** The province server as a real process (`bun province/main.ts`), for crash tests: start, wait, kill -9. */
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";
import { until } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "../..");

export interface ProvinceProcess {
  proc: Subprocess;
  url: string;
  log(): string;
  /** SIGKILL, as a power cut of the process: no shutdown code runs. */
  kill9(): Promise<void>;
}

/** Starts the province with these settings (QMS_PROVINCE_*) and waits until it answers. */
export async function spawnProvince(port: number, env: Record<string, string>): Promise<ProvinceProcess> {
  let log = "";
  const proc = spawn([process.execPath, "province/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, QMS_PROVINCE_PORT: String(port), ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  for (const s of [proc.stdout, proc.stderr] as ReadableStream<Uint8Array>[])
    void (async () => {
      const r = s.getReader();
      for (let c = await r.read(); !c.done; c = await r.read()) log += new TextDecoder().decode(c.value);
    })();
  const url = `http://127.0.0.1:${port}`;
  try {
    await until(async () => (await fetch(`${url}/api/health`)).ok, 60_000, "the province server");
  } catch (e) {
    proc.kill("SIGKILL");
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  return {
    proc,
    url,
    log: () => log,
    async kill9() {
      proc.kill("SIGKILL");
      await proc.exited;
    },
  };
}
