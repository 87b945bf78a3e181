/** Test helpers for the printer bridge: a real aedes broker with logins, and polling. */
import { createServer, type Server } from "node:net";
import { Aedes, type AuthenticateError } from "aedes";
import mqtt, { type MqttClient } from "mqtt";

export const LOGINS: Record<string, string> = { "printer-1": "pw-printer-1", tester: "pw-tester" };

export interface TestBroker {
  aedes: Aedes;
  port: number;
  url: string;
  refused: string[];
  close(): Promise<void>;
}

/** Starts aedes on a free port of 127.0.0.1 with username/password checks. */
export async function startBroker(): Promise<TestBroker> {
  const refused: string[] = [];
  const aedes = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (username && LOGINS[username] === password?.toString()) return done(null, true);
      refused.push(username ?? "");
      const err = new Error("bad login") as AuthenticateError;
      err.returnCode = 4;
      done(err, false);
    },
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    aedes,
    port,
    url: `mqtt://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close();
        aedes.close(() => resolve());
      }),
  };
}

/** A client that sees everything (the tests play the server). */
export async function testClient(
  url: string,
): Promise<MqttClient & { got: { topic: string; payload: string; retain: boolean }[] }> {
  const c = (await mqtt.connectAsync(url, {
    username: "tester",
    password: LOGINS.tester,
    reconnectPeriod: 0,
  })) as MqttClient & {
    got: { topic: string; payload: string; retain: boolean }[];
  };
  c.got = [];
  c.on("message", (topic, payload, packet) =>
    c.got.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  await c.subscribeAsync("qms/#", { qos: 1 });
  return c;
}

/** Polls `cond` every 10 ms until it holds or `ms` pass. */
export async function waitFor(cond: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
