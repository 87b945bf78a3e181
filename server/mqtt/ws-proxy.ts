/**
 * With an external broker, `/mqtt` on the HTTP port still works: each WebSocket is
 * piped to a TCP connection to the broker, which does its own login, client-id and ACL
 * checks (the generated Mosquitto config, server/mqtt/mosquitto.ts). The proxy applies
 * the same size and per-address caps as the embedded broker before anything reaches it.
 */
import { connect, type Socket } from "node:net";
import type { WebSocketHandler } from "bun";
import { WS_LIMITS, type WsData } from "./broker.ts";
import {
  ANONYMOUS_MAX_PACKET,
  ConnectionCounter,
  DEFAULT_MAX_PER_ADDRESS,
  LOGIN_MAX_PACKET,
  PacketGuard,
} from "./limits.ts";

const sockets = new WeakMap<object, Socket>();

export function proxyWebSocketToBroker(
  mqttUrl: string,
  opts: { maxPerAddress?: number; log?: (m: string) => void } = {},
): WebSocketHandler<WsData> {
  const u = new URL(mqttUrl);
  const port = Number(u.port || 1883);
  const log = opts.log ?? ((m: string) => console.warn(`[mqtt] ${m}`));
  const perAddress = new ConnectionCounter(opts.maxPerAddress ?? DEFAULT_MAX_PER_ADDRESS);
  return {
    ...WS_LIMITS,
    open(ws) {
      const address = ws.data.client ?? ws.remoteAddress;
      if (!perAddress.open(address)) {
        log(`refused WebSocket from ${address}: ${perAddress.maxPerAddress} already open`);
        ws.close(1013, "too many connections");
        return;
      }
      ws.data.address = address;
      // The CONNECT is held to the anonymous cap; what follows to a login's (the
      // broker refuses an anonymous client's publishes and caps packets itself).
      ws.data.guard = new PacketGuard(ANONYMOUS_MAX_PACKET);
      const s = connect(port, u.hostname);
      sockets.set(ws, s);
      s.on("data", (d: Buffer) => ws.readyState === 1 && ws.sendBinary(d));
      s.on("close", () => ws.close());
      s.on("error", () => ws.close());
    },
    message(ws, msg) {
      const buf = typeof msg === "string" ? Buffer.from(msg) : Buffer.from(msg);
      const g = ws.data.guard;
      if (g && !g.feed(buf)) {
        log(`closed WebSocket from ${ws.remoteAddress}: packet over ${g.cap} bytes`);
        sockets.get(ws)?.destroy();
        ws.close(1009, "packet too large");
        return;
      }
      if (g) g.cap = LOGIN_MAX_PACKET;
      sockets.get(ws)?.write(buf);
    },
    close(ws) {
      if (ws.data.address !== undefined) perAddress.close(ws.data.address);
      ws.data.address = undefined;
      sockets.get(ws)?.destroy();
    },
  };
}
