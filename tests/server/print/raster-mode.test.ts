import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderTicket } from "../../../server/print/render.ts";
import { decodeQr, requireTesseract } from "../../helpers/tools.ts";
import { decodeEscPos, toPbm } from "./escpos-decode.ts";
import { demoPrinter, demoTicket } from "./fixtures.ts";

// Reads the raster ticket as a person's phone and eyes would: zbarimg (Debian
// zbar-tools) for the QR, tesseract with Vietnamese data (tesseract-ocr-vie) for text.
const dir = mkdtempSync(join(tmpdir(), "print-raster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function image(bytes: Uint8Array, name: string, scale = 1): string {
  const p = decodeEscPos(bytes);
  expect(p.images).toHaveLength(1);
  const file = join(dir, `${name}.pbm`);
  writeFileSync(file, toPbm(p.images[0]!, scale));
  return file;
}
const zbar = (file: string) => decodeQr(file).join("\n");
const ocr = (file: string) =>
  execFileSync(requireTesseract("vie"), [file, "-", "-l", "vie"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  })
    .normalize("NFC")
    .replace(/[–—]/g, "-");

const raster = demoPrinter("printer-2"); // generic, no code page, raster, 48 columns

describe("raster ticket (GS v 0), decoded by npos and read back by zbar and tesseract", () => {
  const bytes = renderTicket(demoTicket(), raster);
  const file = image(bytes, "ticket-80mm");

  it("is a 576-dot-wide image and nothing else but init, feed and cut", () => {
    const p = decodeEscPos(bytes);
    expect(p.images[0]!.width).toBe(576);
    expect(p.lines).toHaveLength(0);
    expect(p.commands.filter((c) => c === "ESCt")).toHaveLength(0);
    expect(p.endsWithCut).toBe(true);
  });

  it("has a QR code that zbar reads as the status URL", () => {
    expect(zbar(file)).toBe("http://192.168.1.10:3000/t/k7m2x9qp4tz8w3");
  });

  it("has the number and the Vietnamese field name that tesseract reads", () => {
    const text = ocr(file);
    expect(text).toContain("E012");
    // The field name exactly, diacritics included (the en dash read as a hyphen).
    expect(text).toContain("Bảo hiểm xã hội - y tế");
    expect(text).toContain("Vui lòng chờ đến lượt");
    expect(text).toContain("08:05 22/11/2025");
    // The estimate and its upper figure, both languages.
    expect(text).toContain("khoảng 14 phút");
    expect(text).toContain("chậm nhất 22 phút");
    expect(text).toMatch(/at most 22 min/);
  });

  it("prints on 58 mm paper (384 dots) with a readable QR and field name", () => {
    const narrow = { ...raster, columns: 32 };
    const b = renderTicket(demoTicket("ho-tich", { number: "A007" }), narrow);
    expect(decodeEscPos(b).images[0]!.width).toBe(384);
    const f = image(b, "ticket-58mm", 2);
    expect(zbar(f)).toBe("http://192.168.1.10:3000/t/k7m2x9qp4tz8w3");
    const text = ocr(f);
    expect(text).toContain("A007");
    expect(text).toContain("Hộ tịch");
  });
});
