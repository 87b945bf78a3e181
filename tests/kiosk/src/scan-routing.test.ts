/**
 * What a scan means on each kiosk screen (kiosk/src/scan-routing.ts): booking codes check in
 * from the field and booking screens, the card is read on the field screen only, the
 * dossier screen takes a code but never the card, and the ticket screen ignores scans.
 * The browser tests (kiosk-cccd, kiosk-booking, kiosk-dossier) drive the same through a page.
 */
import { describe, expect, it } from "vitest";
import { cardRefusal, routeScan, type Screen } from "../../../kiosk/src/scan-routing.ts";

const NOW = Date.parse("2026-11-23T09:00:00+07:00");
const CARD = "001050012345|012345678|Nguyễn Văn An|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10082021";
const BOOKING_URL = "https://xephang.example.gov.vn/hen/HK7Q-2M4X";
const DOSSIER = "000.00.12.H57-261123-0001";

describe("a scan on each screen", () => {
  it("a booking's QR or code checks in from the field screen and the booking screen", () => {
    for (const screen of ["start", "booking"] as Screen[]) {
      const r = routeScan(BOOKING_URL, screen, NOW);
      expect(r.do).toBe("check-in");
      expect(routeScan("hk7q-2m4x", screen, NOW).do).toBe("check-in");
    }
    // Elsewhere it is no check-in.
    expect(routeScan(BOOKING_URL, "priority", NOW)).toEqual({ do: "refuse", message: "scan-wrong-screen" });
    expect(routeScan(BOOKING_URL, "ticket", NOW)).toEqual({ do: "ignore" });
  });

  it("the citizen ID card is read on the field screen, refused on the others", () => {
    expect(routeScan(CARD, "start", NOW)).toEqual({ do: "read-card" });
    expect(routeScan(CARD, "booking", NOW)).toEqual({ do: "refuse", message: "scan-unreadable" });
    expect(routeScan(CARD, "priority", NOW)).toEqual({ do: "refuse", message: "scan-wrong-screen" });
    expect(routeScan(CARD, "ticket", NOW)).toEqual({ do: "ignore" });
  });

  it("the dossier screen takes the dossier code (cleaned, upper case, 40 characters at most), never the card", () => {
    expect(routeScan(`  ${DOSSIER.toLowerCase()}\n`, "dossier", NOW)).toEqual({
      do: "dossier-code",
      code: DOSSIER.toUpperCase(),
    });
    expect(routeScan("X".repeat(60), "dossier", NOW)).toEqual({ do: "dossier-code", code: "X".repeat(40) });
    expect(routeScan(CARD, "dossier", NOW)).toEqual({ do: "refuse", message: "scan-cccd-on-dossier" });
    // A card that does not parse (a wrong date) is still recognised by its 12-digit number.
    expect(routeScan("001050012345|x|y|99999999", "dossier", NOW)).toEqual({
      do: "refuse",
      message: "scan-cccd-on-dossier",
    });
  });

  it("while loading, scans are ignored", () => {
    expect(routeScan(CARD, "loading", NOW)).toEqual({ do: "ignore" });
  });
});

describe("a card read on the field screen", () => {
  it("says why a scan was no usable card", () => {
    expect(cardRefusal({ ok: true, elderly: true })).toBeNull();
    expect(cardRefusal({ ok: false, reason: "not-cccd" })).toBe("scan-not-cccd");
    expect(cardRefusal({ ok: false, reason: "not-here" })).toBe("scan-not-here");
    expect(cardRefusal({ ok: false, reason: "no-key-yet" })).toBe("scan-not-here");
    for (const reason of ["bad-id", "bad-birth-date", "id-mismatch", "bad-issue-date"] as const)
      expect(cardRefusal({ ok: false, reason })).toBe("scan-unreadable");
  });
});
