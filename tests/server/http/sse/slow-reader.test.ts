/**
 * A live stream whose client stops reading is dropped at its bound, counted in the process
 * AND in the kernel (docs/decisions/0116-slow-stream-readers.md), over a real socket:
 * a helper process opens `GET /api/live` with a 2 KB receive buffer and never reads while
 * the hall publishes 16 KB frames; a reading client on another socket gets every frame.
 *
 * At most 1.5 MB is published: the kernel alone takes 2.5 to 4 MB for a socket that does
 * not read before the process's queue grows at all, so a bound on the process's queue
 * alone never drops this client (the test fails without the kernel's count: checked).
 */
import { connect, type Socket } from "node:net";
import { spawn } from "bun";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SSE_BUFFER } from "../../../../server/http/sse/hub.ts";
import type { RunningHall } from "../../../../server/main.ts";
import { startTestHall } from "../../../helpers/hall.ts";

const SLOW_PY = `
import socket, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
s.connect(("127.0.0.1", port))
s.sendall(b"GET /api/live HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAccept: text/event-stream\\r\\n\\r\\n")
print("open", flush=True)
sys.stdin.readline()
# Now read what the kernel kept, to the end: the server closed the stream?
s.settimeout(5)
n = 0
try:
    while True:
        b = s.recv(65536)
        if not b:
            print("eof", n, flush=True); break
        n += len(b)
except ConnectionResetError:
    print("reset", n, flush=True)
except socket.timeout:
    print("open-still", n, flush=True)
`;

const ENC = new TextEncoder();
const MARK = "event: load-test\n";
const frame = (i: number) => ENC.encode(`${MARK}data: {"i":${i},"pad":"${"x".repeat(16 * 1024)}"}\n\n`);

/** A reading client of `/api/live` on a raw socket: counts the test's frames. */
function reader(port: number): Promise<{ socket: Socket; frames: () => number }> {
  return new Promise((resolve, reject) => {
    let text = "";
    let frames = 0;
    const socket = connect(port, "127.0.0.1", () =>
      socket.write("GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"),
    );
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      if (text === "" && frames === 0 && !d.startsWith("HTTP/1.1 200")) reject(new Error(d.slice(0, 200)));
      text += d;
      for (let at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK)) {
        frames++;
        text = text.slice(at + MARK.length);
      }
      if (text.length > MARK.length) text = text.slice(-MARK.length);
      resolve({ socket, frames: () => frames });
    });
    socket.on("error", reject);
  });
}

let hall: RunningHall;
beforeAll(async () => {
  hall = await startTestHall({ sseMaxPerAddress: 0 });
});
afterAll(async () => {
  await hall.stop();
});

describe("a live stream whose client stops reading", () => {
  it("is closed once the process and the kernel hold its bound, while a reader gets every frame", async () => {
    const r = await reader(hall.port);
    const py = `${process.env.TMPDIR ?? "/tmp"}/qms-slow-sse-${process.pid}.py`;
    await Bun.write(py, SLOW_PY);
    const slow = spawn(["python3", py, String(hall.port)], {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "inherit",
    });
    const out = slow.stdout.getReader();
    let buffered = "";
    const line = async () => {
      while (!buffered.includes("\n")) {
        const { value, done } = await out.read();
        if (done) break;
        buffered += new TextDecoder().decode(value);
      }
      const [first, ...rest] = buffered.split("\n");
      buffered = rest.join("\n");
      return first!.trim();
    };
    try {
      expect(await line()).toBe("open");
      for (let i = 0; i < 50 && hall.sse.size < 2; i++) await Bun.sleep(20);
      expect(hall.sse.size).toBe(2);

      let sent = 0;
      let bytes = 0;
      // 16 KB frames at ~640 KB/s, until the slow stream is dropped or 1.5 MB went out.
      while (hall.sse.stats.dropped === 0 && bytes < 1_500_000) {
        for (let k = 0; k < 4; k++) {
          const f = frame(sent++);
          bytes += f.byteLength;
          hall.sse.publish("public", f);
        }
        await Bun.sleep(100);
      }
      // The kernel's queues are read once a second by a worker and the bounds checked once a
      // second: on a loaded machine the drop may come after the last frame went out. Nothing
      // more is published while waiting, so only what the kernel already holds can drop it.
      for (let i = 0; i < 150 && hall.sse.stats.dropped === 0; i++) await Bun.sleep(100);
      expect(hall.sse.stats.dropped).toBe(1);
      expect(hall.sse.stats.droppedOverBound).toBe(1);
      expect(bytes).toBeGreaterThan(DEFAULT_SSE_BUFFER);
      expect(hall.sse.size).toBe(1);

      // The slow client, reading at last, finds its connection closed by the server.
      slow.stdin.write("read\n");
      slow.stdin.flush();
      const [how, got] = (await line()).split(" ");
      expect(["eof", "reset"]).toContain(how);
      expect(Number(got)).toBeLessThan(bytes);

      // The reader got every frame, up to the last one published.
      for (let i = 0; i < 100 && r.frames() < sent; i++) await Bun.sleep(20);
      expect(r.frames()).toBe(sent);
    } finally {
      slow.stdin.end();
      await slow.exited;
      r.socket.destroy();
    }
  });
});
