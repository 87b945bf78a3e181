/** When the daily backup is due (server/settings/backup-plan.ts). */
import { describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { backupDue, backupTime } from "../../../server/settings/backup-plan.ts";

const cfg = loadHallConfig();
const at = (s: string) => Date.parse(`${s}+07:00`);

describe("backupDue", () => {
  it("is due 30 min after closing on a weekday (17:00 → 17:30), once per day", () => {
    expect(backupTime(cfg, "2026-11-23")).toBe(at("2026-11-23T17:30:00"));
    expect(backupDue(cfg, at("2026-11-23T17:29:00"), null)).toBeNull();
    expect(backupDue(cfg, at("2026-11-23T17:31:00"), "2026-11-22")).toBe("2026-11-23");
    expect(backupDue(cfg, at("2026-11-23T19:00:00"), "2026-11-23")).toBeNull();
  });

  it("is due at 12:00 on Saturday (closing 11:30), 18:00 on Sunday and on a holiday, at the set time if any", () => {
    expect(backupTime(cfg, "2026-11-28")).toBe(at("2026-11-28T12:00:00"));
    expect(backupTime(cfg, "2026-11-29")).toBe(at("2026-11-29T18:00:00"));
    expect(backupTime(cfg, "2026-09-02")).toBe(at("2026-09-02T18:00:00"));
    const set = { ...cfg, backup: { ...cfg.backup, time: "21:15" } };
    expect(backupTime(set, "2026-11-23")).toBe(at("2026-11-23T21:15:00"));
    expect(
      backupDue({ ...cfg, backup: { ...cfg.backup, enabled: false } }, at("2026-11-23T23:00:00"), null),
    ).toBeNull();
  });
});
