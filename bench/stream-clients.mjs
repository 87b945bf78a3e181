/**
 * The reading clients of bench/stream.ts, in their own Node process so that their work
 * does not slow the bench's own timing of ticket issues: `readers` SSE streams on raw
 * sockets (each takes every byte as it comes) and `mqtt` MQTT-over-WebSocket subscribers
 * of `hall/#` (MQTT.js on Node's `ws`), opened `batch` at a time.
 * Prints `ready {...}` once all are open; on a `stats` line on stdin prints `stats {...}`;
 * on `bye` closes everything and exits.
 * Run by bench/stream.ts: node bench/stream-clients.mjs PORT PATH HALL READERS MQTT
 */
import { connect } from "node:net";
import { createInterface } from "node:readline";
import mqtt from "mqtt";

const [port, path, hallId, nReaders, nMqtt] = process.argv.slice(2);
const BATCH = 50;
const readers = [];
let bytes = 0;
let readerClosed = 0;

function reader() {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.once("data", (d) => {
      if (!d.toString("latin1").startsWith("HTTP/1.1 200")) reject(new Error(d.toString().slice(0, 200)));
      else resolve(socket);
    });
    socket.on("data", (d) => {
      bytes += d.length;
    });
    socket.on("close", () => readerClosed++);
    socket.on("error", reject);
  });
}

const subs = [];
let mqttMsgs = 0;
let mqttRefused = 0;
let mqttClosed = 0;

async function subscriber(i) {
  for (let attempt = 0; attempt < 3; attempt++) {
    let c = null;
    try {
      c = await mqtt.connectAsync(`ws://127.0.0.1:${port}/mqtt`, {
        protocolVersion: 4,
        clientId: `bench-board-${i}-${attempt}`,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
      });
      await Promise.race([
        c.subscribeAsync(`qms/${hallId}/hall/#`, { qos: 1 }),
        new Promise((_, r) => setTimeout(() => r(new Error("no SUBACK in 10 s")), 10_000)),
      ]);
      c.on("message", () => mqttMsgs++);
      c.on("close", () => mqttClosed++);
      subs.push(c);
      return;
    } catch (e) {
      c?.end(true);
      if (attempt === 2) {
        mqttRefused++;
        console.error(`MQTT subscriber ${i}: ${e.message}`);
      }
    }
  }
}

const t0 = performance.now();
for (let i = 0; i < Number(nReaders); i += BATCH) {
  const n = Math.min(BATCH, Number(nReaders) - i);
  readers.push(...(await Promise.all(Array.from({ length: n }, () => reader()))));
}
const readersMs = performance.now() - t0;
for (let i = 0; i < Number(nMqtt); i += BATCH) {
  const n = Math.min(BATCH, Number(nMqtt) - i);
  await Promise.all(Array.from({ length: n }, (_, k) => subscriber(i + k)));
}
const stats = () => ({
  readers: readers.length,
  readerClosed,
  mbPerReader: readers.length ? bytes / readers.length / 1e6 : 0,
  mqttSubs: subs.length,
  mqttRefused,
  mqttClosed,
  mqttMsgs,
  openMs: Math.round(performance.now() - t0),
  readersMs: Math.round(readersMs),
});
console.log(`ready ${JSON.stringify(stats())}`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "stats") console.log(`stats ${JSON.stringify(stats())}`);
  if (line === "bye") break;
}
for (const r of readers) r.destroy();
await Promise.all(subs.map((c) => c.endAsync(true)));
process.exit(0);
