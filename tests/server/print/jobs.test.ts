import { describe, expect, it } from "vitest";
import type { PrintJob } from "../../../server/contract/index.ts";
import { type PrintChange, PrintJobTracker, randomJobId } from "../../../server/print/jobs.ts";

/** A tracker on a fake clock: timers fire only when the test advances time. */
function setup(opts: { ackTimeoutMs?: number; publishFails?: boolean; maxJobs?: number } = {}) {
  let now = Date.UTC(2025, 10, 22, 1, 0);
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextTimer = 1;
  let nextJob = 1;
  const published: { topic: string; bytes: Uint8Array }[] = [];
  const logs: string[] = [];
  const changes: PrintChange[] = [];
  const tracker = new PrintJobTracker({
    base: "qms",
    hall: "phu-lien",
    printers: ["printer-1", "printer-2"],
    publish: (topic, bytes) => {
      if (opts.publishFails) return Promise.reject(new Error("broker down"));
      published.push({ topic, bytes });
    },
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, id: nextTimer++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    ackTimeoutMs: opts.ackTimeoutMs ?? 5000,
    maxJobs: opts.maxJobs,
    newJobId: () => `job-${nextJob++}`,
    log: (m) => logs.push(m),
  });
  tracker.onChange((c) => changes.push(c));
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  const msg = (topic: string, payload: string) =>
    tracker.handleMessage(`qms/phu-lien/${topic}`, new TextEncoder().encode(payload));
  const online = (id: string) => msg(`device/${id}/status`, "online");
  return { tracker, published, logs, changes, advance, msg, online, pendingTimers: () => timers.length };
}

const BYTES = Uint8Array.from([0x1b, 0x40, 0x41, 0x0a]);

describe("print job tracker", () => {
  it("publishes a job on the printer's job topic and marks it printed on ack", () => {
    const s = setup();
    s.online("printer-1");
    const job = s.tracker.submit("printer-1", "tk-abc", BYTES);
    expect(job).toMatchObject({ jobId: "job-1", printer: "printer-1", ticketCode: "tk-abc", state: "sent" });
    expect(s.published).toEqual([{ topic: "qms/phu-lien/printer/printer-1/job/job-1", bytes: BYTES }]);
    expect(s.msg("printer/printer-1/ack", "job-1")).toBe(true);
    expect(s.tracker.job("job-1")!.state).toBe("printed");
    expect(s.pendingTimers()).toBe(0);
    expect(s.changes.filter((c) => c.type === "job").map((c) => (c as { job: PrintJob }).job.state)).toEqual([
      "sent",
      "printed",
    ]);
  });

  it("fails a job that is not acknowledged in time, and a late ack still marks it printed", () => {
    const s = setup({ ackTimeoutMs: 4000 });
    s.online("printer-1");
    s.tracker.submit("printer-1", "tk-abc", BYTES);
    s.advance(3999);
    expect(s.tracker.job("job-1")!.state).toBe("sent");
    s.advance(1);
    expect(s.tracker.job("job-1")).toMatchObject({ state: "failed", error: "timeout" });
    s.msg("printer/printer-1/ack", "job-1");
    expect(s.tracker.job("job-1")!.state).toBe("printed");
    expect(s.tracker.job("job-1")!.error).toBeUndefined();
  });

  it("records the bridge's error reason", () => {
    const s = setup();
    s.online("printer-1");
    s.tracker.submit("printer-1", "tk-abc", BYTES);
    s.msg("printer/printer-1/ack", "job-1 error cover open");
    expect(s.tracker.job("job-1")).toMatchObject({ state: "failed", error: "cover open" });
  });

  it("reports a job to an offline or never-seen printer at once, without publishing it", () => {
    const s = setup();
    expect(s.tracker.submit("printer-1", "tk-1", BYTES).state).toBe("offline");
    s.online("printer-1");
    s.msg("device/printer-1/status", "offline");
    expect(s.tracker.submit("printer-1", "tk-2", BYTES)).toMatchObject({
      state: "offline",
      printerOnline: false,
    });
    expect(s.published).toHaveLength(0);
    expect(s.pendingTimers()).toBe(0);
  });

  it("reports a job to a printer out of paper at once; paper low still prints", () => {
    const s = setup();
    s.online("printer-1");
    s.msg("printer/printer-1/paper", "out");
    expect(s.tracker.submit("printer-1", "tk-1", BYTES)).toMatchObject({ state: "no-paper", paper: "out" });
    s.msg("printer/printer-1/paper", "low");
    expect(s.tracker.submit("printer-1", "tk-2", BYTES).state).toBe("sent");
    expect(s.published).toHaveLength(1);
    expect(s.tracker.printer("printer-1")).toMatchObject({ online: true, paper: "low" });
  });

  it("marks a waiting job offline when its bridge drops (last will)", () => {
    const s = setup();
    s.online("printer-1");
    s.tracker.submit("printer-1", "tk-1", BYTES);
    s.msg("device/printer-1/status", "offline");
    expect(s.tracker.job("job-1")!.state).toBe("offline");
    expect(s.pendingTimers()).toBe(0);
  });

  it("reprints the same bytes as a new job of the same ticket, only when the printer can print", () => {
    const s = setup();
    const first = s.tracker.submit("printer-1", "tk-1", BYTES);
    expect(first.state).toBe("offline");
    expect(s.tracker.reprint(first.jobId)).toEqual({ refused: "printer-offline" });
    s.online("printer-1");
    s.msg("printer/printer-1/paper", "out");
    expect(s.tracker.reprint(first.jobId)).toEqual({ refused: "printer-no-paper" });
    s.msg("printer/printer-1/paper", "ok");
    const again = s.tracker.reprint(first.jobId) as PrintJob;
    expect(again).toMatchObject({ jobId: "job-2", ticketCode: "tk-1", state: "sent", reprintOf: "job-1" });
    expect(s.published).toEqual([{ topic: "qms/phu-lien/printer/printer-1/job/job-2", bytes: BYTES }]);
    expect(s.tracker.reprint("job-2")).toEqual({ refused: "print-in-progress" });
    expect(s.tracker.reprint("nope")).toEqual({ refused: "print-job-not-found" });
    expect(s.tracker.jobsOfTicket("tk-1").map((j) => j.jobId)).toEqual(["job-1", "job-2"]);
  });

  it("logs and ignores garbage: bad acks, unknown jobs, other printers' jobs, bad status", () => {
    const s = setup();
    s.online("printer-1");
    s.online("printer-2");
    s.tracker.submit("printer-1", "tk-1", BYTES);
    const before = s.tracker.job("job-1");
    expect(s.msg("printer/printer-1/ack", "\u0000\u00ff garbage!!")).toBe(false);
    expect(s.msg("printer/printer-1/ack", "job-99")).toBe(false);
    expect(s.msg("printer/printer-2/ack", "job-1")).toBe(false); // not printer-2's job
    expect(s.msg("printer/printer-1/paper", "maybe")).toBe(false);
    expect(s.msg("printer/printer-9/paper", "ok")).toBe(false);
    expect(s.msg("device/printer-1/status", "sleepy")).toBe(false);
    expect(s.tracker.handleMessage("other/hall/printer/printer-1/ack", "job-1")).toBe(false);
    expect(s.tracker.job("job-1")).toEqual(before);
    expect(s.logs.length).toBeGreaterThanOrEqual(6);
  });

  it("keeps other printers working while one never answers", () => {
    const s = setup({ ackTimeoutMs: 5000 });
    s.online("printer-1");
    s.online("printer-2");
    s.tracker.submit("printer-1", "tk-1", BYTES); // printer-1 never answers
    s.advance(1000);
    s.tracker.submit("printer-2", "tk-2", BYTES);
    s.msg("printer/printer-2/ack", "job-2");
    expect(s.tracker.job("job-2")!.state).toBe("printed");
    s.advance(4000);
    expect(s.tracker.job("job-1")!.state).toBe("failed");
    expect(s.tracker.printers().map((p) => [p.id, p.recentFailures])).toEqual([
      ["printer-1", 1],
      ["printer-2", 0],
    ]);
  });

  it("fails a job whose publish is rejected", async () => {
    const s = setup({ publishFails: true });
    s.online("printer-1");
    s.tracker.submit("printer-1", "tk-1", BYTES);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.tracker.job("job-1")).toMatchObject({ state: "failed", error: "publish-failed" });
  });

  it("lists the printers with status and last contact", () => {
    const s = setup();
    s.online("printer-2");
    s.msg("printer/printer-2/paper", "low");
    const ps = s.tracker.printers();
    expect(ps[0]).toMatchObject({ id: "printer-1", online: false, paper: null });
    expect(ps[0]!.lastSeen).toBeUndefined();
    expect(ps[1]).toMatchObject({
      id: "printer-2",
      online: true,
      paper: "low",
      lastSeen: "2025-11-22T08:00:00.000+07:00",
    });
    expect(s.changes.filter((c) => c.type === "printer")).toHaveLength(2);
    expect(s.tracker.subscriptions()).toEqual([
      "qms/phu-lien/printer/+/ack",
      "qms/phu-lien/printer/+/paper",
      "qms/phu-lien/device/printer-1/status",
      "qms/phu-lien/device/printer-2/status",
    ]);
  });

  it("forgets the oldest finished jobs beyond its limit, never one still waiting for its ack", () => {
    const s = setup({ maxJobs: 3 });
    s.online("printer-1");
    s.tracker.submit("printer-1", "tk-1", BYTES); // job-1 stays "sent"
    for (let i = 2; i <= 5; i++) {
      s.tracker.submit("printer-1", `tk-${i}`, BYTES);
      s.msg("printer/printer-1/ack", `job-${i}`);
    }
    expect(s.tracker.job("job-1")!.state).toBe("sent");
    expect(s.tracker.job("job-2")).toBeUndefined();
    expect(s.tracker.job("job-3")).toBeUndefined();
    expect(s.tracker.job("job-5")!.state).toBe("printed");
  });

  it("makes lowercase, unique job ids", () => {
    const ids = new Set(Array.from({ length: 1000 }, randomJobId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{16}$/);
  });
});
