/**
 * The embedded MQTT broker of the one-command province (aedes 1.x, as the hall's:
 * docs/decisions/0002-embedded-broker.md): halls log in with their id and secret (checked
 * against the store, like the uplink's HTTP credential) and publish their live summary and
 * status under their own prefix only (acl.ts); a denied publish closes the client. Retained
 * messages live in memory: halls publish again when they reconnect.
 */
import { createServer, type Server } from "node:net";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import type { HallRegistry } from "../store/halls.ts";
import { PROVINCE_LOGIN, type ProvinceAcl, type ProvinceIdentity } from "./acl.ts";

export interface ProvinceBroker {
  aedes: Aedes;
  port: number;
  close(): Promise<void>;
}

const who = new WeakMap<Client, ProvinceIdentity>();

export async function startProvinceBroker(o: {
  port: number;
  host?: string;
  acl: ProvinceAcl;
  halls: HallRegistry;
  /** The province server's own password (external clients of the province, e.g. a second server). */
  provincePassword: string;
  log: (m: string) => void;
}): Promise<ProvinceBroker> {
  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const pw = password?.toString("utf8") ?? "";
      const refuse = () => {
        o.log(`refused MQTT login "${username ?? ""}" from ${client.id}`);
        const err = new Error("bad username or password") as AuthenticateError;
        err.returnCode = 4;
        done(err, false);
      };
      if (!username) return refuse();
      if (username === PROVINCE_LOGIN) {
        if (pw !== o.provincePassword) return refuse();
        who.set(client, { type: "province" });
        return done(null, true);
      }
      o.halls.verify(username, pw).then(
        (ok) => {
          if (!ok) return refuse();
          who.set(client, { type: "hall", hallId: username });
          done(null, true);
        },
        () => refuse(),
      );
    },
    authorizePublish(client, packet, cb) {
      // In-process publishes (client null) are the server's own.
      const id = client ? (who.get(client) ?? { type: "none" as const }) : ({ type: "province" } as const);
      if (!client || o.acl.canPublish(id, packet.topic)) return cb(null);
      o.log(`denied publish on ${packet.topic} by ${client.id}`);
      cb(new Error("not authorized"));
    },
    authorizeSubscribe(client, sub, cb) {
      const id = who.get(client) ?? { type: "none" as const };
      if (o.acl.canSubscribe(id, sub.topic)) return cb(null, sub);
      o.log(`denied subscribe to ${sub.topic} by ${client.id}`);
      cb(null, null);
    },
  });
  const tcp: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(o.port, o.host ?? "0.0.0.0", () => resolve());
  });
  const addr = tcp.address();
  const port = typeof addr === "object" && addr ? addr.port : o.port;
  return {
    aedes,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close();
        aedes.close(() => resolve());
      }),
  };
}
