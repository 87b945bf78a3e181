import { describe, expect, it } from "vitest";
import { ConfigError, loadHallConfig, parseHallConfig } from "../../../server/config/load.ts";
import { hallDevices } from "../../../server/contract/config.ts";

describe("the demo hall", () => {
  it("matches CONTRACT.md: its 7 fields A–G (and H, Trả kết quả, issue 15), counters 1–6 with 1–3 fields, counter 7 the priority counter", () => {
    const h = loadHallConfig();
    expect(h.id).toBe("phu-lien");
    expect(h.name.vi).toBe("Trung tâm Phục vụ hành chính công phường Phú Liên");
    expect(h.services.map((s) => `${s.prefix}:${s.id}`)).toEqual([
      "A:ho-tich",
      "B:chung-thuc",
      "C:dat-dai",
      "D:cu-tru",
      "E:bhxh",
      "F:chinh-sach",
      "G:kinh-doanh",
      "H:tra-ket-qua",
    ]);
    for (const c of h.counters.slice(0, 6)) expect(c.serviceIds.length).toBeGreaterThanOrEqual(1);
    for (const c of h.counters.slice(0, 6)) expect(c.serviceIds.length).toBeLessThanOrEqual(3);
    for (const s of h.services)
      expect(h.counters.slice(0, 6).filter((c) => c.serviceIds.includes(s.id)).length).toBeGreaterThanOrEqual(
        2,
      );
    expect(h.counters[6]).toMatchObject({ number: 7, priority: true, name: { vi: "Quầy ưu tiên" } });
    expect(h.counters[6]!.serviceIds).toHaveLength(8);
    expect(h.kiosks).toEqual([
      { id: "kiosk-1", name: "Ki-ốt 1", printer: "printer-1" },
      { id: "kiosk-2", name: "Ki-ốt 2", printer: "printer-2" },
    ]);
    expect(h.enforceHours).toBe(false);
    expect(h.hours.sat).toEqual([["07:30", "11:30"]]);
  });

  it("derives one MQTT device per LED board, keypad and rating pad of each counter, and per printer", () => {
    const ids = hallDevices(loadHallConfig()).map((d) => d.id);
    expect(ids).toContain("led-7");
    expect(ids).toContain("keypad-1");
    expect(ids).toContain("rating-3");
    expect(ids).toContain("printer-2");
    expect(ids).toHaveLength(23);
  });
});

describe("parseHallConfig()", () => {
  const base = `
id: test
name: { vi: "Thử", en: "Test" }
services: [{ id: a, prefix: A, name: { vi: "A", en: "A" } }]
counters: [{ number: 1, serviceIds: [a] }]
`;
  it("fills defaults (targets 15/5/40 min, on-time policy, hours enforced)", () => {
    const h = parseHallConfig(base, "x.yaml");
    expect(h.targets).toMatchObject({ waitMin: 15, priorityWaitMin: 5, starvationMin: 40 });
    expect(h.dispatch.policy).toBe("on-time");
    expect(h.enforceHours).toBe(true);
  });

  it("lists every problem: duplicate prefix, unknown service, field without counter, bad id", () => {
    const bad = `
id: Bad Hall
name: { vi: "X", en: "X" }
services:
  - { id: a, prefix: A, name: { vi: "A", en: "A" } }
  - { id: b, prefix: A, name: { vi: "B", en: "B" } }
counters: [{ number: 1, serviceIds: [a, zz] }]
`;
    let msg = "";
    try {
      parseHallConfig(bad, "bad.yaml");
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      msg = (e as Error).message;
    }
    expect(msg).toContain("bad.yaml");
    // Where (path and words) and why, in Vietnamese then English.
    expect(msg).toContain("id: Mã: chỉ dùng chữ thường không dấu");
    expect(msg).toContain(
      "services.1.prefix: Lĩnh vực “B” › Ký tự đầu số: ký tự “A” đã được lĩnh vực “A” dùng",
    );
    expect(msg).toContain("the prefix “A” is already used by “A”");
    expect(msg).toContain("counters.0.serviceIds.1: Quầy 1 › Lĩnh vực phục vụ thứ 2: không có lĩnh vực “zz”");
    expect(msg).toContain(
      "services.1: Lĩnh vực “B”: lĩnh vực “B” đang tiếp nhận nhưng không quầy nào phục vụ",
    );
  });

  it("refuses a misspelt setting, overlapping hours and a text printer without a code page", () => {
    const bad = `${base}
hours: { mon: [["07:30", "11:30"], ["11:00", "17:00"]] }
printers: [{ id: p1, mode: text }]
sevices: []
`;
    expect(() => parseHallConfig(bad, "bad.yaml")).toThrow(/không có cài đặt “sevices”/);
    expect(() => parseHallConfig(bad, "bad.yaml")).toThrow(
      /hours\.mon: Giờ làm việc › Thứ Hai: hai khoảng giờ 07:30–11:30 và 11:00–17:00 chồng lên nhau/,
    );
    expect(() => parseHallConfig(bad, "bad.yaml")).toThrow(/printers\.0\.codepage: Máy in “p1” › Bảng mã/);
  });

  it("lets a closed field wait for its counter, but not an open one", () => {
    const withB = (open: boolean) =>
      `${base.replace("services: [", `services: [{ id: b, prefix: B, open: ${open}, name: { vi: "B", en: "B" } }, `)}`;
    expect(parseHallConfig(withB(false), "x.yaml").services.map((s) => s.id)).toEqual(["b", "a"]);
    expect(() => parseHallConfig(withB(true), "x.yaml")).toThrow(/không quầy nào phục vụ/);
  });

  it("rejects text that is not YAML or JSON", () => {
    expect(() => parseHallConfig("{ not json", "x.json")).toThrow(/cannot parse/);
  });
});
