import { describe, expect, it } from "vitest";
import { visibleWidth } from "../../../server/print/cp1258.ts";
import { renderTicket } from "../../../server/print/render.ts";
import { decodeEscPos } from "./escpos-decode.ts";
import { demo, demoPrinter, demoTicket } from "./fixtures.ts";

const epson = demoPrinter("printer-1"); // epson, codepage 52, text mode, 48 columns

describe("text-mode ticket (WPC1258), decoded by npos", () => {
  it("selects the printer's code page before any text and prints the number bigger than double size", () => {
    const p = decodeEscPos(renderTicket(demoTicket(), epson));
    expect(p.initialized).toBe(true);
    expect(p.commands.slice(0, 2)).toEqual(["ESC@", "ESCt"]);
    expect(p.lines.every((l) => l.codepage === 52)).toBe(true);
    const num = p.lines.find((l) => l.text === "E012");
    expect(num).toBeDefined();
    expect(num!.widthMul).toBeGreaterThanOrEqual(2);
    expect(num!.heightMul).toBeGreaterThanOrEqual(2);
    expect(num!.align).toBe("center");
  });

  it("prints every demo field name exactly, in Vietnamese with its English line after it", () => {
    for (const s of demo.services) {
      const p = decodeEscPos(renderTicket(demoTicket(s.id), epson));
      const texts = p.lines.map((l) => l.text);
      const i = texts.indexOf(s.name.vi);
      expect(i, s.name.vi).toBeGreaterThan(0);
      expect(texts[i + 1]).toBe(s.name.en);
      expect(p.lines[i]!.bold).toBe(true);
      expect(p.lines[i + 1]!.font).toBe("b"); // English second, smaller
    }
  });

  it("carries the status URL in a native QR code (model 2) and ends with a cut", () => {
    const p = decodeEscPos(renderTicket(demoTicket(), epson));
    expect(p.qr).toHaveLength(1);
    expect(p.qr[0]).toMatchObject({
      data: "http://192.168.1.10:3000/t/k7m2x9qp4tz8w3",
      model: 2,
      level: "M",
      printed: true,
    });
    expect(p.qr[0]!.moduleSize).toBeGreaterThanOrEqual(4);
    expect(p.cuts).toBe(1);
    expect(p.endsWithCut).toBe(true);
  });

  it("prints the hall, time, people ahead, wait and the closing line", () => {
    const texts = decodeEscPos(renderTicket(demoTicket(), epson)).lines.map((l) => l.text);
    // The hall name, wrapped on two balanced lines, then its English name.
    expect(texts.slice(0, texts.indexOf(demo.name.en)).join(" ")).toBe(demo.name.vi);
    expect(texts).toContain("Giờ lấy số: 08:05 22/11/2025");
    expect(texts).toContain("Số người đang chờ trước bạn: 3");
    expect(texts).toContain("Thời gian chờ dự kiến: khoảng 14 phút,");
    expect(texts).toContain("chậm nhất 22 phút");
    expect(texts).toContain("Estimated wait: about 14 min,");
    expect(texts).toContain("at most 22 min");
    expect(texts).toContain("Vui lòng chờ đến lượt");
    expect(texts).toContain("Please wait for your turn");
  });

  it("uses the code page number from the printer's config", () => {
    const xp = { ...epson, id: "xp", model: "xprinter" as const, codepage: 27 };
    const p = decodeEscPos(renderTicket(demoTicket("ho-tich"), xp));
    expect(p.lines.every((l) => l.codepage === 27)).toBe(true);
    expect(p.lines.map((l) => l.text)).toContain("Hộ tịch");
  });

  it("never prints a line wider than the paper on 58 mm (32 columns)", () => {
    const narrow = { ...epson, columns: 32 };
    const d = demoTicket("chinh-sach", {
      priority: { vi: "Người có công với cách mạng", en: "Person with meritorious service" },
    });
    const p = decodeEscPos(renderTicket(d, narrow));
    for (const l of p.lines) {
      const cols = l.font === "b" ? Math.floor((32 * 7) / 6) : 32;
      expect(visibleWidth(l.text) * l.widthMul, l.text).toBeLessThanOrEqual(cols);
    }
    expect(p.lines.map((l) => l.text)).toContain("F012");
  });

  it("falls back to a raster image when a text-mode printer has no code page", () => {
    const p = decodeEscPos(renderTicket(demoTicket(), { ...epson, codepage: null }));
    expect(p.lines).toHaveLength(0);
    expect(p.images).toHaveLength(1);
  });
});
