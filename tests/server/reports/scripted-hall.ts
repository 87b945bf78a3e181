/**
 * A hall driven by a fake clock for report tests: the real migrations (`:memory:`), store,
 * queue core and `Hall` use cases, so every event row is exactly what the server writes.
 * `at("2025-03-04T08:00:00+07:00")` moves the clock; then call the use cases on `hall`.
 */
import { type HallConfig, HallConfigSchema } from "../../../server/contract/index.ts";
import { EventBus } from "../../../server/events/bus.ts";
import { Hall } from "../../../server/hall/hall.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { QueueCore } from "../../../server/queue/core.ts";
import { ServiceTimes } from "../../../server/queue/stats.ts";
import { isoVn, serviceDay } from "../../../server/queue/time.ts";
import type { ReportDeps } from "../../../server/reports/waits.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { ReportStore } from "../../../server/store/reports.ts";
import { HallStore } from "../../../server/store/store.ts";
import { UserStore } from "../../../server/store/users.ts";

/** Two fields, three counters (3 is the priority counter); hours are not enforced, so a ticket at 23:59 is possible. */
export function smallHall(): HallConfig {
  const weekday: [string, string][] = [
    ["07:30", "11:30"],
    ["13:30", "17:00"],
  ];
  return HallConfigSchema.parse({
    id: "test-hall",
    name: { vi: "Hội trường thử", en: "Test hall" },
    enforceHours: false,
    hours: {
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: weekday,
      sat: [["07:30", "11:30"]],
      sun: [],
    },
    services: [
      { id: "ho-tich", prefix: "A", name: { vi: "Hộ tịch", en: "Civil status" } },
      { id: "chung-thuc", prefix: "B", name: { vi: "Chứng thực", en: "Certification" } },
    ],
    counters: [
      { number: 1, serviceIds: ["ho-tich"] },
      { number: 2, serviceIds: ["chung-thuc"] },
      {
        number: 3,
        serviceIds: ["ho-tich", "chung-thuc"],
        priority: true,
        name: { vi: "Quầy ưu tiên", en: "Priority counter" },
      },
    ],
  });
}

/** `dbPath` defaults to `:memory:`; give a file to let a report worker read it. */
export function scriptedHall(start: string, config: HallConfig = smallHall(), dbPath = ":memory:") {
  const clock = new FakeClock(Date.parse(start));
  const db = openDatabase(dbPath);
  const store = new HallStore(db);
  const users = new UserStore(db);
  const mk = (username: string, name: string, role: "officer" | "manager") =>
    users.create({ username, passwordHash: "x", name, role }, clock.now())!;
  const o1 = mk("an", "Nguyễn Văn An", "officer");
  const o2 = mk("binh", "Trần Thị Bình", "officer");
  const o3 = mk("cuong", "Lê Văn Cường", "officer");
  let n = 0;
  const times = new ServiceTimes(new Map(config.services.map((s) => [s.id, s.defaultServiceMin * 60_000])));
  const core = new QueueCore(
    config,
    store.loadCoreState(serviceDay(clock.now()), isoVn),
    times,
    () => `code${String(++n).padStart(12, "0")}`,
    isoVn,
  );
  const hall = new Hall({
    configVersion: 1,
    core,
    store,
    clock,
    bus: new EventBus(),
    publicUrl: () => "http://hall.test",
  });
  const deps: ReportDeps = { reports: new ReportStore(db), config, now: () => clock.now() };
  const actor = (u: { id: number }) => ({ id: u.id, role: "officer" as const });
  return {
    hall,
    db,
    deps,
    clock,
    config,
    officers: { o1: actor(o1), o2: actor(o2), o3: actor(o3) },
    /** Sets the fake clock to an ISO instant and returns the hall. */
    at(iso: string): Hall {
      clock.set(Date.parse(iso));
      return hall;
    },
    /** Issues a ticket at `iso` (with `dueIso`: a booking checked in, due at its slot); returns its visible number and code. */
    issue(iso: string, serviceId: string, priority: "none" | "elderly" = "none", dueIso?: string) {
      clock.set(Date.parse(iso));
      const dueAt = dueIso === undefined ? undefined : Date.parse(dueIso);
      const r = hall.issue({ serviceId, priority, kioskId: null, lang: "vi", dueAt });
      return { number: r.ticket.number, code: r.ticket.code };
    },
  };
}
