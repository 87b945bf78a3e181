import { Database } from "bun:sqlite";
import { describe, expect, it } from "vitest";
import { isoVn, serviceDay } from "../../../server/queue/time.ts";
import { migrate, migrationFiles, openDatabase } from "../../../server/store/db.ts";
import { ConflictError, HallStore } from "../../../server/store/store.ts";
import { UserStore } from "../../../server/store/users.ts";
import { MIN, MON_0800, makeCore } from "../../helpers/core.ts";

function setup() {
  const db = openDatabase(":memory:");
  const store = new HallStore(db);
  const users = new UserStore(db);
  for (const n of [7, 8, 42])
    users.create({ username: `u${n}`, passwordHash: "x", name: `U${n}`, role: "officer" }, 0);
  db.exec("UPDATE users SET id = CAST(substr(username, 2) AS INTEGER)");
  const h = makeCore();
  return { db, store, ...h };
}

describe("migrations", () => {
  it("are numbered without gaps and applied once", () => {
    const files = migrationFiles();
    expect(files.map((f) => f.version)).toEqual(files.map((_, i) => i + 1));
    const db = new Database(":memory:");
    expect(migrate(db)).toEqual(files.map((f) => f.version));
    expect(migrate(db)).toEqual([]);
  });
});

describe("HallStore.commit()", () => {
  it("writes the ticket and its event row in one transaction and reloads them", () => {
    const { store, core } = setup();
    const { change, ticket } = core.issue(
      { serviceId: "ho-tich", priority: "elderly", kioskId: "kiosk-1", lang: "vi" },
      MON_0800,
    );
    const stored = store.commit(change, new Map());
    expect(stored).toEqual([expect.objectContaining({ id: 1, type: "issued", ticketId: ticket.id })]);
    expect(store.ticketByCode(ticket.code)).toEqual(ticket);
    const state = store.loadCoreState(serviceDay(MON_0800), isoVn);
    expect(state.openTickets).toEqual([ticket]);
    expect(state.seqs.get("A")).toBe(1);
    expect(state.nextTicketId).toBe(ticket.id + 1);
  });

  it("rolls back everything when a ticket changed under it (no ticket handed to two counters)", () => {
    const { store, core, run } = setup();
    const t = run(
      core.issue({ serviceId: "ho-tich", priority: "none", kioskId: null, lang: "vi" }, MON_0800),
    );
    store.commit(t.change, new Map());
    for (const [n, officer] of [
      [1, 7],
      [2, 8],
    ] as const)
      store.commit(run(core.openCounter(n, officer, MON_0800)).change, new Map());
    // Two decisions taken on the same state: both want the same waiting ticket.
    const a = core.callNext(1, 7, MON_0800 + MIN)!;
    const b = core.callNext(2, 8, MON_0800 + MIN)!;
    expect(a.ticket.id).toBe(b.ticket.id);
    store.commit(a.change, new Map([[t.ticket.id, "waiting"]]));
    const events = store.lastEventId();
    expect(() => store.commit(b.change, new Map([[t.ticket.id, "waiting"]]))).toThrow(ConflictError);
    expect(store.lastEventId()).toBe(events);
    expect(store.ticketById(t.ticket.id)).toMatchObject({ status: "called", counter: 1 });
  });

  it("given the previous record, writes only what changed and still refuses a ticket changed under it", () => {
    const { store, core, run } = setup();
    const t = run(
      core.issue({ serviceId: "ho-tich", priority: "none", kioskId: "kiosk-1", lang: "vi" }, MON_0800),
    );
    store.commit(t.change, new Map());
    store.commit(run(core.openCounter(1, 7, MON_0800)).change, new Map());
    // A visit's life, each step against the record before it: the row is the record each time.
    let prev = t.ticket;
    for (const step of [
      () => core.callNext(1, 7, MON_0800 + MIN)!,
      () => core.recall(1, 7, MON_0800 + 2 * MIN),
      () => core.start(1, 7, MON_0800 + 3 * MIN),
      () => core.finish(1, 7, MON_0800 + 9 * MIN),
    ]) {
      const r = step();
      store.commit(r.change, new Map([[prev.id, prev]]));
      core.apply(r.change);
      expect(store.ticketById(prev.id)).toEqual(r.ticket);
      prev = r.ticket;
    }
    expect(prev).toMatchObject({ status: "done", callCount: 2, counter: 1 });
    // A record whose status is not the stored one: nothing is written.
    const events = store.lastEventId();
    const stale = { ...prev, status: "serving" as const };
    const again = { change: { tickets: [{ ...prev, rating: 5 }], counters: [], events: [] } };
    expect(() => store.commit(again.change, new Map([[prev.id, stale]]))).toThrow(ConflictError);
    expect(store.lastEventId()).toBe(events);
    expect(store.ticketById(prev.id)).toEqual(prev);
  });

  it("keeps counters across a restart", () => {
    const { store, core, run } = setup();
    store.commit(run(core.openCounter(3, 42, MON_0800)).change, new Map());
    const state = store.loadCoreState(serviceDay(MON_0800), isoVn);
    expect(state.counters).toEqual([
      { number: 3, officerId: 42, openedAt: MON_0800, pausedAt: null, pauseReason: null },
    ]);
  });

  it("records issue request keys so a repeated request finds its ticket", () => {
    const { store, core } = setup();
    const { change, ticket } = core.issue(
      { serviceId: "ho-tich", priority: "none", kioskId: "kiosk-1", lang: "vi" },
      MON_0800,
    );
    store.commit(change, new Map(), () => store.recordIssueRequest("kiosk-1:abc12345", ticket.id, MON_0800));
    expect(store.issueRequest("kiosk-1:abc12345")).toBe(ticket.id);
    expect(store.issueRequest("kiosk-1:other")).toBeNull();
  });
});

describe("openDatabase()", () => {
  it("uses WAL mode on a file", async () => {
    const dir = await import("node:fs").then((fs) => fs.mkdtempSync("/tmp/qms-db-"));
    const db = openDatabase(`${dir}/x.sqlite`);
    expect(db.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()!.journal_mode).toBe("wal");
    db.close();
  });
});
