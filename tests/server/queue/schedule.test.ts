import { describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import type { HallConfig } from "../../../server/contract/config.ts";
import {
  closingTime,
  counterExpected,
  countersOn,
  dayPlan,
  expectedOpenMs,
  issueState,
} from "../../../server/queue/schedule.ts";

/** The demo hall with its hours enforced (Mon–Fri 7:30–11:30, 13:30–17:00; Sat 7:30–11:30). */
function hall(patch: (h: HallConfig) => void = () => {}): HallConfig {
  const h = structuredClone(loadHallConfig());
  h.enforceHours = true;
  patch(h);
  return h;
}
const at = (s: string) => Date.parse(s);
const H = 3600_000;

describe("issueState(): the lunch break", () => {
  const h = hall();
  it("issues until 11:30 on a Monday, then stops for lunch until 13:30", () => {
    const before = issueState(h, at("2026-11-23T11:29:00+07:00"));
    expect(before).toMatchObject({ issuing: true, reason: null });
    expect(before.until).toBe(at("2026-11-23T11:30:00+07:00"));
    const lunch = issueState(h, at("2026-11-23T11:30:00+07:00"));
    expect(lunch).toMatchObject({ issuing: false, reason: "break" });
    expect(lunch.opensAt).toBe(at("2026-11-23T13:30:00+07:00"));
    expect(lunch.nextChange).toBe(at("2026-11-23T13:30:00+07:00"));
    expect(issueState(h, at("2026-11-23T13:30:00+07:00")).issuing).toBe(true);
  });

  it("says before-opening and after-closing at the ends of the day", () => {
    expect(issueState(h, at("2026-11-23T07:29:59+07:00")).reason).toBe("before-opening");
    const evening = issueState(h, at("2026-11-23T17:00:00+07:00"));
    expect(evening.reason).toBe("after-closing");
    expect(evening.opensAt).toBe(at("2026-11-24T07:30:00+07:00"));
  });

  it("opens Saturday morning only and not on Sunday", () => {
    expect(issueState(h, at("2026-11-28T09:00:00+07:00")).issuing).toBe(true);
    expect(issueState(h, at("2026-11-28T14:00:00+07:00")).reason).toBe("after-closing");
    const sunday = issueState(h, at("2026-11-29T09:00:00+07:00"));
    expect(sunday).toMatchObject({ issuing: false, reason: "day-off" });
    expect(sunday.opensAt).toBe(at("2026-11-30T07:30:00+07:00"));
  });
});

describe("issueState(): holidays", () => {
  const h = hall();
  it("closes on National Day 2026 (a Wednesday) with its name, and reopens Thursday 7:30", () => {
    const s = issueState(h, at("2026-09-02T09:00:00+07:00"));
    expect(s).toMatchObject({ issuing: false, reason: "holiday" });
    expect(s.day.name?.vi).toBe("Quốc khánh");
    expect(s.opensAt).toBe(at("2026-09-03T07:30:00+07:00"));
  });

  it("keeps the whole Tết break closed, Saturday mornings included, and reopens Monday 23/2/2026", () => {
    for (const d of ["2026-02-14T09:00", "2026-02-16T09:00", "2026-02-20T15:00", "2026-02-21T09:00"])
      expect(issueState(h, at(`${d}:00+07:00`)).reason).toBe("holiday");
    expect(issueState(h, at("2026-02-16T09:00:00+07:00")).opensAt).toBe(at("2026-02-23T07:30:00+07:00"));
    expect(issueState(h, at("2026-02-13T09:00:00+07:00")).issuing).toBe(true);
  });

  it("takes an admin's holiday the same way", () => {
    const h2 = hall((x) => {
      x.schedule.holidays.push({ from: "2026-11-23", name: { vi: "Nghỉ đột xuất", en: "Closed" } });
    });
    expect(issueState(h2, at("2026-11-23T09:00:00+07:00")).day.name?.vi).toBe("Nghỉ đột xuất");
  });
});

describe("issueState(): make-up working days", () => {
  const h = hall();
  it("works Saturday 22/8/2026 all day with Monday's hours (for Monday 31/8), unlike another Saturday", () => {
    const afternoon = issueState(h, at("2026-08-22T14:00:00+07:00"));
    expect(afternoon.issuing).toBe(true);
    expect(afternoon.day).toMatchObject({ kind: "makeup", hoursOf: "mon" });
    expect(issueState(h, at("2026-08-15T14:00:00+07:00")).reason).toBe("after-closing");
    expect(issueState(h, at("2026-08-31T09:00:00+07:00")).reason).toBe("holiday");
  });

  it("opens a Sunday made a working day", () => {
    const h2 = hall((x) => {
      x.schedule.workdays.push({ date: "2026-11-29", as: "fri", name: { vi: "Làm bù", en: "Make-up" } });
    });
    expect(issueState(h2, at("2026-11-29T16:00:00+07:00")).issuing).toBe(true);
    expect(issueState(h2, at("2026-11-29T17:00:00+07:00")).reason).toBe("after-closing");
  });
});

describe("issueState(): the issuing cut-off", () => {
  const h = hall((x) => {
    x.schedule.cutoffMin = 15;
  });
  it("stops issuing at 16:45 and 11:15 (ngừng cấp số), while the session goes on", () => {
    const last = issueState(h, at("2026-11-23T16:44:00+07:00"));
    expect(last.issuing).toBe(true);
    expect(last.until).toBe(at("2026-11-23T16:45:00+07:00"));
    const cut = issueState(h, at("2026-11-23T16:45:00+07:00"));
    expect(cut).toMatchObject({ issuing: false, reason: "cutoff" });
    expect(cut.opensAt).toBe(at("2026-11-24T07:30:00+07:00"));
    expect(issueState(h, at("2026-11-23T11:15:00+07:00")).reason).toBe("cutoff");
    // The counters still work until 17:00: the cut-off is about new tickets only.
    expect(counterExpected(h, 1, at("2026-11-23T16:50:00+07:00"))).toBe(true);
  });

  it("lets a field have its own cut-off", () => {
    const h2 = hall((x) => {
      x.schedule.cutoffMin = 15;
      x.services.find((s) => s.id === "dat-dai")!.cutoffMin = 60;
    });
    expect(issueState(h2, at("2026-11-23T16:10:00+07:00"), "dat-dai").reason).toBe("cutoff");
    expect(issueState(h2, at("2026-11-23T16:10:00+07:00"), "ho-tich").issuing).toBe(true);
  });
});

describe("issueState(): midnight in Asia/Ho_Chi_Minh", () => {
  const h = hall();
  it("changes day at 00:00 +07 (17:00 UTC), not at UTC midnight", () => {
    // Monday 23:59:59 local is Monday's evening; one second later it is Tuesday.
    const mon = issueState(h, at("2026-11-23T23:59:59+07:00"));
    expect(mon.day.date).toBe("2026-11-23");
    expect(mon.reason).toBe("after-closing");
    expect(mon.nextChange).toBe(at("2026-11-24T00:00:00+07:00"));
    const tue = issueState(h, at("2026-11-23T17:00:00Z"));
    expect(tue.day.date).toBe("2026-11-24");
    expect(tue.reason).toBe("before-opening");
    expect(tue.opensAt).toBe(at("2026-11-24T07:30:00+07:00"));
    // 2026-09-01T17:30Z is already 2 September in Hà Nội: National Day.
    expect(issueState(h, at("2026-09-01T17:30:00Z")).reason).toBe("holiday");
    expect(issueState(h, at("2026-09-02T17:00:00Z")).day.date).toBe("2026-09-03");
  });
});

describe("issueState(): fields, the manual override and the demo", () => {
  it("keeps a field to its own hours (land: mornings only)", () => {
    const h = hall((x) => {
      const land = x.services.find((s) => s.id === "dat-dai")!;
      land.hours = {
        mon: [["07:30", "11:30"]],
        tue: [["07:30", "11:30"]],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      };
    });
    const t = at("2026-11-23T14:00:00+07:00");
    expect(issueState(h, t, "dat-dai")).toMatchObject({ issuing: false, reason: "field-hours" });
    expect(issueState(h, t, "dat-dai").opensAt).toBe(at("2026-11-24T07:30:00+07:00"));
    expect(issueState(h, t, "ho-tich").issuing).toBe(true);
    expect(issueState(h, t).issuing).toBe(true);
    // Wednesday: no hours for land at all; the next is Monday.
    expect(issueState(h, at("2026-11-25T08:00:00+07:00"), "dat-dai").opensAt).toBe(
      at("2026-11-30T07:30:00+07:00"),
    );
  });

  it("closes a field for new tickets whatever the hours, with no opening foreseen", () => {
    const h = hall((x) => {
      x.services[0]!.open = false;
    });
    expect(issueState(h, at("2026-11-23T09:00:00+07:00"), "ho-tich")).toMatchObject({
      issuing: false,
      reason: "field-closed",
      opensAt: null,
    });
  });

  it("obeys a manual closing until it ends, and a manual opening outside the hours", () => {
    const closed = hall((x) => {
      x.schedule.override = { state: "closed", until: "2026-11-23T10:00:00+07:00", reason: null };
    });
    const s = issueState(closed, at("2026-11-23T09:00:00+07:00"));
    expect(s).toMatchObject({ issuing: false, reason: "manual", override: "closed" });
    expect(s.opensAt).toBe(at("2026-11-23T10:00:00+07:00"));
    expect(issueState(closed, at("2026-11-23T10:00:00+07:00")).issuing).toBe(true);
    const open = hall((x) => {
      x.schedule.override = { state: "open", until: "2026-11-29T12:00:00+07:00", reason: null };
    });
    expect(issueState(open, at("2026-11-29T09:00:00+07:00"))).toMatchObject({
      issuing: true,
      override: "open",
    });
    expect(issueState(open, at("2026-11-29T12:00:00+07:00")).reason).toBe("day-off");
  });

  it("lets the demo (enforceHours: false) issue on Sundays and holidays, but not in a closed field", () => {
    const demo = loadHallConfig();
    expect(issueState(demo, at("2026-11-29T03:00:00+07:00")).issuing).toBe(true);
    expect(issueState(demo, at("2026-09-02T09:00:00+07:00")).issuing).toBe(true);
    const closed = structuredClone(demo);
    closed.services[1]!.open = false;
    expect(issueState(closed, at("2026-09-02T09:00:00+07:00"), "chung-thuc").reason).toBe("field-closed");
  });
});

describe("counters and working time", () => {
  const h = hall((x) => {
    x.services.find((s) => s.id === "dat-dai")!.hours = {
      mon: [["07:30", "11:30"]],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    };
    x.counters.push({ number: 8, serviceIds: ["dat-dai"], priority: false });
  });

  it("expects a counter open while one of its fields is in session", () => {
    expect(counterExpected(h, 3, at("2026-11-23T14:00:00+07:00"))).toBe(true); // chung-thuc, dat-dai
    expect(counterExpected(h, 8, at("2026-11-23T09:00:00+07:00"))).toBe(true);
    expect(counterExpected(h, 8, at("2026-11-23T14:00:00+07:00"))).toBe(false);
    expect(counterExpected(h, 1, at("2026-09-02T09:00:00+07:00"))).toBe(false);
    expect(counterExpected(h, 99, at("2026-11-23T09:00:00+07:00"))).toBe(false);
  });

  it("counts the working minutes of a day: 7.5 h on a weekday and a make-up Saturday, 4 h on Saturday, 0 on a holiday", () => {
    expect(expectedOpenMs(h, "2026-11-23")).toBe(7.5 * H);
    expect(expectedOpenMs(h, "2026-11-28")).toBe(4 * H);
    expect(expectedOpenMs(h, "2026-08-22")).toBe(7.5 * H);
    expect(expectedOpenMs(h, "2026-09-02")).toBe(0);
    expect(expectedOpenMs(h, "2026-11-23", 8)).toBe(4 * H);
    expect(expectedOpenMs(h, "2026-11-24", 8)).toBe(0);
    // Up to an instant: 07:30–09:00 of Monday's schedule has passed at 9:00.
    expect(expectedOpenMs(h, "2026-11-23", 1, at("2026-11-23T09:00:00+07:00"))).toBe(1.5 * H);
    expect(closingTime(h, "2026-11-23")).toBe(at("2026-11-23T17:00:00+07:00"));
    expect(closingTime(h, "2026-09-02")).toBeNull();
  });

  it("applies today's counter assignments on their day only", () => {
    const h2 = hall((x) => {
      x.dayAssignments = { date: "2026-11-23", counters: [{ number: 1, serviceIds: ["dat-dai"] }] };
    });
    expect(countersOn(h2, "2026-11-23").find((c) => c.number === 1)!.serviceIds).toEqual(["dat-dai"]);
    const usual = h2.counters.find((c) => c.number === 1)!.serviceIds;
    expect(usual).not.toEqual(["dat-dai"]);
    expect(countersOn(h2, "2026-11-24").find((c) => c.number === 1)!.serviceIds).toEqual(usual);
  });

  it("describes a day: its kind, whose hours, its sessions", () => {
    expect(dayPlan(h, "2026-01-10")).toMatchObject({ kind: "makeup", weekday: "sat", hoursOf: "fri" });
    expect(dayPlan(h, "2026-11-23")).toMatchObject({
      kind: "workday",
      sessions: [
        [450, 690],
        [810, 1020],
      ],
    });
    expect(dayPlan(h, "2026-11-29").kind).toBe("day-off");
  });
});
