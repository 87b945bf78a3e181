/**
 * One known service day, Tuesday 2025-03-04 (Asia/Ho_Chi_Minh), and a few minutes after
 * midnight, played through the real hall with a fake clock. The expected figures of the
 * tests are worked out by hand from this table (seconds):
 *
 * | ticket | field (first) | prio    | end       | wait | in line | service | rating | first call | hour |
 * | A001   | ho-tich       | none    | done      |  300 |         | 420     | 4      | c1 an      | 08   |
 * | A002   | ho-tich       | none    | done      | 4500 |         | 180     | 2      | c1 an      | 08   |
 * | B001   | chung-thuc    | none    | no-show   |  480 |         |         |        | c2 binh    | 08   | (recalled once)
 * | B002   | chung-thuc    | none    | done      | 1020 |         | 600     |        | c2 binh    | 08   | (transferred to ho-tich, finished at c1)
 * | A003   | ho-tich       | none    | cancelled |      | 360     |         |        | —          | 08   |
 * | B003   | chung-thuc    | none    | done      |  900 |         | 300     | 3      | c2 binh    | 09   |
 * | A004   | ho-tich       | elderly | done      |   60 |         | 300     |        | c3 cuong   | 10   |
 * | A005   | ho-tich       | none    | cancelled |      | 25800   |         |        | —          | 16   | (left at day end)
 * | B004   | chung-thuc    | none    | done      |   40 |         | 15      |        | c2 binh    | 23   | (issued 23:59)
 * Next day 2025-03-05: B001 issued 00:01, called 00:03 at c2 (still held since 23:59), finished 00:04.
 */
import { expect } from "vitest";
import { scriptedHall } from "./scripted-hall.ts";

export const DAY = "2025-03-04";
export const NEXT = "2025-03-05";
const T = (hms: string, day = DAY) => `${day}T${hms}+07:00`;

export function playScenario() {
  const h = scriptedHall(T("07:00:00"));
  const { o1, o2, o3 } = h.officers;
  const call = (iso: string, n: number, who: typeof o1, expected: string) => {
    const r = h.at(iso).callNext(n, who);
    expect(r?.ticket.number, `call at ${iso}`).toBe(expected);
  };
  h.at(T("07:30:00")).openCounter(1, o1);
  h.at(T("07:30:00")).openCounter(2, o2);
  h.issue(T("08:00:00"), "ho-tich");
  h.issue(T("08:01:00"), "ho-tich");
  h.issue(T("08:02:00"), "chung-thuc");
  h.issue(T("08:03:00"), "chung-thuc");
  const a003 = h.issue(T("08:04:00"), "ho-tich");
  call(T("08:05:00"), 1, o1, "A001");
  h.at(T("08:05:30")).start(1, o1);
  call(T("08:10:00"), 2, o2, "B001");
  h.at(T("08:10:00")).cancel(a003.code);
  h.at(T("08:11:00")).recall(2, o2);
  h.at(T("08:12:00")).noShow(2, o2);
  h.at(T("08:12:30")).finish(1, o1);
  h.at(T("08:13:00")).rateAtCounter(1, 4);
  call(T("08:20:00"), 2, o2, "B002");
  h.at(T("08:20:30")).start(2, o2);
  h.at(T("08:25:00")).transfer(2, o2, { serviceId: "ho-tich" });
  // A002 waits longer; the transferred visitor is called out of order at counter 1.
  h.at(T("08:40:00")).callSpecific(1, o1, "B002", "chuyển từ quầy 2");
  h.at(T("08:50:00")).finish(1, o1);
  h.issue(T("09:00:00"), "chung-thuc");
  call(T("09:15:00"), 2, o2, "B003");
  call(T("09:16:00"), 1, o1, "A002");
  h.at(T("09:17:00")).start(1, o1);
  h.at(T("09:20:00")).finish(1, o1);
  h.at(T("09:20:00")).finish(2, o2);
  h.at(T("09:20:30")).rateAtCounter(1, 2);
  h.at(T("09:20:30")).rateAtCounter(2, 3);
  h.at(T("09:55:00")).openCounter(3, o3);
  h.issue(T("10:00:00"), "ho-tich", "elderly");
  call(T("10:01:00"), 3, o3, "A004");
  h.at(T("10:01:20")).start(3, o3);
  h.at(T("10:06:20")).finish(3, o3);
  h.at(T("10:30:00")).pause(2, o2, "họp giao ban");
  h.at(T("10:45:00")).resume(2, o2);
  h.at(T("11:30:00")).closeCounter(1, o1);
  h.at(T("11:30:00")).closeCounter(2, o2);
  h.at(T("11:30:00")).closeCounter(3, o3);
  h.issue(T("16:50:00"), "ho-tich"); // A005: nobody calls it
  h.issue(T("23:59:00"), "chung-thuc"); // B004
  h.at(T("23:59:10")).openCounter(2, o2);
  call(T("23:59:40"), 2, o2, "B004");
  h.at(T("23:59:55")).finish(2, o2);
  // Next service day: numbering restarts; the first command cancels A005 (rollover).
  const b1 = h.issue(T("00:01:00", NEXT), "chung-thuc");
  expect(b1.number).toBe("B001");
  call(T("00:03:00", NEXT), 2, o2, "B001");
  h.at(T("00:04:00", NEXT)).finish(2, o2);
  h.at(T("00:05:00", NEXT)).closeCounter(2, o2);
  h.at(T("10:00:00", "2025-03-06"));
  return h;
}
