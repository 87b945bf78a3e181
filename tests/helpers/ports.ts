/** A TCP port free on 127.0.0.1 right now, for a process that cannot listen on port 0 and report back (Mosquitto, a restarted hall). */
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}
