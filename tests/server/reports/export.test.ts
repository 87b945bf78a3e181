/**
 * CSV and XLSX exports read back and compared with the JSON they were made from: same
 * columns in the same order, same values (numbers as numbers, null as empty), Vietnamese
 * text intact, total row last.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  BREACH_COLUMNS,
  OFFICER_REPORT_COLUMNS,
  WAIT_REPORT_COLUMNS,
} from "../../../server/contract/index.ts";
import { buildBreachList } from "../../../server/reports/breaches.ts";
import {
  breachTable,
  type Cell,
  fileName,
  officerTable,
  safeText,
  type Table,
  toCsv,
  toXlsx,
  waitTable,
} from "../../../server/reports/export.ts";
import { buildOfficerReport } from "../../../server/reports/officers.ts";
import { buildWaitReport } from "../../../server/reports/waits.ts";
import { parseCsv, readXlsx } from "./read-back.ts";
import { DAY, NEXT, playScenario } from "./scenario.ts";

const fromCsv = (s: string, like: Cell): Cell => (s === "" ? null : typeof like === "number" ? Number(s) : s);

let h: ReturnType<typeof playScenario>;
beforeAll(() => {
  h = playScenario();
});

function tables(): [string, Table, readonly string[], object[]][] {
  const range = { from: DAY, to: NEXT, days: 2 };
  const w = buildWaitReport(h.deps, { range, groupBy: "service", lang: "vi" });
  const o = buildOfficerReport(h.deps, { range, groupBy: "officer", lang: "vi" });
  const b = buildBreachList(h.deps, { range, lang: "vi", limit: 100, offset: 0 });
  return [
    ["waits", waitTable(w, "vi"), WAIT_REPORT_COLUMNS, [...w.rows, w.total]],
    ["officers", officerTable(o, "vi"), OFFICER_REPORT_COLUMNS, [...o.rows, o.total]],
    ["breaches", breachTable(b, "vi"), BREACH_COLUMNS, b.rows],
  ];
}

describe("report exports", () => {
  it("JSON rows have exactly the export columns, in order", () => {
    for (const [name, , columns, json] of tables())
      for (const row of json) expect(Object.keys(row), name).toEqual([...columns]);
  });

  it("CSV starts with a UTF-8 BOM, ends lines with CRLF and reads back to the JSON values", () => {
    for (const [name, t, columns, json] of tables()) {
      const csv = toCsv(t);
      expect(csv.charCodeAt(0), name).toBe(0xfeff);
      const bytes = new TextEncoder().encode(csv);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(csv.slice(1));
      expect(header, name).toEqual([...columns]);
      expect(rows.length, name).toBe(json.length);
      rows.forEach((r, i) => {
        const expected = Object.values(json[i]!) as Cell[];
        expect(
          r.map((s, j) => fromCsv(s, expected[j]!)),
          `${name} row ${i}`,
        ).toEqual(expected);
      });
    }
  });

  it("CSV keeps Vietnamese text and quotes what needs quoting", () => {
    const csv = toCsv(tables()[0]![1]);
    expect(csv).toContain("ho-tich,Hộ tịch,5,");
    expect(csv).toContain("total,Tổng cộng,10,");
    const t: Table = {
      title: "x",
      columns: ["a", "b"],
      rows: [['Quầy "1", tầng 2', "dòng 1\ndòng 2"]],
      about: [],
    };
    expect(parseCsv(toCsv(t).slice(1))[1]).toEqual(['Quầy "1", tầng 2', "dòng 1\ndòng 2"]);
  });

  it("XLSX reads back to the same columns and values, numbers as numbers", async () => {
    for (const [name, t, columns, json] of tables()) {
      const { rows, sheets } = await readXlsx(await toXlsx(t, "vi"));
      expect(sheets).toEqual(["Báo cáo", "Ghi chú"]);
      expect(rows[0], name).toEqual([...columns]);
      expect(rows.slice(1), name).toEqual(json.map((r) => Object.values(r)));
    }
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeText("Nguyễn Văn An")).toBe("Nguyễn Văn An");
  });

  it("names files in ASCII with the range", () => {
    expect(fileName("waits", { from: DAY, to: NEXT, days: 2 }, "service", "xlsx")).toBe(
      "bao-cao-cho-service-2025-03-04-2025-03-05.xlsx",
    );
  });
});
