/**
 * The kernel's send queues per connection, read from `/proc/net/tcp` (decision 0116):
 * the parser on a sample of the table, and a real reading of a socket that does not read.
 */
import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { parseSendQueues, readSendQueues } from "../../../../server/http/sse/kernel-queues.ts";

const SAMPLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0100007F:0BB8 0100007F:A2C4 01 0003E800:00000000 01:00000010 00000000     0        0 2 1 0 20 4 30 10 -1
   2: 0100007F:0BB8 0200007F:A2C4 01 00000400:00000000 01:00000010 00000000     0        0 3 1 0 20 4 30 10 -1
   3: 0100007F:0BB8 0100007F:A2C5 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
   4: 0100007F:1F90 0100007F:A2C6 01 00FFFFFF:00000000 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1
   5: 0100007F:0BB8 0100007F:A2C7 06 00FFFFFF:00000000 00:00000000 00000000     0        0 6 1 0 20 4 30 10 -1
`;

describe("kernel send queues", () => {
  it("reads tx_queue of the established connections to the port, the smaller of two on one client port", () => {
    const q = parseSendQueues(SAMPLE, 3000);
    expect(q.get(0xa2c4)).toBe(0x400); // two hosts, same port: the smaller
    expect(q.get(0xa2c5)).toBe(0);
    expect(q.has(0xa2c6)).toBe(false); // another server port
    expect(q.has(0xa2c7)).toBe(false); // not established
    expect(q.size).toBe(2);
  });

  it("sees what the kernel holds for a client that does not read", async () => {
    const server = createServer((s) => {
      s.write(Buffer.alloc(2 * 1024 * 1024, 0x61));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const client = connect(port, "127.0.0.1");
    client.pause();
    await new Promise<void>((r) => client.once("connect", () => r()));
    let held = 0;
    for (let i = 0; i < 50 && held < 64 * 1024; i++) {
      await Bun.sleep(20);
      held = new Map(readSendQueues(port) ?? []).get(client.localPort!) ?? 0;
    }
    expect(held).toBeGreaterThan(64 * 1024);
    client.destroy();
    server.close();
  });
});
