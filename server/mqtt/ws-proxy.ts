/**
 * With an external broker, `/mqtt` on the HTTP port still works: each WebSocket is
 * piped to a TCP connection to the broker, which does its own login and ACL.
 */
import { connect, type Socket } from "node:net";
import type { WebSocketHandler } from "bun";
import type { WsData } from "./broker.ts";

const sockets = new WeakMap<object, Socket>();

export function proxyWebSocketToBroker(mqttUrl: string): WebSocketHandler<WsData> {
  const u = new URL(mqttUrl);
  const port = Number(u.port || 1883);
  return {
    open(ws) {
      const s = connect(port, u.hostname);
      sockets.set(ws, s);
      s.on("data", (d: Buffer) => ws.readyState === 1 && ws.sendBinary(d));
      s.on("close", () => ws.close());
      s.on("error", () => ws.close());
    },
    message(ws, msg) {
      sockets.get(ws)?.write(typeof msg === "string" ? Buffer.from(msg) : msg);
    },
    close(ws) {
      sockets.get(ws)?.destroy();
    },
  };
}
