/**
 * The embedded MQTT broker (aedes 1.x, MQTT 3.1.1): TCP on QMS_MQTT_PORT and WebSocket
 * at /mqtt on the HTTP port (docs/decisions/0002-embedded-broker.md). Retained messages
 * live in memory: the gateway republishes all state at start.
 *
 * Identity (docs/decisions/0021-mqtt-identity.md): a client id reserved for a login is
 * accepted only from that login, anonymous clients get no persistent session, every
 * delivery (queued ones of a restored session too) is checked against the ACL, packets
 * are capped by identity before they are buffered, and connections per address are capped.
 */
import { createServer, type Server, type Socket } from "node:net";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import type { ServerWebSocket, WebSocketHandler } from "bun";
import type { DeviceInfo } from "../contract/config.ts";
import type { Acl, Identity } from "./acl.ts";
import { type Credentials, checkLogin, SERVER_LOGIN } from "./credentials.ts";
import { checkClientId, clientIdRules } from "./identity.ts";
import {
  ANONYMOUS_MAX_PACKET,
  ConnectionCounter,
  DEFAULT_MAX_PER_ADDRESS,
  LOGIN_MAX_PACKET,
  PacketGuard,
} from "./limits.ts";
import { WholeReadDuplex } from "./whole-reads.ts";

export interface EmbeddedBroker {
  aedes: Aedes;
  port: number;
  /** Bun WebSocket handlers that bridge a socket into the broker. */
  websocket: WebSocketHandler<WsData>;
  /**
   * The hall's devices changed (a counter or printer added in the settings): their logins
   * and client ids are accepted from now on, a removed device's are refused at its next
   * connection. The credentials object is read at each login, so new passwords added to
   * it apply at once.
   */
  setDevices(devices: readonly DeviceInfo[]): void;
  close(): Promise<void>;
}

export interface WsData {
  stream?: WholeReadDuplex;
  guard?: PacketGuard;
  /** The address counted against the per-address cap (unset = refused, not counted). */
  address?: string;
  /** The client's address as the HTTP server saw it (behind a trusted proxy: the forwarded one). */
  client?: string;
}

/** Bun WebSocket settings shared by the embedded broker and the proxy to an external one. */
export const WS_LIMITS = {
  idleTimeout: 120,
  /** One WebSocket message carries one MQTT packet or a few: never more than a login's cap. */
  maxPayloadLength: LOGIN_MAX_PACKET + 1024,
  /** A subscriber that stops reading is dropped (it resyncs from retained state on reconnect). */
  backpressureLimit: 1024 * 1024,
  closeOnBackpressureLimit: true,
} as const;

const who = new WeakMap<Client, Identity>();

export async function startEmbeddedBroker(opts: {
  port: number;
  host?: string;
  acl: Acl;
  credentials: Credentials;
  devices: readonly DeviceInfo[];
  hallId: string;
  /** Simultaneous connections from one address, TCP and WebSocket together (0 = no cap). */
  maxPerAddress?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedBroker> {
  const log = opts.log ?? ((m) => console.warn(`[mqtt] ${m}`));
  const devices = new Map<string, DeviceInfo>();
  let rules = clientIdRules(opts.hallId, [SERVER_LOGIN], []);
  const setDevices = (list: readonly DeviceInfo[]) => {
    devices.clear();
    for (const d of list) devices.set(d.id, d);
    rules = clientIdRules(
      opts.hallId,
      [SERVER_LOGIN, ...list.map((d) => d.id)],
      list.flatMap((d) => (d.printer ? [d.printer] : [])),
    );
  };
  setDevices(opts.devices);
  const guards = new WeakMap<object, PacketGuard>();
  const perAddress = new ConnectionCounter(opts.maxPerAddress ?? DEFAULT_MAX_PER_ADDRESS);
  const refuse = (done: (e: AuthenticateError, ok: boolean) => void, code: number, msg: string) => {
    const err = new Error(msg) as AuthenticateError;
    err.returnCode = code;
    done(err, false);
  };

  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const login = username === undefined || username === "" ? undefined : username;
      if (login !== undefined && !checkLogin(opts.credentials, login, password?.toString("utf8") ?? "")) {
        log(`refused login "${clip(login)}" from client ${clip(client.id)}`);
        return refuse(done, 4, "bad username or password");
      }
      if (login !== undefined && login !== SERVER_LOGIN && !devices.has(login)) {
        log(`refused login "${clip(login)}": not an MQTT device (kiosks speak HTTP only)`);
        return refuse(done, 5, "not an MQTT login");
      }
      const refusal = checkClientId(rules, { clientId: client.id, login, clean: client.clean });
      if (refusal) {
        log(`refused client "${clip(client.id)}" (${login ? `login ${login}` : "anonymous"}): ${refusal}`);
        return refuse(done, 5, refusal);
      }
      const device = login ? devices.get(login) : undefined;
      const id: Identity =
        login === SERVER_LOGIN
          ? { type: "server" }
          : device
            ? { type: "device", device }
            : { type: "anonymous" };
      who.set(client, id);
      const guard = guards.get(client.conn);
      if (guard && id.type !== "anonymous") guard.cap = LOGIN_MAX_PACKET;
      done(null, true);
    },
    authorizePublish(client, packet, cb) {
      const id = client ? who.get(client) : ({ type: "server" } as Identity);
      if (id && opts.acl.canPublish(id, packet.topic)) return cb(null);
      log(`denied publish on ${clip(packet.topic)} by ${clip(client?.id ?? "?")}`);
      cb(new Error("not authorized"));
    },
    authorizeSubscribe(client, sub, cb) {
      const id = who.get(client) ?? { type: "anonymous" };
      if (opts.acl.canSubscribe(id, sub.topic)) return cb(null, sub);
      log(`denied subscribe to ${clip(sub.topic)} by ${clip(client.id)}`);
      cb(null, null); // negative SUBACK (0x80), the connection stays up
    },
    // Every delivery, live or queued for a restored session, is checked again.
    authorizeForward(client, packet) {
      const id = who.get(client) ?? { type: "anonymous" };
      return opts.acl.canRead(id, packet.topic) ? packet : undefined;
    },
  });

  const tcp: Server = createServer((sock) => {
    const address = sock.remoteAddress ?? "?";
    if (!perAddress.open(address)) {
      log(`refused TCP connection from ${address}: ${perAddress.maxPerAddress} already open`);
      sock.destroy();
      return;
    }
    sock.once("close", () => perAddress.close(address));
    const conn = new GuardedSocket(sock, new PacketGuard(ANONYMOUS_MAX_PACKET), (cap) =>
      log(`closed connection from ${address}: packet over ${cap} bytes`),
    );
    guards.set(conn, conn.guard);
    aedes.handle(conn);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const addr = tcp.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;

  const websocket: WebSocketHandler<WsData> = {
    ...WS_LIMITS,
    open(ws: ServerWebSocket<WsData>) {
      const address = ws.data.client ?? ws.remoteAddress;
      if (!perAddress.open(address)) {
        log(`refused WebSocket from ${address}: ${perAddress.maxPerAddress} already open`);
        ws.close(1013, "too many connections");
        return;
      }
      ws.data.address = address;
      // aedes writes a packet in pieces (header, topic, payload): they are gathered and
      // sent as one WebSocket message at the end of the tick, not one message (and one
      // send) per piece, which cost 10 % of the server's CPU with 200 boards.
      let pending: Buffer[] = [];
      const flush = () => {
        const parts = pending;
        pending = [];
        if (parts.length > 0 && ws.readyState === 1)
          ws.sendBinary(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
      };
      const stream = new WholeReadDuplex({
        read() {},
        write(chunk: Buffer, _enc, cb) {
          if (pending.push(chunk) === 1) queueMicrotask(flush);
          cb();
        },
        final(cb) {
          flush(); // a refusal's CONNACK goes out before the close
          ws.close();
          cb();
        },
        destroy(_err, cb) {
          try {
            flush();
            ws.close();
          } catch {
            /* closed */
          }
          cb(null);
        },
      });
      const guard = new PacketGuard(ANONYMOUS_MAX_PACKET);
      ws.data.stream = stream;
      ws.data.guard = guard;
      guards.set(stream, guard);
      aedes.handle(stream);
    },
    message(ws, msg) {
      const buf = typeof msg === "string" ? Buffer.from(msg) : Buffer.from(msg);
      if (ws.data.guard && !ws.data.guard.feed(buf)) {
        log(`closed WebSocket from ${ws.remoteAddress}: packet over ${ws.data.guard.cap} bytes`);
        ws.close(1009, "packet too large");
        ws.data.stream?.destroy();
        return;
      }
      ws.data.stream?.push(buf);
    },
    close(ws) {
      if (ws.data.address !== undefined) perAddress.close(ws.data.address);
      ws.data.address = undefined;
      ws.data.stream?.push(null);
      ws.data.stream?.destroy();
    },
  };

  return {
    aedes,
    port,
    websocket,
    setDevices,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close();
        aedes.close(() => resolve());
      }),
  };
}

/**
 * A TCP socket seen through a PacketGuard: bytes reach aedes only after the guard
 * has read the length of the packet they belong to; a packet over the cap destroys
 * the socket at once. Reading pauses while aedes is busy (backpressure).
 */
class GuardedSocket extends WholeReadDuplex {
  constructor(
    private readonly sock: Socket,
    readonly guard: PacketGuard,
    onTooLarge: (cap: number) => void,
  ) {
    super();
    sock.on("data", (chunk: Buffer) => {
      if (!guard.feed(chunk)) {
        onTooLarge(guard.cap);
        sock.destroy();
        this.destroy();
        return;
      }
      if (!this.push(chunk)) sock.pause();
    });
    sock.on("end", () => this.push(null));
    sock.on("close", () => this.destroy());
    sock.on("error", () => this.destroy());
  }

  override _read(): void {
    this.sock.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.sock.destroyed || this.sock.write(chunk)) cb();
    else this.sock.once("drain", () => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.sock.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.sock.destroy();
    cb(err);
  }
}

const clip = (s: string) => s.slice(0, 60).replace(/[^\x20-\x7e]/g, "?");
