/**
 * WebSocket backpressure on the embedded broker (issue 11, `WS_LIMITS` in
 * server/mqtt/broker.ts): an MQTT-over-WebSocket subscriber that stops reading is closed
 * once Bun holds more than `backpressureLimit` bytes for it, while a subscriber that reads
 * gets every message. The slow one is a real socket: a helper process opens `/mqtt` with a
 * 2 KB receive buffer, subscribes to the hall's topics and never reads again; the hall
 * then publishes 64 KB messages until the broker lets it go.
 */
import { spawn } from "bun";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import type { RunningHall } from "../../../server/main.ts";
import { WS_LIMITS } from "../../../server/mqtt/broker.ts";
import { startTestHall } from "../../helpers/hall.ts";

const t = topics("qms", "phu-lien");

/** WebSocket handshake, MQTT CONNECT + SUBSCRIBE (masked frames), then never a read. */
const SLOW_WS_PY = `
import base64, os, socket, struct, sys
port, topic, cid = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
s.connect(("127.0.0.1", port))
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(("GET /mqtt HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
           "Sec-WebSocket-Key: %s\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Protocol: mqtt\\r\\n\\r\\n" % key).encode())
head = b""
while b"\\r\\n\\r\\n" not in head:
    head += s.recv(1)
if b" 101 " not in head.split(b"\\r\\n")[0]:
    print("refused", flush=True); sys.exit(1)
def frame(payload):
    mask = os.urandom(4)
    n = len(payload)
    hdr = bytes([0x82]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
    return hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
def mqtt_str(x):
    x = x.encode(); return struct.pack(">H", len(x)) + x
body = mqtt_str("MQTT") + bytes([4, 0x02]) + struct.pack(">H", 60) + mqtt_str(cid)
s.sendall(frame(bytes([0x10, len(body)]) + body))
sub = struct.pack(">H", 1) + mqtt_str(topic) + bytes([0])
s.sendall(frame(bytes([0x82, len(sub)]) + sub))
print("subscribed", flush=True)
sys.stdin.readline()
`;

let hall: RunningHall;
beforeAll(async () => {
  hall = await startTestHall();
});
afterAll(async () => {
  await hall.stop();
});

describe("an MQTT-over-WebSocket subscriber that stops reading", () => {
  it("is closed at the backpressure bound while a reading subscriber keeps up", async () => {
    const reader: MqttClient = await mqtt.connectAsync(`ws://127.0.0.1:${hall.port}/mqtt`, {
      protocolVersion: 4,
      clientId: "ws-reader",
      reconnectPeriod: 0,
    });
    let got = 0;
    // Only the test's 64 KB messages (the hall's own state goes out on the same topic).
    reader.on("message", (topic, payload) => {
      if (topic === t.hallState && payload.length === 64 * 1024) got++;
    });
    await reader.subscribeAsync(`${t.hallState}`, { qos: 0 });

    const py = `${process.env.TMPDIR ?? "/tmp"}/qms-slow-ws-${process.pid}.py`;
    await Bun.write(py, SLOW_WS_PY);
    const slow = spawn(["python3", py, String(hall.port), t.hallState, "ws-slow"], {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "inherit",
    });
    try {
      const line = new TextDecoder().decode((await slow.stdout.getReader().read()).value);
      expect(line.trim()).toBe("subscribed");
      // The broker has the slow client's subscription before anything is published.
      await new Promise((r) => setTimeout(r, 300));

      // The broker says when it lets the slow client go.
      let dropped = false;
      hall.broker!.aedes.on("clientDisconnect", (c) => {
        if (c.id === "ws-slow") dropped = true;
      });
      const payload = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      // Up to 40 MB: far past the kernel's socket buffers (a few MB) and Bun's bound.
      for (let i = 0; i < 640 && !dropped; i++) {
        hall.gateway.publish(t.hallState, payload);
        sent += payload.length;
        if (i % 8 === 7) await new Promise((r) => setTimeout(r, 20));
      }
      expect(dropped).toBe(true);
      expect(sent).toBeGreaterThan(WS_LIMITS.backpressureLimit);
      // The reader took every message, up to the last one sent.
      const want = sent / payload.length;
      for (let i = 0; i < 100 && got < want; i++) await new Promise((r) => setTimeout(r, 50));
      expect(got).toBe(want);
      expect(reader.connected).toBe(true);
    } finally {
      slow.stdin.write("bye\n");
      slow.stdin.end();
      await slow.exited;
      await reader.endAsync(true);
    }
  });
});
