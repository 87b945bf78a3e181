import { describe, expect, it } from "vitest";
import { clockDuration, secondsBetween, waitLevel } from "../../ui/wait.ts";

describe("waitLevel()", () => {
  it("is ok under two thirds of the 15-minute target, near from 10 minutes, over past 15", () => {
    expect(waitLevel(0)).toBe("ok");
    expect(waitLevel(599)).toBe("ok");
    expect(waitLevel(600)).toBe("near");
    expect(waitLevel(900)).toBe("near");
    expect(waitLevel(901)).toBe("over");
  });

  it("follows another hall target", () => {
    expect(waitLevel(400, 6)).toBe("over");
    expect(waitLevel(240, 6)).toBe("near");
  });
});

describe("secondsBetween()", () => {
  it("counts whole seconds between instants with offsets, never negative", () => {
    expect(secondsBetween("2026-03-02T08:00:00.000+07:00", "2026-03-02T01:12:30.900Z")).toBe(750);
    expect(secondsBetween("2026-03-02T08:00:00.000+07:00", Date.parse("2026-03-02T00:59:00Z"))).toBe(0);
    expect(secondsBetween(undefined, Date.now())).toBe(0);
    expect(secondsBetween("garbage", Date.now())).toBe(0);
  });
});

describe("clockDuration()", () => {
  it("prints m:ss under an hour and h:mm:ss above", () => {
    expect(clockDuration(0)).toBe("0:00");
    expect(clockDuration(65)).toBe("1:05");
    expect(clockDuration(18 * 60 + 1)).toBe("18:01");
    expect(clockDuration(3600 + 62)).toBe("1:01:02");
  });
});
