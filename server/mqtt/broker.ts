/**
 * The embedded MQTT broker (aedes 1.x, MQTT 3.1.1): TCP on QMS_MQTT_PORT and WebSocket
 * at /mqtt on the HTTP port (docs/decisions/0002-embedded-broker.md). Retained messages
 * live in memory: the gateway republishes all state at start.
 */
import { createServer, type Server } from "node:net";
import { Duplex } from "node:stream";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import type { ServerWebSocket, WebSocketHandler } from "bun";
import type { DeviceInfo } from "../contract/config.ts";
import type { Acl, Identity } from "./acl.ts";
import { type Credentials, checkLogin, SERVER_LOGIN } from "./credentials.ts";

export interface EmbeddedBroker {
  aedes: Aedes;
  port: number;
  /** Bun WebSocket handlers that bridge a socket into the broker. */
  websocket: WebSocketHandler<WsData>;
  close(): Promise<void>;
}

export interface WsData {
  stream?: Duplex;
}

const who = new WeakMap<Client, Identity>();

export async function startEmbeddedBroker(opts: {
  port: number;
  host?: string;
  acl: Acl;
  credentials: Credentials;
  devices: readonly DeviceInfo[];
  log?: (msg: string) => void;
}): Promise<EmbeddedBroker> {
  const log = opts.log ?? ((m) => console.warn(`[mqtt] ${m}`));
  const devices = new Map(opts.devices.map((d) => [d.id, d]));
  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      if (username === undefined || username === "") {
        who.set(client, { type: "anonymous" });
        return done(null, true);
      }
      const pw = password?.toString("utf8") ?? "";
      if (!checkLogin(opts.credentials, username, pw)) {
        log(`refused login "${username}" from client ${client.id}`);
        const err = new Error("bad username or password") as AuthenticateError;
        err.returnCode = 4;
        return done(err, false);
      }
      const device = devices.get(username);
      who.set(
        client,
        username === SERVER_LOGIN
          ? { type: "server" }
          : device
            ? { type: "device", device }
            : { type: "anonymous" },
      );
      done(null, true);
    },
    authorizePublish(client, packet, cb) {
      const id = client ? who.get(client) : ({ type: "server" } as Identity);
      if (id && opts.acl.canPublish(id, packet.topic)) return cb(null);
      log(`denied publish on ${packet.topic} by ${client?.id ?? "?"}`);
      cb(new Error("not authorized"));
    },
    authorizeSubscribe(client, sub, cb) {
      const id = who.get(client) ?? { type: "anonymous" };
      if (opts.acl.canSubscribe(id, sub.topic)) return cb(null, sub);
      log(`denied subscribe to ${sub.topic} by ${client.id}`);
      cb(null, null); // negative SUBACK (0x80), the connection stays up
    },
  });
  const tcp: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const addr = tcp.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;

  const websocket: WebSocketHandler<WsData> = {
    open(ws: ServerWebSocket<WsData>) {
      const stream = new Duplex({
        read() {},
        write(chunk: Buffer, _enc, cb) {
          if (ws.readyState === 1) ws.sendBinary(chunk);
          cb();
        },
        final(cb) {
          ws.close();
          cb();
        },
        destroy(_err, cb) {
          try {
            ws.close();
          } catch {
            /* closed */
          }
          cb(null);
        },
      });
      ws.data.stream = stream;
      aedes.handle(stream);
    },
    message(ws, msg) {
      ws.data.stream?.push(typeof msg === "string" ? Buffer.from(msg) : Buffer.from(msg));
    },
    close(ws) {
      ws.data.stream?.push(null);
      ws.data.stream?.destroy();
    },
    idleTimeout: 120,
  };

  return {
    aedes,
    port,
    websocket,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close();
        aedes.close(() => resolve());
      }),
  };
}
