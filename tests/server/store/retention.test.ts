/**
 * The retention job (Decree 13/2023, decision 0103; server/store/retention.ts and
 * server/settings/retention.ts) over the reports' known day (tests/server/reports/scenario.ts)
 * plus dossier codes: after it, the codes, the dossier codes and the free-text reasons of
 * visits older than the period are found nowhere in the database, newer visits keep theirs,
 * and every report over the period (waits by each grouping, officers, the breach list)
 * gives the same figures as before. A second run changes nothing; a batch that fails
 * half-way leaves its visits untouched and the next run finishes them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_GROUPS } from "../../../server/contract/reports.ts";
import { buildBreachList } from "../../../server/reports/breaches.ts";
import { buildOfficerReport } from "../../../server/reports/officers.ts";
import { buildWaitReport } from "../../../server/reports/waits.ts";
import { retentionCutoff, runRetention } from "../../../server/settings/retention.ts";
import { DossierStore } from "../../../server/store/dossiers.ts";
import { RetentionStore } from "../../../server/store/retention.ts";
import { HallStore } from "../../../server/store/store.ts";
import { DAY, NEXT, playScenario } from "../reports/scenario.ts";

type H = ReturnType<typeof playScenario>;
const range = { from: DAY, to: NEXT, days: 2 };

/** Every figure the reports give over both days (the breach list without its dossier codes). */
function reports(h: H) {
  const waits = REPORT_GROUPS.map((groupBy) => buildWaitReport(h.deps, { range, groupBy, lang: "vi" }));
  const officers = (["officer", "counter"] as const).map((groupBy) =>
    buildOfficerReport(h.deps, { range, groupBy, lang: "vi" }),
  );
  const breaches = buildBreachList(h.deps, { range, lang: "vi", limit: 100, offset: 0 });
  return {
    waits,
    officers,
    breaches: { ...breaches, rows: breaches.rows.map(({ dossierCode: _, ...r }) => r) },
  };
}

/** Every row of every table as one text (what a search for a secret reads). */
function dump(h: H): string {
  const tables = h.db
    .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all();
  return tables
    .map((t) => JSON.stringify(h.db.query(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()))
    .join("\n");
}

const codesOf = (h: H, day: string) =>
  h.db
    .query<{ code: string }, [string]>("SELECT code FROM tickets WHERE service_day = ?")
    .all(day)
    .map((r) => r.code);

/** The scenario, with dossier codes linked to two visits of the first day and one of the next. */
function hallWithDossiers(): H {
  const h = playScenario();
  const d = new DossierStore(h.db);
  const link = (number: string, day: string, code: string) => {
    const t = h.db
      .query<{ id: number; service_id: string; finished_at: number }, [string, string]>(
        "SELECT id, service_id, finished_at FROM tickets WHERE number = ? AND service_day = ?",
      )
      .get(number, day)!;
    d.transaction(() =>
      d.write(
        t.id,
        {
          serviceDay: day,
          dossierCode: code,
          procedureCode: "1.001234",
          source: "kiosk",
          linkedAt: t.finished_at,
          linkedBy: null,
        },
        { counter: null, serviceId: t.service_id },
      ),
    );
  };
  link("A001", DAY, "H41.22-250304-0001");
  link("B002", DAY, "H41.22-250304-0002");
  link("B001", NEXT, "H41.22-250305-0001");
  return h;
}

describe("retention: identifying visit details removed, figures kept", () => {
  let h: H;
  let before: ReturnType<typeof reports>;
  let oldCodes: string[];
  let newCodes: string[];

  beforeAll(() => {
    h = hallWithDossiers();
    before = reports(h);
    oldCodes = codesOf(h, DAY);
    newCodes = codesOf(h, NEXT);
    // Preconditions: the secrets are there to be removed.
    const text = dump(h);
    for (const s of [...oldCodes, "H41.22-250304-0001", "chuyển từ quầy 2", "họp giao ban"])
      expect(text).toContain(s);
  });

  it("cuts at whole service days: visitDays 1 on 2025-03-06 removes 03-04 and keeps 03-05", async () => {
    // The scenario's clock ends at 2025-03-06 10:00 (+07:00).
    const cfg = { ...h.config, retention: { visitDays: 1 } };
    expect(new Date(retentionCutoff(cfg, h.clock.now())).toISOString()).toBe("2025-03-04T17:00:00.000Z");
    const run = await runRetention(new RetentionStore(h.db), cfg, h.clock.now(), { batch: 4 });
    expect(run).toMatchObject({ visits: 9, pauseReasons: 1, batches: 4 }); // 4 + 4 + 1 visits, 1 pause
    const text = dump(h);
    for (const s of [
      ...oldCodes,
      "H41.22-250304-0001",
      "H41.22-250304-0002",
      "chuyển từ quầy 2",
      "họp giao ban",
    ])
      expect(text, s).not.toContain(s);
    // The newer day keeps everything.
    expect(codesOf(h, NEXT)).toEqual(newCodes);
    expect(text).toContain("H41.22-250305-0001");
    // A removed code finds nothing (the phone page of an old visit is gone); a kept one does.
    const store = new HallStore(h.db);
    expect(store.ticketByCode(oldCodes[0]!)).toBeNull();
    expect(store.ticketByCode("~1")).toBeNull();
    expect(store.ticketByCode(newCodes[0]!)).not.toBeNull();
  });

  it("keeps what the reports need: the same figures before and after", () => {
    expect(reports(h)).toEqual(before);
    // The out-of-order call keeps its mark and the policy's choice, the pause its length,
    // the dossier event its procedure code (a kind of procedure, nobody's file).
    const data = (type: string) =>
      h.db
        .query<{ data: string }, [string]>(
          "SELECT data FROM events WHERE type = ? AND data IS NOT NULL ORDER BY id",
        )
        .all(type)
        .map((r) => JSON.parse(r.data));
    expect(data("called").find((d) => d.outOfOrder)).toMatchObject({
      outOfOrder: true,
      waitSec: expect.any(Number),
    });
    expect(data("called").some((d) => "reason" in d)).toBe(false);
    expect(data("counter-paused")).toEqual([{}]);
    expect(data("counter-resumed")).toEqual([{ pausedSec: 900 }]);
    const links = data("dossier-linked");
    expect(links.map((d) => d.dossierCode ?? null)).toEqual([null, null, "H41.22-250305-0001"]);
    expect(links.every((d) => d.procedureCode === "1.001234")).toBe(true);
    // Cancellation reasons are codes, not free text: kept.
    expect(data("cancelled").map((d) => d.reason)).toEqual(["visitor", "day-end"]);
  });

  it("is idempotent: a second run finds nothing and changes nothing", async () => {
    const text = dump(h);
    const cfg = { ...h.config, retention: { visitDays: 1 } };
    const run = await runRetention(new RetentionStore(h.db), cfg, h.clock.now() + 60_000);
    expect(run).toMatchObject({ visits: 0, pauseReasons: 0, batches: 0 });
    expect(dump(h)).toBe(text);
  });

  it("never touches a visit still in the hall, whatever its age", () => {
    const r = new RetentionStore(h.db);
    h.db.run("UPDATE tickets SET status = 'waiting' WHERE service_day = ? AND number = 'B001'", [NEXT]);
    expect(r.anonymizeVisits(h.clock.now() + 86_400_000, h.clock.now(), 100)).toBe(0);
    h.db.run("UPDATE tickets SET status = 'done' WHERE service_day = ? AND number = 'B001'", [NEXT]);
  });
});

describe("retention: a batch is one transaction", () => {
  it("a failure half-way leaves the batch untouched; the next run finishes it", async () => {
    const h = hallWithDossiers();
    const before = reports(h);
    const codes = codesOf(h, DAY);
    // The 2nd ticket of the batch fails to update (a disk error, a kill): the whole batch rolls back.
    const victim = h.db
      .query<{ id: number }, []>("SELECT id FROM tickets ORDER BY issued_at LIMIT 1 OFFSET 1")
      .get()!.id;
    h.db.run(
      `CREATE TRIGGER boom BEFORE UPDATE OF code ON tickets WHEN old.id = ${victim}
       BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    );
    const cfg = { ...h.config, retention: { visitDays: 1 } };
    const store = new RetentionStore(h.db);
    await expect(runRetention(store, cfg, h.clock.now(), { batch: 4 })).rejects.toThrow("simulated crash");
    expect(codesOf(h, DAY)).toEqual(codes);
    expect(dump(h)).toContain("H41.22-250304-0001"); // A001, first of the failed batch, keeps its link
    expect(store.pending(retentionCutoff(cfg, h.clock.now()))).toBe(9);
    h.db.run("DROP TRIGGER boom");
    const run = await runRetention(store, cfg, h.clock.now(), { batch: 4 });
    expect(run.visits).toBe(9);
    expect(dump(h)).not.toContain("H41.22-250304-0001");
    expect(reports(h)).toEqual(before);
  });

  it("with the period over both days, everything goes and the figures still match", async () => {
    const h = hallWithDossiers();
    const before = reports(h);
    const all = [...codesOf(h, DAY), ...codesOf(h, NEXT)];
    const cfg = { ...h.config, retention: { visitDays: 1 } };
    const later = h.clock.now() + 2 * 86_400_000;
    const run = await runRetention(new RetentionStore(h.db), cfg, later);
    expect(run.visits).toBe(10);
    const text = dump(h);
    for (const c of [...all, "H41.22-250305-0001"]) expect(text).not.toContain(c);
    expect(reports(h)).toEqual(before);
  });
});
