/** The board's closed line (display/src/hall-closed.ts) for each reason of the schedule rule. */
import { describe, expect, it } from "vitest";
import { closedLine } from "../../display/src/hall-closed.ts";

const TODAY = "2026-11-23"; // a Monday
const status = (
  reason: string,
  opensAt: string | null,
  dayName: { vi: string; en: string } | null = null,
) => ({
  issuing: false,
  reason,
  dayName,
  until: null,
  opensAt,
  nextChangeAt: "2026-11-23T13:30:00.000+07:00",
  sessions: [] as [string, string][],
});

describe("the board's closed line", () => {
  it("says nothing while the hall issues", () => {
    expect(closedLine({ ...status("break", null), issuing: true }, TODAY)).toBeNull();
    expect(closedLine(undefined, TODAY)).toBeNull();
  });

  it("lunch break: reopening time today", () => {
    expect(closedLine(status("break", "2026-11-23T13:30:00.000+07:00"), TODAY)).toEqual({
      vi: "Trung tâm đang nghỉ trưa, làm việc lại lúc 13:30.",
      en: "The center is on its lunch break; open again at 13:30.",
    });
  });

  it("a holiday: its name and the next working day with its weekday", () => {
    const s = status("holiday", "2026-09-03T07:30:00.000+07:00", { vi: "Quốc khánh", en: "National Day" });
    expect(closedLine(s, "2026-09-02")).toEqual({
      vi: "Hôm nay nghỉ lễ Quốc khánh, làm việc lại lúc 07:30 thứ Năm 03/09.",
      en: "Closed today: National Day; open again at 07:30 on Thursday 03/09.",
    });
  });

  it("after the cut-off: those holding numbers are still served", () => {
    expect(closedLine(status("cutoff", "2026-11-24T07:30:00.000+07:00"), TODAY)?.vi).toBe(
      "Đã ngừng cấp số hôm nay; các số đã cấp vẫn được phục vụ.",
    );
  });

  it("after closing, a manual closing without a known end", () => {
    expect(closedLine(status("after-closing", "2026-11-24T07:30:00.000+07:00"), TODAY)?.vi).toBe(
      "Trung tâm đã hết giờ làm việc hôm nay, làm việc lại lúc 07:30 thứ Ba 24/11.",
    );
    expect(closedLine(status("manual", null), TODAY)).toEqual({
      vi: "Trung tâm tạm ngừng cấp số.",
      en: "Ticket issuing is paused.",
    });
  });
});
