/**
 * The rule of the design (issue 10): renaming a response field in the contract breaks
 * the build wherever the field is read or written. A scratch copy of the sources gets
 * three renames in server/contract/api/, then `tsc` runs on it:
 *
 *   Ticket.estimatedWaitMin → etaMinutes          read by the kiosk and the phone page
 *   TodayFigures.noShows    → noShowCount         read by the officer console
 *   GET /api/counters/{n}/rating `last` → lastVisit  read by the rating tablet's client call
 *
 * It must fail in each app that reads those fields (through the typed client or the
 * contract's types) and in the server handlers that answer them, and nowhere else: every
 * error names an old field, so the copy is otherwise sound. The real tree compiles
 * (`npm run typecheck`), which is the other half of the check.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const scratch = mkdtempSync(join(tmpdir(), "qms-rename-guard-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Replaces `from` by `to` in a file of the copy; fails when `from` is not there. */
function rename(file: string, from: RegExp, to: string): void {
  const p = join(scratch, file);
  const src = readFileSync(p, "utf8");
  expect(src, `${file} should contain ${from}`).toMatch(from);
  writeFileSync(p, src.replace(from, to));
}

/** Where the renamed fields are read: the apps, through the contract's types. */
const READERS = [
  "kiosk/src/kiosk-phone-app.ts",
  "kiosk/src/kiosk-ticket.ts",
  "counter/src/console/counter-queue.ts",
  "counter/src/rating/rating-app.ts",
];
/** Where they are written: the read side (views.ts) and the handlers must answer the declared shape. */
const WRITERS = ["server/hall/views.ts", "server/http/routes/public.ts"];

describe("renaming a response field in the contract", () => {
  it("fails tsc in every app that reads it, and in the server that answers it", () => {
    for (const dir of ["server", "ui", "kiosk/src", "counter/src", "display/src", "scripts"])
      cpSync(join(ROOT, dir), join(scratch, dir), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"));
    const base = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8"));
    // Only the readers and writers of the renamed fields (and what they import): a full
    // project check would take twice as long for no more evidence.
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({ ...base, include: [...READERS, ...WRITERS, "server/**/*.d.ts"] }),
    );

    rename("server/contract/api/wire.ts", /\bestimatedWaitMin:/, "etaMinutes:");
    rename("server/contract/api/counters.ts", /\bnoShows: z/, "noShowCount: z");
    rename("server/contract/api/public.ts", /\blast: RatingTarget/, "lastVisit: RatingTarget");

    let out = "";
    try {
      execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["--noEmit", "--noErrorTruncation", "-p", scratch], {
        cwd: scratch,
        encoding: "utf8",
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? "");
    }
    // One block per error: its first line (file, position) and the indented explanation.
    const errors = out.split(/\n(?=\S)/).filter((b) => /^\S+\.ts\(\d+,\d+\): error/.test(b));
    const files = new Set(errors.map((b) => b.slice(0, b.indexOf("("))));

    for (const f of [...READERS, ...WRITERS]) expect(files, f).toContain(f);
    // Nothing else broke: each error is about one of the renamed fields.
    for (const b of errors)
      expect(b.slice(0, 300)).toSatisfy(() =>
        /estimatedWaitMin|etaMinutes|noShows|noShowCount|\blast\b|lastVisit/.test(b),
      );
  }, 180_000);
});
