/**
 * The signed `visit.finished` webhook through the outbox (issue 15, decision 0043), against
 * a local HTTP receiver that checks the HMAC the documented way (tests/helpers/webhook.ts):
 * held for the rating, amended by the dossier code and the rating; a receiver that is down
 * for a while gets it afterwards with the same webhook-id; a slow one never holds up the
 * hall; a message given up on shows on the manager's view and can be sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client, login } from "../../helpers/hall.ts";
import { hallConfigWithWebhook, newSecret, type Receiver, startReceiver } from "../../helpers/webhook.ts";

let app: TestApp;
let rx: Receiver;
let clock: FakeClock;
const secret = newSecret();
const MIN = 60_000;

const anon = () => client(app);
let officer: ReturnType<typeof client>;
let manager: ReturnType<typeof client>;
let tablet: Record<string, string>;

/** Waits (real time) until `f` holds. */
async function until(f: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Issues a ticket at `serviceId`, calls it to counter 1, starts and finishes it; returns its number. */
async function visit(
  serviceId: string,
  extra: Record<string, unknown> = {},
): Promise<{ number: string; id: number; code: string }> {
  const t = await anon()("POST", "/api/tickets", { serviceId, ...extra });
  expect(t.status).toBe(201);
  const called = await officer("POST", "/api/counters/1/call-next");
  expect(called.body.ticket.number).toBe(t.body.ticket.number);
  await officer("POST", "/api/counters/1/start");
  clock.advance(4 * MIN);
  return { number: t.body.ticket.number, id: t.body.ticket.id, code: t.body.ticket.code };
}

beforeAll(async () => {
  rx = await startReceiver(secret);
  app = await createTestApp({
    hallConfigPath: hallConfigWithWebhook(rx.url, secret, { timeoutSec: 1 }),
    outboxTiming: { baseMs: 10_000, maxMs: 600_000, giveUpMs: 3_600_000 },
  });
  clock = app.clock as FakeClock;
  officer = client(app, await login(app, "canbo1"));
  manager = client(app, await login(app, "quanly"));
  tablet = { "x-device-token": app.credentials["rating-1"]! };
  expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await rx?.close();
});

describe("visit.finished", () => {
  it("is held for the rating, carries the dossier and procedure codes and the rating, and checks out", async () => {
    const v = await visit("tra-ket-qua", { dossierCode: "000.00.19.h26-231109-0003" });
    const linked = await officer("PUT", "/api/counters/1/dossier", {
      dossierCode: "000.00.19.H26-231109-0003",
      procedureCode: "1.001612",
    });
    expect(linked.status).toBe(200);
    expect(linked.body.dossier).toMatchObject({
      dossierCode: "000.00.19.H26-231109-0003",
      procedureCode: "1.001612",
    });
    expect((await officer("POST", "/api/counters/1/finish")).status).toBe(200);

    // Held: the rating window (10 min) has not passed, nothing is sent.
    expect(await app.outbox.runDue()).toBe(0);
    expect(rx.received).toHaveLength(0);
    const status = (await manager("GET", "/api/outbox")).body;
    expect(status.channels[0]).toMatchObject({ channel: "webhook", configured: true, pending: 1, failed: 0 });

    // The rating releases it at once.
    expect((await anon()("POST", "/api/counters/1/rating", { score: 4 }, tablet)).status).toBe(201);
    await until(() => rx.accepted().length === 1, "the delivery");
    const [got] = rx.accepted();
    expect(rx.received[0]!.refused).toBeNull();
    expect(got!.id).toMatch(/^msg_[a-z2-7]{20}$/);
    expect(got!.body.type).toBe("visit.finished");
    expect(got!.body.data.visit).toMatchObject({
      id: v.id,
      number: v.number,
      serviceId: "tra-ket-qua",
      serviceName: { vi: "Trả kết quả", en: "Result collection" },
      counter: 1,
      dossierCode: "000.00.19.H26-231109-0003",
      procedureCode: "1.001612",
      rating: 4,
      serviceSec: 240,
    });
    for (const k of ["issuedAt", "calledAt", "startedAt", "finishedAt", "ratedAt"])
      expect(got!.body.data.visit[k]).toMatch(/\+07:00$/);
    // The public code of the ticket (the visitor's secret) is not in it.
    expect(rx.received[0]!.body).not.toContain(v.code);
  });

  it("a dossier code linked after it went out, and a late phone rating: visit.updated", async () => {
    const before = rx.accepted().length;
    const v = await visit("ho-tich");
    await officer("POST", "/api/counters/1/finish");
    clock.advance(11 * MIN); // the rating window closed: due now
    await app.outbox.runDue();
    expect(rx.accepted()).toHaveLength(before + 1);
    expect(rx.accepted().at(-1)!.body.data.visit).toMatchObject({
      number: v.number,
      rating: null,
      dossierCode: null,
    });
    const late = await officer("PUT", "/api/counters/1/dossier", {
      dossierCode: "H26.99-240315-0012",
      ticketId: v.id,
    });
    expect(late.status).toBe(200);
    await until(() => rx.accepted().length === before + 2, "visit.updated");
    const upd = rx.accepted().at(-1)!;
    expect(upd.body.type).toBe("visit.updated");
    expect(upd.body.data.visit).toMatchObject({ id: v.id, dossierCode: "H26.99-240315-0012" });
    expect(upd.id).not.toBe(rx.accepted().at(-2)!.id);
    expect((await anon()("POST", `/api/tickets/${v.code}/rating`, { score: 3 })).status).toBe(201);
    await until(() => rx.accepted().length === before + 3, "the rating update");
    expect(rx.accepted().at(-1)!.body.data.visit).toMatchObject({
      rating: 3,
      dossierCode: "H26.99-240315-0012",
    });
  });
});

describe("faults of the receiver", () => {
  it("down for a while: retried with backoff, delivered after it is back, with the same webhook-id", async () => {
    await rx.down();
    const before = rx.accepted().length;
    const v = await visit("chung-thuc");
    await officer("POST", "/api/counters/1/finish");
    expect((await anon()("POST", "/api/counters/1/rating", { score: 2 }, tablet)).status).toBe(201);
    await until(
      () =>
        (app.db.query("SELECT attempts FROM outbox ORDER BY id DESC LIMIT 1").get() as { attempts: number })
          .attempts === 1,
      "the first attempt",
    );
    const row = () =>
      app.db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT 1").get() as {
        attempts: number;
        state: string;
        due_at: number;
        last_error: string;
        message_id: string;
      };
    expect(row().state).toBe("pending");
    expect(row().last_error).toMatch(/ECONNREFUSED|refused|connect/i);
    const firstWait = row().due_at - clock.now();
    expect(firstWait).toBeGreaterThanOrEqual(8_000);
    expect(firstWait).toBeLessThanOrEqual(12_000);
    // The manager sees it.
    const seen = (await manager("GET", "/api/outbox")).body;
    expect(seen.channels[0]).toMatchObject({ pending: 1, retrying: 1 });
    expect(seen.channels[0].lastError.error).toBe(row().last_error);
    expect(seen.messages[0]).toMatchObject({ number: v.number, state: "pending", attempts: 1 });
    // Three more failures: the waits double.
    const waits = [firstWait];
    for (let i = 0; i < 3; i++) {
      clock.set(row().due_at);
      await app.outbox.runDue();
      waits.push(row().due_at - clock.now());
    }
    expect(row().attempts).toBe(4);
    for (let i = 1; i < waits.length; i++) expect(waits[i]! / waits[i - 1]!).toBeGreaterThan(1.3);
    // Back up: the next attempt goes through, with the id it had from the start.
    await rx.up();
    clock.set(row().due_at);
    await app.outbox.runDue();
    expect(row().state).toBe("delivered");
    expect(rx.accepted()).toHaveLength(before + 1);
    expect(rx.accepted().at(-1)!.id).toBe(row().message_id);
    expect(rx.accepted().at(-1)!.body.data.visit).toMatchObject({ number: v.number, rating: 2 });
  });

  it("slow: the attempt times out while tickets are issued and numbers called as usual", async () => {
    rx.mode = "slow";
    rx.slowMs = 3000;
    await visit("ho-tich");
    await officer("POST", "/api/counters/1/finish");
    await anon()("POST", "/api/counters/1/rating", { score: 4 }, tablet);
    let settled = false;
    const round = app.outbox.runDue().then(() => (settled = true));
    await until(
      () => rx.received.length > 0 && rx.received.at(-1)!.at > Date.now() - 500,
      "the slow request",
    );
    const t = await anon()("POST", "/api/tickets", { serviceId: "ho-tich" });
    expect(t.status).toBe(201);
    expect((await officer("POST", "/api/counters/1/call-next")).status).toBe(200);
    expect(settled).toBe(false); // the hall answered while the delivery was still hanging
    await round;
    const row = app.db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT 1").get() as {
      state: string;
      last_error: string;
    };
    expect(row).toMatchObject({ state: "pending", last_error: "no answer within 1 s" });
    rx.mode = "up";
    await officer("POST", "/api/counters/1/no-show");
  });

  it("answers 500 until the give-up time: failed, shown to the manager, sent again by hand", async () => {
    rx.mode = "error";
    clock.advance(2 * 3_600_000); // past the give-up time of everything pending
    await app.outbox.runDue();
    const failed = (await manager("GET", "/api/outbox")).body;
    expect(failed.channels[0].failed).toBeGreaterThanOrEqual(1);
    expect(failed.channels[0].lastError).toMatchObject({ status: 500, error: "HTTP 500" });
    const m = failed.messages.find((x: { state: string }) => x.state === "failed");
    expect(m).toBeDefined();
    expect((await officer("POST", `/api/outbox/${m.id}/retry`)).status).toBe(403);
    rx.mode = "up";
    const again = await manager("POST", `/api/outbox/${m.id}/retry`);
    expect(again.status).toBe(200);
    expect(again.body.message.state).toBe("pending");
    await until(() => rx.accepted().some((x) => x.id === m.messageId), "the resent message");
    expect((await manager("POST", `/api/outbox/${m.id}/retry`)).body.error.code).toBe(
      "outbox-message-not-failed",
    );
    expect((await manager("POST", "/api/outbox/999999/retry")).status).toBe(404);
  });
});

describe("atomic with the hall's change", () => {
  it("a reaction that fails rolls the finish back: no visit without its message", async () => {
    await visit("ho-tich");
    let fail = true;
    app.hall.onCommit(() => {
      if (fail) throw new Error("disk full");
    });
    const before = (app.db.query("SELECT COUNT(*) AS n FROM outbox").get() as { n: number }).n;
    const r = await officer("POST", "/api/counters/1/finish");
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe("storage-unavailable");
    expect((await officer("GET", "/api/auth/me")).body.counter.currentTicket.status).toBe("serving");
    expect((app.db.query("SELECT COUNT(*) AS n FROM outbox").get() as { n: number }).n).toBe(before);
    fail = false;
    expect((await officer("POST", "/api/counters/1/finish")).status).toBe(200);
    expect((app.db.query("SELECT COUNT(*) AS n FROM outbox").get() as { n: number }).n).toBe(before + 1);
  });
});
