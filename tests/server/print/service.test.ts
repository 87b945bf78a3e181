import { describe, expect, it } from "vitest";
import type { Ticket } from "../../../server/contract/index.ts";
import { PrintJobTracker } from "../../../server/print/jobs.ts";
import { TicketPrinting } from "../../../server/print/service.ts";
import { decodeEscPos } from "./escpos-decode.ts";
import { demo } from "./fixtures.ts";

function setup() {
  const published: { topic: string; bytes: Uint8Array }[] = [];
  const tracker = new PrintJobTracker({
    base: "qms",
    hall: demo.id,
    printers: demo.printers.map((p) => p.id),
    publish: (topic, bytes) => {
      published.push({ topic, bytes });
    },
    log: () => {},
  });
  tracker.handleMessage("qms/phu-lien/device/printer-1/status", "online");
  return { printing: new TicketPrinting(demo, tracker), tracker, published };
}

const ticket: Ticket = {
  id: 7,
  code: "abcdefghijklmnop",
  number: "B007",
  serviceId: "chung-thuc",
  priority: "pregnant",
  status: "waiting",
  issuedAt: "2025-11-22T08:05:00.000+07:00",
  position: 4,
  estimatedWaitMin: 9,
  estimatedWaitMaxMin: 16,
  statusUrl: "http://hall.test/t/abcdefghijklmnop",
};

describe("printing issued tickets", () => {
  it("prints at the kiosk's printer what the ticket says", () => {
    const s = setup();
    const job = s.printing.forIssued(ticket, "kiosk-1", "vi", false)!;
    expect(job).toMatchObject({ printer: "printer-1", ticketCode: "abcdefghijklmnop", state: "sent" });
    expect(s.published[0]!.topic).toBe(`qms/phu-lien/printer/printer-1/job/${job.jobId}`);
    const texts = decodeEscPos(s.published[0]!.bytes).lines.map((l) => l.text);
    for (const t of ["B007", "Chứng thực", "Ưu tiên: Phụ nữ mang thai", "Giờ lấy số: 08:05 22/11/2025"])
      expect(texts).toContain(t);
    expect(texts).toContain("Số người đang chờ trước bạn: 4");
    expect(texts).toContain("Thời gian chờ dự kiến: khoảng 9 phút,");
    expect(texts).toContain("chậm nhất 16 phút");
  });

  it("prints nothing for a missing or unknown kiosk, and nothing new for a repeated request", () => {
    const s = setup();
    expect(s.printing.forIssued(ticket, undefined, "vi", false)).toBeUndefined();
    expect(s.printing.forIssued(ticket, "kiosk-99", "vi", false)).toBeUndefined();
    const first = s.printing.forIssued(ticket, "kiosk-1", "vi", false)!;
    const again = s.printing.forIssued(ticket, "kiosk-1", "vi", true)!;
    expect(again.jobId).toBe(first.jobId);
    expect(s.published).toHaveLength(1);
  });

  it("warms up in the background and can be cancelled", async () => {
    const s = setup();
    const cancel = s.printing.startWarmUp(0);
    await new Promise((r) => setTimeout(r, 30));
    cancel();
    expect(s.published).toHaveLength(0); // warming up renders, never prints
  });
});
