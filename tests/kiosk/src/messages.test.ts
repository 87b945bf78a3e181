/**
 * The visitor apps' message tables: every string in both languages with the same
 * placeholders, Vietnamese with its diacritics, and a specific message (not the generic
 * one) for each refusal the kiosk and phone can meet.
 */
import { describe, expect, it } from "vitest";
import { KIOSK_MESSAGES, kioskError, kioskText } from "../../../kiosk/src/messages.ts";
import { PHONE_MESSAGES, phoneError } from "../../../kiosk/src/phone-messages.ts";
import { ERRORS } from "../../../server/contract/errors.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ["kiosk", KIOSK_MESSAGES],
  ["phone", PHONE_MESSAGES],
] as const)("%s message table", (_name, table) => {
  it("has a Vietnamese and an English text for every key, with the same placeholders", () => {
    for (const [key, { vi, en }] of Object.entries(table)) {
      expect(vi.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(placeholders(vi), key).toEqual(placeholders(en));
    }
  });

  it("writes Vietnamese in precomposed Unicode (NFC), as fonts and screen readers expect", () => {
    for (const [key, { vi }] of Object.entries(table)) expect(vi, key).toBe(vi.normalize("NFC"));
  });
});

describe("error texts", () => {
  it("give the kiosk a specific message for every refusal of POST /api/tickets and of a reprint", () => {
    const generic = kioskText("err-generic", "vi");
    for (const code of [
      "hall-closed",
      "service-closed",
      "service-not-found",
      "invalid-priority",
      "too-many-requests",
      "storage-unavailable",
      "network-error",
      "printer-offline",
      "printer-no-paper",
      "print-in-progress",
    ]) {
      expect(kioskError(code, "vi"), code).not.toBe(generic);
      expect(kioskError(code, "en"), code).not.toBe(kioskText("err-generic", "en"));
    }
  });

  it("name only codes the API really has (no typo would ever match)", () => {
    const apiCodes = new Set([...Object.keys(ERRORS), "network-error"]);
    const used = [...Object.keys(KIOSK_MESSAGES), ...Object.keys(PHONE_MESSAGES)]
      .filter((k) => k.startsWith("err-") && k !== "err-generic" && k !== "err-reprint")
      .map((k) => k.slice(4));
    for (const code of used) expect(apiCodes.has(code), code).toBe(true);
  });

  it("fall back to a generic text for an unknown code", () => {
    expect(kioskError("no-such-code", "vi")).toBe(kioskText("err-generic", "vi"));
    expect(phoneError("no-such-code", "en")).toBe(PHONE_MESSAGES["err-generic"].en);
  });

  it("tell the visitor on the phone why a cancel or a rating was refused", () => {
    expect(phoneError("ticket-not-waiting", "vi")).toBe(PHONE_MESSAGES["err-ticket-not-waiting"].vi);
    expect(phoneError("not-finished", "vi")).toBe("Chỉ đánh giá được sau khi đã giải quyết xong.");
    expect(phoneError("rating-closed", "en")).toBe("The rating window has closed.");
  });
});
