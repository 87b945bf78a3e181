/**
 * Bun's `Readable.read()` returns one buffered chunk where Node's returns them all; aedes
 * reads once per `readable` event, so chunks pushed while it was busy stayed unread and a
 * WebSocket board's SUBSCRIBE was never answered (server/mqtt/whole-reads.ts). The
 * subscriber here sends its CONNECT and SUBSCRIBE one byte per WebSocket message, without
 * waiting for the CONNACK (as MQTT allows), over the hall's real `/mqtt`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { WholeReadDuplex } from "../../../server/mqtt/whole-reads.ts";
import { startTestHall } from "../../helpers/hall.ts";

const str = (s: string) => [s.length >> 8, s.length & 0xff, ...Buffer.from(s)];
const CONNECT = (id: string) => {
  const body = [...str("MQTT"), 4, 0x02, 0, 60, ...str(id)];
  return [0x10, body.length, ...body];
};
const SUBSCRIBE = (topic: string) => {
  const body = [0, 1, ...str(topic), 0];
  return [0x82, body.length, ...body];
};

let hall: RunningHall;
beforeAll(async () => {
  hall = await startTestHall();
});
afterAll(async () => {
  await hall.stop();
});

describe("the embedded broker's reads", () => {
  it("read() without a size returns every buffered chunk", () => {
    const d = new WholeReadDuplex({ read() {}, write: (_c, _e, cb) => cb() });
    d.push(Buffer.from([1]));
    d.push(Buffer.from([2, 3]));
    d.push(Buffer.from([4, 5, 6]));
    expect([...(d.read() as Buffer)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.read()).toBeNull();
  });

  it("answers a SUBSCRIBE sent in one-byte WebSocket messages right after the CONNECT", async () => {
    for (let n = 0; n < 5; n++) {
      const ws = new WebSocket(`ws://127.0.0.1:${hall.port}/mqtt`, "mqtt");
      ws.binaryType = "arraybuffer";
      const got: number[] = [];
      ws.onmessage = (e) => got.push(...new Uint8Array(e.data as ArrayBuffer));
      await new Promise((r, j) => {
        ws.onopen = r;
        ws.onerror = j;
      });
      for (const b of [...CONNECT(`bytewise-${n}`), ...SUBSCRIBE("qms/phu-lien/hall/state")])
        ws.send(new Uint8Array([b]));
      // CONNACK (0x20), then SUBACK (0x90) for packet id 1 with QoS 0 granted.
      for (let i = 0; i < 100 && !got.includes(0x90); i++) await Bun.sleep(20);
      const at = got.indexOf(0x90);
      expect(got[0]).toBe(0x20);
      expect(at).toBeGreaterThan(0);
      expect(got.slice(at, at + 5)).toEqual([0x90, 3, 0, 1, 0]);
      ws.close();
    }
  });
});
