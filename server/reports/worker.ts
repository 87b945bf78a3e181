/**
 * The report worker thread (runner.ts): opens the hall's database read-only once and
 * answers report requests one at a time. Errors with a contract code go back as such.
 */
import { DomainError } from "../queue/types.ts";
import { openDatabase } from "../store/db.ts";
import { ReportStore } from "../store/reports.ts";
import type { FromWorker, ToWorker } from "./runner.ts";
import { runReport } from "./service.ts";

declare const self: Worker;

let reports: ReportStore | null = null;

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.type === "init") {
    reports = new ReportStore(openDatabase(m.dbPath, { readonly: true }));
    return;
  }
  let reply: FromWorker;
  try {
    const result = await runReport({ reports: reports!, config: m.config, now: () => m.req.now }, m.req);
    reply = { id: m.id, result };
  } catch (e) {
    reply =
      e instanceof DomainError
        ? { id: m.id, error: { code: e.code, details: e.details } }
        : { id: m.id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  const transfer =
    "result" in reply && reply.result.type === "file" ? [reply.result.bytes.buffer as ArrayBuffer] : [];
  postMessage(reply, transfer);
};
