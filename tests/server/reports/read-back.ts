/** Reads report exports back for comparison with the JSON (tests only). */
import ExcelJS from "exceljs";
import type { Cell } from "../../../server/reports/export.ts";

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

/** Reads the data sheet of an XLSX file back as cells. */
export async function readXlsx(bytes: Uint8Array): Promise<{ rows: Cell[][]; sheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const ws = wb.worksheets[0]!;
  const rows: Cell[][] = [];
  ws.eachRow((r) => {
    const width = ws.getRow(1).cellCount;
    rows.push(Array.from({ length: width }, (_, i) => (r.getCell(i + 1).value ?? null) as Cell));
  });
  return { rows, sheets: wb.worksheets.map((s) => s.name) };
}
