/**
 * Oversized HTTP bodies (issue 11, "HTTP bodies up to 128 MB are buffered before any
 * check"; decisions 0024, 0080), at a real port over a raw TCP socket: a write that
 * announces 100 MB is answered 413 before a byte of its body is sent; a chunked body is
 * answered 413 and cut off long before its 100 MB are through; a non-JSON body is 415
 * before it is read. The hall is unchanged and keeps serving.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestHall, type TestHall } from "./hall-fixture.ts";

let hall: TestHall;
const MB = 1024 * 1024;

beforeAll(async () => {
  hall = await startTestHall();
});
afterAll(async () => {
  await hall?.close();
});

interface Outcome {
  /** The status line's code, 0 when the server closed without answering. */
  status: number;
  /** Body bytes written before the answer came or the socket closed. */
  sent: number;
  response: string;
}

/**
 * Sends `head`, waits `waitMs` for an answer from the headers alone, then up to `total`
 * body bytes in 64 KiB pieces (as HTTP chunks when `chunked`), stopping as soon as the
 * server answers or closes. A server that waited for the body before judging it would
 * not answer within `waitMs`, and would then read all of it.
 */
function attack(head: string, total: number, chunked: boolean, waitMs = 200): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const s: Socket = connect(hall.port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let done = false;
    const piece = Buffer.alloc(64 * 1024, "a");
    const finish = () => {
      if (done) return;
      done = true;
      s.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0), sent, response });
    };
    s.on("data", (d) => {
      response += d.toString("utf8");
      if (response.includes("\r\n\r\n") && /\}\s*$/.test(response)) finish();
    });
    s.on("close", finish);
    s.on("error", (e) => (response ? finish() : reject(e)));
    const pump = () => {
      while (!done && sent < total) {
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")])
          : piece;
        sent += piece.length;
        if (!s.write(frame)) return void s.once("drain", pump);
      }
      if (!done && chunked) s.write("0\r\n\r\n");
    };
    s.on("connect", () => {
      s.write(head);
      setTimeout(pump, waitMs);
    });
  });
}

const headers = (path: string, extra: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${hall.port}\r\nContent-Type: application/json\r\n${extra}\r\n`;

describe("an oversized request body", () => {
  it("announced by Content-Length: 413 from the headers, before any of it is sent", async () => {
    const before = (await call(hall.base, "GET", "/api/hall")).body;
    const r = await attack(
      headers("/api/tickets", `Content-Length: ${100 * MB}\r\n`),
      100 * MB,
      false,
      10_000,
    );
    expect(r.status, r.response).toBe(413);
    expect(r.response).toContain('"payload-too-large"');
    expect(r.sent).toBe(0);
    expect((await call(hall.base, "GET", "/api/hall")).body.waiting).toEqual(before.waiting);
  });

  it("sent in chunks: 413 and cut off after a few megabytes of the 100", async () => {
    const r = await attack(headers("/api/tickets", "Transfer-Encoding: chunked\r\n"), 100 * MB, true);
    expect(r.status, r.response).toBe(413);
    expect(r.sent).toBeLessThan(16 * MB);
  });

  it("that is not JSON: 415 before it is read, whatever its size", async () => {
    const head = `POST /api/users HTTP/1.1\r\nHost: 127.0.0.1:${hall.port}\r\nContent-Type: text/plain\r\nContent-Length: ${100 * MB}\r\n\r\n`;
    const r = await attack(head, 100 * MB, false, 10_000);
    expect(r.status, r.response).toBe(415);
    expect(r.sent).toBe(0);
  });

  it("leaves the hall serving: a normal ticket is issued afterwards", async () => {
    const t = await call(hall.base, "POST", "/api/tickets", null, { serviceId: "ho-tich" });
    expect(t.status).toBe(201);
  });
});
