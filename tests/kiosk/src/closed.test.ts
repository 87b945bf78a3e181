/** The kiosk's closed banner from the schedule's answer (kiosk/src/closed.ts). */
import { describe, expect, it } from "vitest";
import { closedMessage, hallToday } from "../../../kiosk/src/closed.ts";

const base = { issuing: false, dayName: null, opensAt: null };

describe("closedMessage", () => {
  it("names the holiday and the day and hour the hall reopens", () => {
    const s = {
      ...base,
      reason: "holiday",
      dayName: { vi: "Quốc khánh", en: "National Day" },
      opensAt: "2026-09-03T07:30:00.000+07:00",
    };
    expect(closedMessage(s, "2026-09-02", "vi")).toBe(
      "Hôm nay nghỉ lễ: Quốc khánh. Trung tâm làm việc lại lúc 07:30 thứ Năm 03/09.",
    );
    expect(closedMessage(s, "2026-09-02", "en")).toBe(
      "Closed today: National Day. Open again Thursday 03/09 at 07:30.",
    );
  });

  it("says the lunch break and the hour issuing resumes today", () => {
    const s = { ...base, reason: "break", opensAt: "2026-11-23T13:30:00.000+07:00" };
    expect(closedMessage(s, "2026-11-23", "vi")).toBe("Đang giờ nghỉ trưa. Cấp số lại lúc 13:30.");
  });

  it("says the cut-off, with no reopening when none is foreseeable, and nothing while issuing", () => {
    expect(closedMessage({ ...base, reason: "cutoff" }, "2026-11-23", "vi")).toBe(
      "Đã ngừng cấp số thứ tự hôm nay.",
    );
    expect(closedMessage({ ...base, issuing: true, reason: null }, "2026-11-23", "vi")).toBeNull();
  });

  it("takes the hall's date in Asia/Ho_Chi_Minh", () => {
    expect(hallToday(Date.parse("2026-11-23T17:30:00Z"))).toBe("2026-11-24");
  });
});
