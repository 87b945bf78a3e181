/**
 * The report worker thread: same answers as the inline engine, reads what the hall commits
 * meanwhile (WAL), passes contract error codes back, and refuses work beyond its queue.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../../server/queue/types.ts";
import { inlineRunner, WorkerReportRunner } from "../../../server/reports/runner.ts";
import type { ReportRequest } from "../../../server/reports/service.ts";
import { scriptedHall, smallHall } from "./scripted-hall.ts";

const dir = mkdtempSync("/tmp/rep-runner-");
const config = smallHall();
let h: ReturnType<typeof scriptedHall>;
let worker: WorkerReportRunner;
const req = (query: ReportRequest["query"], kind: ReportRequest["kind"] = "waits"): ReportRequest => ({
  kind,
  query,
  lang: "vi",
  now: h.clock.now(),
});

beforeAll(() => {
  h = scriptedHall("2025-03-04T08:00:00+07:00", config, join(dir, "qms.sqlite"));
  const { o1 } = h.officers;
  h.at("2025-03-04T08:00:00+07:00").openCounter(1, o1);
  h.issue("2025-03-04T08:00:00+07:00", "ho-tich");
  h.issue("2025-03-04T08:02:00+07:00", "ho-tich");
  h.at("2025-03-04T08:30:00+07:00").callNext(1, o1);
  h.at("2025-03-04T08:40:00+07:00").finish(1, o1);
  worker = new WorkerReportRunner({ dbPath: join(dir, "qms.sqlite"), config: () => config, maxQueue: 2 });
});
afterAll(() => {
  worker.close();
  h.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("report worker", () => {
  it("gives the same JSON and files as the engine run inline", async () => {
    const inline = inlineRunner(h.deps.reports, () => config);
    for (const r of [
      req({ from: "2025-03-04", to: "2025-03-04", groupBy: "service" }),
      req({ preset: "today" }, "officers"),
      req({ from: "2025-03-04", to: "2025-03-04" }, "breaches"),
      req({ from: "2025-03-04", to: "2025-03-04", format: "csv" }),
    ])
      expect(await worker.run(r)).toEqual(await inline.run(r));
  });

  it("sees what the hall commits after it opened the file", async () => {
    const before = await worker.run(req({ from: "2025-03-04", to: "2025-03-04" }));
    expect(before.type === "json" && (before.body as { total: { tickets: number } }).total.tickets).toBe(2);
    h.issue("2025-03-04T09:00:00+07:00", "chung-thuc");
    const after = await worker.run(req({ from: "2025-03-04", to: "2025-03-04" }));
    expect(after.type === "json" && (after.body as { total: { tickets: number } }).total.tickets).toBe(3);
  });

  it("passes contract errors back as DomainError with their code", async () => {
    const e = await worker
      .run(req({ from: "2025-03-04", to: "2025-03-04", groupBy: "week" }))
      .catch((x) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid-group");
  });

  it("refuses requests beyond its queue with too-many-requests instead of piling them up", async () => {
    const q = req({ from: "2025-03-04", to: "2025-03-04" });
    const runs = [worker.run(q), worker.run(q), worker.run(q)];
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(((settled[2] as PromiseRejectedResult).reason as DomainError).code).toBe("too-many-requests");
  });
});
