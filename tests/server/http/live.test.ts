/**
 * The live streams (server/contract/api/live.ts) in process: every frame a stream sends
 * parses with the contract's schema of its name; the phone's private stream carries its
 * own ticket and nothing else; public feeds (SSE `/api/live`, `/api/events`, MQTT `hall/*`
 * and `events`) carry no officer id, no free-text reason and no priority category
 * (decision 0005, issue 11); one address gets at most its cap of streams.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_FRAMES } from "../../../server/contract/api/live.ts";
import { PRIORITIES } from "../../../server/contract/domain.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

// biome-ignore lint/suspicious/noExplicitAny: frames are asserted by shape and by the contract's schemas
type Frame = { name: string; data: any; id: string | null };

interface RawTap {
  frames: Frame[];
  /** Resolves with the first frame (seen or future) matching `pred`. */
  next(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  close(): void;
  /** Resolves when the server ended the stream. */
  closed: Promise<void>;
}

/** Reads a stream's raw frames (name, parsed data, id) as a client would. */
async function tap(hall: TestApp, path: string, headers: Record<string, string> = {}): Promise<RawTap> {
  const ctl = new AbortController();
  const res = await hall.request(path, { signal: ctl.signal, headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  const closed = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!name || data === undefined) continue;
          frames.push({ name, data: JSON.parse(data), id: /^id: (.*)$/m.exec(block)?.[1] ?? null });
          for (const w of waiters) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    frames,
    closed,
    close: () => ctl.abort(),
    next(pred, ms = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const f = frames.find(pred);
          if (!f) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(f);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame within ${ms} ms; saw ${frames.map((f) => f.name).join(", ")}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
  };
}

/** Every frame parses with the schema the contract declares for its stream and name. */
function expectContract(stream: keyof typeof LIVE_FRAMES, frames: Frame[]): void {
  const schemas = LIVE_FRAMES[stream] as Record<
    string,
    { safeParse(x: unknown): { success: boolean; error?: unknown } }
  >;
  for (const f of frames) {
    const schema = schemas[f.name];
    expect(schema, `${stream} frame "${f.name}" is declared in the contract`).toBeDefined();
    const r = schema!.safeParse(f.data);
    expect(r.success, `${stream} ${f.name}: ${JSON.stringify(r.error)}`).toBe(true);
  }
}

const PAUSE_REASON = "Đi khám thai";
const CALL_REASON = "Khách quay lại lấy giấy tờ";

let hall: TestApp;
let officer: string;
let manager: string;
let pub: RawTap;
let events: RawTap;
let staff: RawTap;

beforeAll(async () => {
  hall = await createTestApp();
  [officer, manager] = await Promise.all([login(hall, "canbo1"), login(hall, "quanly")]);
  pub = await tap(hall, "/api/live");
  events = await tap(hall, "/api/events");
  staff = await tap(hall, "/api/live/staff?views=hall,counters,mine,events", {
    authorization: `Bearer ${officer}`,
  });
  await staff.next((f) => f.name === "mine");
});

afterAll(async () => {
  for (const t of [pub, events, staff]) t?.close();
  await hall?.stop();
});

describe("a morning at counter 1, seen on every feed", () => {
  let mine: { code: string; id: number; number: string };
  let phone: RawTap;

  it("pushes the phone page its own ticket's position and estimate, then its call, then ends", async () => {
    expect((await call(hall, "POST", "/api/counters/1/open", officer)).status).toBe(200);
    const first = await issue(hall, "ho-tich", "pregnant");
    mine = await issue(hall, "ho-tich", "disabled");
    phone = await tap(hall, `/api/tickets/${mine.code}/live`);
    const t0 = (await phone.next((f) => f.name === "ticket")).data as { ticket: Record<string, unknown> };
    expect(t0.ticket).toMatchObject({ id: mine.id, status: "waiting", position: 1 });
    expect(t0.ticket.estimatedWaitMin).toEqual(expect.any(Number));

    // An out-of-order call of the second ticket: the phone hears it at once.
    const r = await call(hall, "POST", "/api/counters/1/call", officer, {
      number: mine.number,
      reason: CALL_REASON,
    });
    expect(r.status).toBe(200);
    const called = await phone.next((f) => f.name === "ticket" && f.data.ticket.status === "called");
    expect(called.data.ticket).toMatchObject({ id: mine.id, counter: 1 });
    // Nothing about the other visitor on this ticket's private stream.
    expect(phone.frames.every((f) => f.name !== "ticket" || f.data.ticket.id === mine.id)).toBe(true);
    expect(JSON.stringify(phone.frames)).not.toContain(first.number);

    for (const a of ["start", "finish"])
      expect((await call(hall, "POST", `/api/counters/1/${a}`, officer)).status).toBe(200);
    await phone.closed;
    expect(phone.frames.at(-1)).toMatchObject({ name: "end", data: { reason: "ticket-over" } });
    expectContract("ticket", phone.frames);
  });

  it("pushes the pause with its reason to staff only", async () => {
    expect(
      (await call(hall, "POST", "/api/counters/1/pause", officer, { reason: PAUSE_REASON })).status,
    ).toBe(200);
    await staff.next((f) => f.name === "counters" && JSON.stringify(f.data).includes(PAUSE_REASON));
    await staff.next((f) => f.name === "event" && f.data.type === "counter-paused");
    await pub.next(
      (f) => f.name === "hall-state" && f.data.counters.some((c: { paused: boolean }) => c.paused),
    );
    await events.next((f) => f.name === "counter-paused");
    expect((await call(hall, "POST", "/api/counters/1/resume", officer)).status).toBe(200);
    await events.next((f) => f.name === "counter-resumed");
  });

  it("sends frames that match the contract's schemas on every stream", async () => {
    await pub.next((f) => f.name === "hall-call");
    expectContract("public", pub.frames);
    expectContract("staff", staff.frames);
    for (const name of ["hello", "hall-state", "counters", "mine", "event"])
      expect(staff.frames.some((f) => f.name === name)).toBe(true);
    // `seq` only grows along one stream (a client ignores a lower one as stale).
    const seqs = pub.frames.filter((f) => f.name === "hall-state").map((f) => f.data.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBeGreaterThan(0);
  });

  it("says nothing personal on public feeds: no officer, no reason, no category (decision 0005)", async () => {
    const officerId = (await call(hall, "GET", "/api/auth/me", officer)).body.user.id as number;
    // The staff stream does carry them (the feed under test is not simply empty).
    const staffText = JSON.stringify(staff.frames);
    for (const s of [PAUSE_REASON, CALL_REASON, '"priority":"disabled"', `"officerId":${officerId}`])
      expect(staffText).toContain(s);

    const mqtt = hall.link.published.filter(
      (p) => !p.topic.includes("/counter/") && !p.topic.includes("/printer/"),
    );
    expect(mqtt.some((p) => p.topic.endsWith("/hall/call"))).toBe(true);
    expect(mqtt.some((p) => p.topic.endsWith("/events"))).toBe(true);
    const payloads: [string, unknown][] = [
      ...pub.frames.map((f): [string, unknown] => [`GET /api/live ${f.name}`, f.data]),
      ...events.frames.map((f): [string, unknown] => [`GET /api/events ${f.name}`, f.data]),
      ...mqtt
        .filter((p) => p.topic !== hall.topics.serverStatus)
        .map((p): [string, unknown] => [`MQTT ${p.topic}`, JSON.parse(p.payload)]),
      ["GET /api/hall", (await call(hall, "GET", "/api/hall")).body],
    ];
    expect(payloads.length).toBeGreaterThan(10);
    for (const [where, data] of payloads) {
      const text = JSON.stringify(data);
      for (const secret of [PAUSE_REASON, CALL_REASON, mine.code])
        expect(text, `${where} leaks "${secret}"`).not.toContain(secret);
      // A category as a value (the board's notice may name them in a sentence).
      for (const v of values(data))
        expect(CATEGORIES.has(v), `${where} carries the category "${v}"`).toBe(false);
      for (const key of keys(data))
        expect(PUBLIC_KEYS.has(key), `${where} carries "${key}", outside the public allow-list`).toBe(true);
    }
  });
});

/** Every key a public payload may carry, at any depth (issue 11: allow-list, not deny-list). */
const PUBLIC_KEYS = new Set([
  // hall-state / GET /api/hall
  ...["hall", "id", "name", "nameEn", "calls", "waiting", "counters", "notice", "seq", "vi", "en"],
  ...["number", "counter", "calledAt", "serviceId", "prioritized", "recall", "at"],
  ...["count", "longestWaitSec", "priorityCount", "open", "serviceIds", "current", "paused", "state"],
  ...["priorityCounter", "expected", "configVersion"],
  // the hall's schedule (status: whether it issues and why not; not a person's reason)
  ...["status", "issuing", "reason", "dayName", "until", "opensAt", "nextChangeAt", "sessions"],
  // hello frames
  ...["stream", "heartbeatSec", "lastEventId"],
  // events
  ...["v", "type", "hallId", "ticket", "data", "status", "issuedAt", "startedAt", "finishedAt", "callCount"],
  ...["waitSec", "fromServiceId", "toServiceId", "toCounter"],
  // settings-changed
  ...["version", "sections"],
]);

const CATEGORIES: ReadonlySet<string> = new Set(PRIORITIES.filter((p) => p !== "none"));

function values(x: unknown, out: string[] = []): string[] {
  if (typeof x === "string") out.push(x);
  else if (Array.isArray(x)) for (const v of x) values(v, out);
  else if (x && typeof x === "object") for (const v of Object.values(x)) values(v, out);
  return out;
}

function keys(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) for (const v of x) keys(v, out);
  else if (x && typeof x === "object")
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      keys(v, out);
    }
  return out;
}

describe("a settings change", () => {
  it("rebuilds every view: the notice frame, a hall-state with the new version, settings-changed on /api/events", async () => {
    const before = pub.frames.filter((f) => f.name === "hall-state").at(-1)!.data.configVersion as number;
    const notice = { vi: "Chiều nay nghỉ từ 16 giờ", en: "Closing at 4 pm today" };
    expect((await call(hall, "PUT", "/api/hall/notice", manager, { notice })).status).toBe(200);
    expect(
      (await pub.next((f) => f.name === "notice" && f.data.notice?.vi === notice.vi)).data.notice,
    ).toEqual(notice);
    const state = await pub.next((f) => f.name === "hall-state" && f.data.configVersion > before);
    expect(state.data.notice).toEqual(notice);
    expect(state.data.status).toMatchObject({ issuing: expect.any(Boolean) });
    const ev = await events.next((f) => f.name === "settings-changed");
    expect(ev.data.data).toEqual({ version: state.data.configVersion, sections: ["notice"] });
    const staffState = await staff.next((f) => f.name === "hall-state" && f.data.configVersion > before);
    expect(staffState.data.notice).toEqual(notice);
    expectContract("public", pub.frames);
    expectContract("staff", staff.frames);
  });
});

describe("limits", () => {
  it("refuses a stream beyond the cap per address with 429 too-many-streams, and frees the slot on close", async () => {
    const cap = hall.sse.maxPerAddress;
    const open: RawTap[] = [];
    // pub, events and staff are open already (same address, "local").
    for (let i = hall.sse.size; i < cap; i++) open.push(await tap(hall, "/api/live"));
    const refused = await hall.request("/api/live", { headers: { "accept-language": "en" } });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("too-many-streams");
    open.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    const again = await tap(hall, "/api/live");
    again.close();
    for (const t of open) t.close();
  });

  it("refuses manager views to an officer", async () => {
    const r = await hall.request("/api/live/staff?views=today", {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(r.status).toBe(403);
    const m = await tap(hall, "/api/live/staff?views=counters,devices", {
      authorization: `Bearer ${manager}`,
    });
    await m.next((f) => f.name === "devices");
    expectContract("staff", m.frames);
    m.close();
  });
});
