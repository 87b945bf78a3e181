/**
 * The staffing worker thread (staffing-runner.ts): simulates the rest of the day for the
 * manager's staffing advice off the hall's thread, one request at a time.
 */

import { adviseStaffing } from "./staffing.ts";
import type { StaffingFromWorker, StaffingToWorker } from "./staffing-runner.ts";

declare const self: Worker;

self.onmessage = (ev: MessageEvent<StaffingToWorker>) => {
  const m = ev.data;
  let reply: StaffingFromWorker;
  try {
    reply = { id: m.id, advice: adviseStaffing(m.input, m.runs) };
  } catch (e) {
    reply = { id: m.id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  postMessage(reply);
};
